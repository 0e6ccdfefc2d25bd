// Runs one case's steps on a fresh link (a multi-peer case: one link per peer,
// each opened when its first step runs), each wait bounded by the step's
// timeout and the case's deadline, every loop by a frame budget. The first
// step that fails ends the case.
import { FLAG_RESPONSE } from "../../wire/index.js";
import { runEventStep } from "./behaviour-steps.js";
import type { AnswerCheck, ConformanceCase, Fill, Step } from "./case-model.js";
import { ConformanceError } from "./errors.js";
import { fieldProblem, sameValue, show, valueAt } from "./field-checks.js";
import { judgeHttp } from "./http-probe.js";
import { decode, describeFrame, describeUndecodable, expected, judgeAnswer, type JudgeContext } from "./judge.js";
import type { Link, OpenLink } from "./link.js";
import { PeerLink } from "./peer-link.js";
import { runDatagramStep } from "./udp-steps.js";
import type { WireObject, WireValue } from "../../wire/values.js";

export interface CaseTimings {
  /** Wait for an answer or a PONG. */
  readonly answerMs: number;
  /** Wait for the server to close the connection. */
  readonly closeMs: number;
  /** The whole case, connecting included. */
  readonly caseMs: number;
}

export const DEFAULT_CASE_TIMINGS: CaseTimings = { answerMs: 3000, closeMs: 2000, caseMs: 20_000 };

/** Frames skipped (events, control frames) while waiting in one step. */
const MAX_FRAMES_PER_STEP = 256;

export interface CaseResult {
  readonly name: string;
  readonly family: ConformanceCase["family"];
  readonly proves: readonly string[];
  readonly ok: boolean;
  /** Why it failed: expected vs got. */
  readonly reason?: string;
  readonly ms: number;
}

type StepOutcome = { readonly kind: "next" } | { readonly kind: "done" } | { readonly kind: "fail"; readonly reason: string };

export async function runCase(c: ConformanceCase, open: OpenLink, judge: JudgeContext, timings: CaseTimings = DEFAULT_CASE_TIMINGS): Promise<CaseResult> {
  const started = Date.now();
  const caseDeadline = started + timings.caseMs;
  const result = (reason?: string): CaseResult => ({ name: c.name, family: c.family, proves: c.proves, ok: reason === undefined, ...(reason === undefined ? {} : { reason }), ms: Date.now() - started });
  const multi = isMultiPeer(c);
  const links = new Map<number, Link>();
  const openPeer = async (peer: number): Promise<Link> => {
    const link = await open(Math.min(caseDeadline, Date.now() + timings.answerMs));
    const used = multi ? new PeerLink(link, judge) : link;
    links.set(peer, used);
    return used;
  };
  try {
    await openPeer(0);
  } catch (e) {
    return result(`could not connect: ${(e as Error).message}`);
  }
  const captured = new Map<string, WireObject>();
  try {
    for (const [index, step] of c.steps.entries()) {
      const peer = step.peer ?? 0;
      const at = multi ? `step ${index + 1} (peer ${peer})` : `step ${index + 1}`;
      let link = links.get(peer);
      if (link === undefined) {
        try {
          link = await openPeer(peer);
        } catch (e) {
          return result(`${at}: could not connect: ${(e as Error).message}`);
        }
      }
      const outcome = await runStep(step, link, judge, timings, caseDeadline, captured);
      if (outcome.kind === "fail") return result(`${at}: ${outcome.reason}`);
      if (outcome.kind === "done") break;
    }
    return result();
  } finally {
    for (const link of links.values()) link.close();
  }
}

/** A case with a step on another peer, an event step or an answer check: its links record events (peer-link.ts). */
export function isMultiPeer(c: ConformanceCase): boolean {
  return c.steps.some((s) => (s.peer ?? 0) !== 0 || s.kind === "expect-event" || s.kind === "expect-no-event" || s.kind === "disconnect" || (s.kind === "send" && s.fill !== undefined) || (s.kind === "expect-answer" && s.check !== undefined));
}

