// Families "wire", "unknown-id" and "flags": the invalid frames of the golden
// vectors (src/wire/vectors), built on the requests the server takes in its
// initial state, each with the reaction wire-format §10.1 and §10.4 give a
// stream receiver: a header error closes the connection; a payload error
// inside a complete frame leaves it usable (a following request is still
// answered; an answer to the broken frame, if any, is the request's error
// message); an unknown message id closes it. Pure.
import { buildPlans } from "../../wire/plan.js";
import { type InvalidContext, maxSamples } from "../../wire/vectors/invalid-context.js";
import { invalidFrameCases } from "../../wire/vectors/invalid-frame-cases.js";
import { invalidValueCases } from "../../wire/vectors/invalid-value-cases.js";
import { SequenceCounter, type InvalidCase } from "../../wire/vectors/vector-case.js";
import type { WireErrorCode } from "../../wire/index.js";
import type { CaseKit } from "./case-kit.js";
import type { ConformanceCase } from "./case-model.js";
import { CaseScript, withSequence } from "./script.js";
import { afterReceive } from "./server-states.js";

/** Errors after which a stream cannot be trusted: the receiver closes (§10.1, §10.4). */
export const CLOSING_ERRORS: ReadonlySet<WireErrorCode> = new Set(["bad_magic", "unsupported_version", "invalid_flags", "frame_too_large", "unknown_message"]);

/** Vectors that only make sense for one complete buffer (a datagram): on a stream the receiver waits for more bytes or reads the extra byte as the next header. */
const BUFFER_ONLY = /^(header\.empty|header\.truncated|frame\.extra-byte|[a-z-]+\.truncated-payload)$/;

export function wireCases(kit: CaseKit): ConformanceCase[] {
  const { spec } = kit;
  const initial = spec.machines.responder.states.find((s) => s.name === spec.machines.responder.initial);
  const firstRequests = new Set((initial?.transitions ?? []).filter((t) => t.action === "receive").map((t) => t.message));
  const ctx: InvalidContext = { spec, codec: kit.codec, unchecked: kit.unchecked, plans: buildPlans(spec, { checkConstraints: false }), seq: new SequenceCounter() };
  const samples = maxSamples(ctx).filter((s) => firstRequests.has(s.message.name));
  const probe = samples.find((s) => s.message.kind === "request")?.message.name;
  const invalid = [...invalidFrameCases(ctx, samples), ...invalidValueCases(ctx, samples)];
  return invalid.filter((c) => !BUFFER_ONLY.test(c.name)).map((c) => caseOf(kit, c, probe));
}

function caseOf(kit: CaseKit, vector: InvalidCase, probe: string | undefined): ConformanceCase {
  const script = new CaseScript(kit);
  const broken = withSequence(vector.frame, script.nextSeq());
  const message = vector.message === undefined ? undefined : kit.message(vector.message);
  script.sendRaw(broken, `invalid frame ${vector.name} (${vector.error}${vector.path === undefined ? "" : ` at ${vector.path}`})`);
  const proves = [`wire:${vector.error}`, `vector:${vector.name}`];
  const { family, name } = nameOf(vector, message?.name);
  if (CLOSING_ERRORS.has(vector.error) || probe === undefined) {
    script.expectClose(`${vector.error} makes the stream unusable (wire-format §10.1, §10.4)`);
    return { name: `${name}${family === "wire" ? "/closes" : ""}`, family, proves, summary: `a frame failing with ${vector.error} (${vector.name}): the server closes the connection`, transports: ["tcp"], steps: script.steps };
  }
  const seq = script.send(probe);
  const error = message?.error;
  const messages = error === undefined ? [] : [error];
  const tolerate = message !== undefined && error !== undefined && errorEndsSession(kit, message.name, error) ? { seq: 1, messages, thenClose: true } : { seq: 1, messages };
  script.expectAnswer(probe, seq, undefined, { tolerate, purpose: "after a payload error the connection stays usable" });
  return {
    name: `${name}/continues`,
    family,
    proves,
    summary: `a complete frame failing with ${vector.error} (${vector.name}) leaves the connection usable: a following ${probe} is answered`,
    transports: ["tcp"],
    steps: script.steps,
  };
}

/** Whether the server machine ends in a terminal state after answering `request` (received in its initial state) with `error`. */
function errorEndsSession(kit: CaseKit, request: string, error: string): boolean {
  const machine = kit.spec.machines.responder;
  const initial = machine.states.find((s) => s.name === machine.initial);
  const after = initial === undefined ? undefined : afterReceive(kit.spec, initial, request);
  const to = after?.transitions.find((t) => t.action === "send" && t.message === error)?.to;
  return machine.states.find((s) => s.name === to)?.terminal === true;
}

/** `header.bad-magic` → wire/bad_magic, `control.ping-and-pong` → wire/control_ping_and_pong,
 *  `login.too-short` → wire/Login/too_short, `header.unknown-message` → unknown-id/<id>,
 *  `login.response-flag-unexpected` → flags/RESPONSE-on-Login. */
export function nameOf(vector: InvalidCase, message: string | undefined): { family: ConformanceCase["family"]; name: string } {
  const [group = "", rest = ""] = vector.name.split(".", 2);
  const snake = rest.replaceAll("-", "_");
  if (vector.name === "header.message-id-zero" || vector.name === "header.unknown-message") {
    const id = ((vector.frame[4] ?? 0) << 8) | (vector.frame[5] ?? 0);
    return { family: "unknown-id", name: `unknown-id/${id}` };
  }
  if (rest === "response-flag-unexpected" && message !== undefined) return { family: "flags", name: `flags/RESPONSE-on-${message}` };
  if (group === "header") return { family: "wire", name: `wire/${snake}` };
  if (group === "control") return { family: "wire", name: `wire/control_${snake}` };
  return { family: "wire", name: `wire/${message ?? group}/${snake}` };
}
