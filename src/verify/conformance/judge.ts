// Pure judgement of what the server sent: decoding with the reference codec,
// a readable description of a frame, and whether a frame is the answer a
// step expects.
import { type Codec, type DecodedFrame, FLAG_RESPONSE, WireError } from "../../wire/index.js";
import type { Accept, Step } from "./case-model.js";

export type Decoded = { readonly ok: true; readonly frame: DecodedFrame } | { readonly ok: false; readonly error: WireError };

const SHOWN_CHARS = 240;

export function decode(codec: Codec, bytes: Uint8Array): Decoded {
  try {
    return { ok: true, frame: codec.decodeFrame(bytes) };
  } catch (e) {
    if (e instanceof WireError) return { ok: false, error: e };
    throw e;
  }
}

/** `ErrorReply #1 {"code":"not_authenticated",…}`, `PONG #3`. */
export function describeFrame(codec: Codec, frame: DecodedFrame): string {
  if (frame.kind === "control") return `${frame.control.toUpperCase()} #${frame.header.sequence}`;
  const json = codec.toJsonText(frame.messageName, frame.value);
  return `${frame.messageName} #${frame.header.sequence} ${json.length > SHOWN_CHARS ? `${json.slice(0, SHOWN_CHARS)}…` : json}`;
}

export function describeUndecodable(error: WireError): string {
  return `a frame the reference codec rejects (${error.code}: ${error.message})`;
}

export type AnswerVerdict =
  | { readonly kind: "skip" }
  | { readonly kind: "tolerated" }
  | { readonly kind: "pass" }
  | { readonly kind: "fail"; readonly reason: string };

export interface JudgeContext {
  readonly codec: Codec;
  /** Which messages the server sends on its own (events): skipped while waiting. */
  isServerEvent(messageName: string): boolean;
  codeField(messageName: string): string | undefined;
}

type ExpectAnswer = Extract<Step, { kind: "expect-answer" }>;

/** What `frame` means for a step waiting for an answer. */
export function judgeAnswer(ctx: JudgeContext, step: ExpectAnswer, frame: DecodedFrame): AnswerVerdict {
  if (frame.kind === "control") return { kind: "skip" };
  const got = describeFrame(ctx.codec, frame);
  if ((frame.header.flags & FLAG_RESPONSE) === 0) {
    return ctx.isServerEvent(frame.messageName) ? { kind: "skip" } : { kind: "fail", reason: `${expected(step)}, got ${got}, which is not an answer` };
  }
  const seq = frame.header.sequence;
  if (step.tolerate !== undefined && seq === step.tolerate.seq && seq !== step.seq) {
    if (step.tolerate.messages.includes(frame.messageName)) return { kind: "tolerated" };
    return { kind: "fail", reason: `the broken frame #${seq} may only be answered with ${step.tolerate.messages.join(" or ") || "nothing"}, got ${got}` };
  }
  if (seq !== step.seq) return { kind: "fail", reason: `${expected(step)}, got ${got}, an answer to a sequence number no request of this case used` };
  const accept = step.accept.find((a) => a.message === frame.messageName);
  if (accept === undefined) return { kind: "fail", reason: `${expected(step)}, got ${got}` };
  const problem = codeProblem(ctx, accept, frame);
  return problem === undefined ? { kind: "pass" } : { kind: "fail", reason: `${expected(step)}, got ${got}: ${problem}` };
}

function codeProblem(ctx: JudgeContext, accept: Accept, frame: Extract<DecodedFrame, { kind: "message" }>): string | undefined {
  if (accept.codes === undefined && accept.notCodes === undefined) return undefined;
  const field = ctx.codeField(accept.message);
  if (field === undefined) return undefined;
  const code = String(frame.value[field]);
  if (accept.codes !== undefined && !accept.codes.includes(code)) return `code ${code}, expected ${accept.codes.join(" or ")}`;
  if (accept.notCodes?.includes(code) === true) return `code ${code}${accept.notCodesWhy === undefined ? " is not allowed here" : `: ${accept.notCodesWhy}`}`;
  return undefined;
}

/** `expected LoginOk|ErrorReply(not_authenticated) answering Login #1 (to reach serving)`. */
export function expected(step: ExpectAnswer): string {
  const what = step.accept.map((a) => `${a.message}${a.codes === undefined ? "" : `(${a.codes.join("|")})`}`).join("|");
  return `expected ${what} answering ${step.request} #${step.seq}${step.purpose === undefined ? "" : ` (${step.purpose})`}`;
}