/** The frame `bytes` again, its fields set from captured answers (same sequence number and flags). */
function filled(bytes: Uint8Array, fill: readonly Fill[], judge: JudgeContext, captured: Map<string, WireObject>): Uint8Array {
  const frame = judge.codec.decodeFrame(bytes);
  if (frame.kind !== "message") return bytes;
  const value: Record<string, WireValue | undefined> = { ...frame.value };
  for (const f of fill) {
    const from = captured.get(f.capture);
    if (from === undefined) throw new ConformanceError("send", `no earlier answer was kept as ${f.capture} to fill ${f.field}`);
    value[f.field] = valueAt(from, f.path);
  }
  return judge.codec.encodeFrame(frame.messageName, value, { seq: frame.header.sequence, flags: frame.header.flags });
}

/** Why an answer's value fails the step's check, if it does. */
function checkProblem(check: AnswerCheck, value: WireObject, captured: Map<string, WireObject>): string | undefined {
  const fields = fieldProblem(value, check.fields ?? []);
  if (fields !== undefined) return fields;
  if (check.sameAs !== undefined) {
    const earlier = captured.get(check.sameAs);
    if (earlier === undefined) return `no earlier answer was kept as ${check.sameAs}`;
    if (!sameValue(value, earlier)) return `it differs from the earlier answer (${check.sameAs}) ${show(earlier)}`;
  }
  if (check.capture !== undefined) captured.set(check.capture, value);
  return undefined;
}

async function runStep(step: Step, link: Link, judge: JudgeContext, t: CaseTimings, caseDeadline: number, captured: Map<string, WireObject>): Promise<StepOutcome> {
  const until = (ms: number): number => Math.min(caseDeadline, Date.now() + ms);
  switch (step.kind) {
    case "send":
      try {
        await link.send(step.fill === undefined ? step.bytes : filled(step.bytes, step.fill, judge, captured));
        return { kind: "next" };
      } catch (e) {
        return { kind: "fail", reason: `could not send ${step.describe}: ${(e as Error).message}` };
      }
    case "expect-answer": {
      const deadline = until(t.answerMs);
      let tolerated = false;
      for (let i = 0; i < MAX_FRAMES_PER_STEP; i++) {
        const e = await link.next(deadline);
        if (e.kind === "timeout") return { kind: "fail", reason: `no answer to ${step.request} #${step.seq} within ${t.answerMs} ms` };
        if (e.kind === "closed") {
          if (tolerated && step.tolerate?.thenClose === true) return { kind: "done" };
          return { kind: "fail", reason: `waiting for the answer to ${step.request} #${step.seq}: ${e.why}` };
        }
        if (e.kind === "garbage") return { kind: "fail", reason: `the server sent bytes that break the framing (${e.error.code}: ${e.error.message})` };
        if (e.kind === "unmapped") return { kind: "fail", reason: `${expected(step)}, got ${e.describe}` };
        const d = decode(judge.codec, e.bytes);
        if (!d.ok) return { kind: "fail", reason: `waiting for the answer to ${step.request} #${step.seq}, got ${describeUndecodable(d.error)}` };
        const verdict = judgeAnswer(judge, step, d.frame);
        if (verdict.kind === "pass" && step.check !== undefined && d.frame.kind === "message") {
          const problem = checkProblem(step.check, d.frame.value, captured);
          if (problem !== undefined) return { kind: "fail", reason: `${expected(step)}, got ${describeFrame(judge.codec, d.frame)}: ${problem}` };
        }
        if (verdict.kind === "pass") return { kind: "next" };
        if (verdict.kind === "fail") return { kind: "fail", reason: verdict.reason };
        if (verdict.kind === "tolerated") tolerated = true;
      }
      return { kind: "fail", reason: `more than ${MAX_FRAMES_PER_STEP} frames without the answer to ${step.request} #${step.seq}` };
    }
    case "expect-pong": {
      const deadline = until(t.answerMs);
      for (let i = 0; i < MAX_FRAMES_PER_STEP; i++) {
        const e = await link.next(deadline);
        if (e.kind === "timeout") return { kind: "fail", reason: `no PONG #${step.seq} within ${t.answerMs} ms of PING #${step.seq}` };
        if (e.kind === "closed") return { kind: "fail", reason: `waiting for PONG #${step.seq}: ${e.why}` };
        if (e.kind === "garbage") return { kind: "fail", reason: `the server sent bytes that break the framing (${e.error.code})` };
        if (e.kind === "unmapped") return { kind: "fail", reason: `expected PONG #${step.seq}, got ${e.describe}` };
        const d = decode(judge.codec, e.bytes);
        if (!d.ok) return { kind: "fail", reason: `waiting for PONG #${step.seq}, got ${describeUndecodable(d.error)}` };
        const f = d.frame;
        if (f.kind === "control" && f.control === "pong") {
          return f.header.sequence === step.seq ? { kind: "next" } : { kind: "fail", reason: `expected PONG #${step.seq}, got PONG #${f.header.sequence}` };
        }
        if (f.kind === "message" && (f.header.flags & FLAG_RESPONSE) !== 0) return { kind: "fail", reason: `expected PONG #${step.seq}, got ${describeFrame(judge.codec, f)}` };
      }
      return { kind: "fail", reason: `more than ${MAX_FRAMES_PER_STEP} frames without PONG #${step.seq}` };
    }
    case "expect-close": {
      const deadline = until(t.closeMs);
      const seen: string[] = [];
      for (let i = 0; i < MAX_FRAMES_PER_STEP; i++) {
        const e = await link.next(deadline);
        if (e.kind === "closed" || e.kind === "garbage") return { kind: "next" };
        if (e.kind === "timeout") {
          const got = seen.length === 0 ? "no frame" : `only ${seen.slice(0, 3).join(", ")}${seen.length > 3 ? ", …" : ""}`;
          return { kind: "fail", reason: `expected the server to close the connection (${step.why}); it stayed open for ${t.closeMs} ms and sent ${got}` };
        }
        if (e.kind === "unmapped") {
          seen.push(e.describe);
          continue;
        }
        const d = decode(judge.codec, e.bytes);
        seen.push(d.ok ? describeFrame(judge.codec, d.frame) : describeUndecodable(d.error));
      }
      return { kind: "fail", reason: `expected a close, got more than ${MAX_FRAMES_PER_STEP} frames` };
    }
    case "expect-ack":
    case "expect-none":
    case "expect-same-answer":
      return runDatagramStep(step, link, judge, until(t.answerMs), t.answerMs);
    case "disconnect":
      link.close();
      return { kind: "next" };
    case "expect-event":
      return runEventStep(step, link, judge, until(t.answerMs), t.answerMs);
    case "expect-no-event":
      return runEventStep(step, link, judge, until(step.ms), step.ms);
    case "expect-silence": {
      const deadline = until(step.ms);
      for (let i = 0; i < MAX_FRAMES_PER_STEP; i++) {
        const e = await link.next(deadline);
        if (e.kind === "timeout") return { kind: "next" };
        if (e.kind === "closed") return { kind: "fail", reason: `expected no answer and an open connection: ${e.why}` };
        if (e.kind === "garbage") return { kind: "fail", reason: `the server sent bytes that break the framing (${e.error.code})` };
        if (e.kind === "unmapped") return { kind: "fail", reason: `expected no answer, got ${e.describe}` };
        const d = decode(judge.codec, e.bytes);
        if (!d.ok) return { kind: "fail", reason: `expected no answer, got ${describeUndecodable(d.error)}` };
        if (d.frame.kind === "message" && (d.frame.header.flags & FLAG_RESPONSE) !== 0) return { kind: "fail", reason: `expected no answer, got ${describeFrame(judge.codec, d.frame)}` };
      }
      return { kind: "next" };
    }
    case "http": {
      if (link.exchange === undefined) return { kind: "fail", reason: `${step.describe} needs an HTTP link` };
      try {
        const answers = await link.exchange(step.probe, until(t.answerMs));
        const problem = judgeHttp(step.expect, answers, step.describe);
        return problem === undefined ? { kind: "next" } : { kind: "fail", reason: problem };
      } catch (e) {
        return { kind: "fail", reason: `${step.describe}: ${(e as Error).message}` };
      }
    }
  }
}
