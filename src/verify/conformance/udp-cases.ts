// The cases of a server over UDP (wire-format §10.2, the UDP table of §10.4).
// Frames are the UDP ones (reliable messages carry RELIABLE). UDP has no
// close, so where a stream server closes, a datagram server drops the frame
// and its session goes on: those cases send the frame, check that nothing
// answers it (and, for a datagram that is not one well-formed frame, that it
// is not ACKed), then probe that the session still answers as before. Two
// families are UDP's own: `udp/ack/<Message>` (a RELIABLE frame is ACKed) and
// `udp/duplicate/<Request>` (a duplicate is ACKed again and gets the first
// answer unchanged, never a second delivery). Pure.
import type { Message } from "../../spec/model.js";
import { buildPlans } from "../../wire/plan.js";
import { type InvalidContext, maxSamples } from "../../wire/vectors/invalid-context.js";
import { invalidFrameCases } from "../../wire/vectors/invalid-frame-cases.js";
import { invalidValueCases } from "../../wire/vectors/invalid-value-cases.js";
import { kebab } from "../../wire/vectors/case-names.js";
import { type InvalidCase, SequenceCounter } from "../../wire/vectors/vector-case.js";
import { FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE, WireError, type WireErrorCode } from "../../wire/index.js";
import type { CaseKit } from "./case-kit.js";
import type { Accept, ConformanceCase } from "./case-model.js";
import { constraintCases } from "./constraint-cases.js";
import { keepaliveCases } from "./keepalive-cases.js";
import { CaseScript, withSequence } from "./script.js";
import { afterReceive, refusalCode, type RestingState, restingStates } from "./server-states.js";
import { ONEWAY_SILENCE_MS, routeTo, sessionCases, wrongStateCases } from "./session-cases.js";
import { datagramHeader } from "./udp-link.js";
import { CLOSING_ERRORS, nameOf } from "./wire-cases.js";

const UDP = ["udp"] as const;
const CONTROL = FLAG_ACK | FLAG_PING | FLAG_PONG;

/** Every case of a server over UDP; `kit` must be a UDP kit. */
export function udpServerCases(kit: CaseKit): ConformanceCase[] {
  const keep = (c: ConformanceCase): boolean => !c.steps.some((s) => s.kind === "expect-close");
  const retag = (c: ConformanceCase): ConformanceCase => ({ ...c, transports: UDP });
  return [
    ...sessionCases(kit).filter(keep).map(retag),
    ...sessionEndCases(kit),
    ...wrongStateCases(kit).filter(keep).map(retag),
    ...droppedStateCases(kit),
    ...udpWireCases(kit),
    // A broken constraint is answered as on a stream (its frame sent without RELIABLE).
    ...constraintCases(kit).map(retag),
    ...udpRoleCases(kit),
    ...keepaliveCases(kit).map(retag),
    ...ackCases(kit),
    ...duplicateCases(kit),
  ];
}

/** The resting state cases that need a session run in: the first one reached after an exchange, else the initial one. */
function sessionState(kit: CaseKit): RestingState | undefined {
  const all = restingStates(kit.spec);
  return all.find((r) => r.route.length > 0) ?? all[0];
}

/** Ends `script` with a request `resting` allows, answered as that state answers it: the
 *  session survived (an answer with the initial state's refusal code means it was lost). */
function probeSession(kit: CaseKit, script: CaseScript, resting: RestingState, purpose: string): void {
  const initial = kit.spec.machines.responder.initial;
  const lost = resting.state.name === initial ? undefined : refusalCode(kit.spec, kit.spec.machines.responder.states.find((s) => s.name === initial) ?? resting.state);
  const probe = resting.state.transitions.find((t) => t.action === "receive" && kit.message(t.message).kind === "request")?.message;
  if (probe === undefined) {
    script.expectPong(script.ping());
    return;
  }
  const accept: Accept[] = kit.answers(kit.message(probe)).map((a) =>
    a === kit.message(probe).error && lost !== undefined ? { message: a, notCodes: [lost], notCodesWhy: `the session in ${resting.state.name} was lost` } : { message: a },
  );
  const seq = script.send(probe);
  script.expectAnswer(probe, seq, accept, { purpose });
}

/** `session/<Oneway>→end@<state>`: a oneway into a terminal state ends the session; the next datagram opens a new one. */
function sessionEndCases(kit: CaseKit): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const resting of restingStates(kit.spec)) {
    for (const t of resting.state.transitions) {
      const m = kit.message(t.message);
      if (t.action !== "receive" || m.kind !== "oneway" || afterReceive(kit.spec, resting.state, m.name)?.terminal !== true) continue;
      const script = routeTo(kit, resting);
      script.send(m.name);
      script.expectSilence(ONEWAY_SILENCE_MS);
      const first = resting.route[0];
      if (first !== undefined) {
        const seq = script.send(first.request);
        script.expectAnswer(first.request, seq, first.answer === undefined ? undefined : [{ message: first.answer }], { purpose: `a new session after ${m.name} ended the old one` });
      } else script.expectPong(script.ping());
      const at = resting.state.name === kit.spec.machines.responder.initial ? "" : `@${resting.state.name}`;
      cases.push({
        name: `session/${m.name}→end${at}`,
        family: "session",
        proves: [`transition:server.${resting.state.name}/${m.name}`, `message:${m.name}`],
        summary: `${m.name} in ${resting.state.name} ends the session: no answer, and the next datagram from the same port starts a new session`,
        transports: UDP,
        steps: script.steps,
      });
    }
  }
  return cases;
}

/** `state/<Message>-…` for messages without an error message: dropped, the session goes on. */
function droppedStateCases(kit: CaseKit): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const initial = kit.spec.machines.responder.initial;
  for (const resting of restingStates(kit.spec)) {
    for (const m of kit.spec.messages) {
      if (m.from !== "initiator" || (m.kind !== "request" && m.kind !== "oneway") || m.error !== undefined) continue;
      if (resting.state.transitions.some((t) => t.action === "receive" && t.message === m.name)) continue;
      const script = routeTo(kit, resting);
      const seq = script.send(m.name);
      if (m.reliable) script.expectAck(seq, false, "a RELIABLE frame is ACKed even when it is dropped (§10.2)");
      script.expectSilence(ONEWAY_SILENCE_MS);
      probeSession(kit, script, resting, `after a dropped ${m.name} the session goes on`);
      const where = resting.state.name === initial && kit.authMessage !== undefined ? `before-${kit.authMessage}` : `in-${resting.state.name}`;
      cases.push({
        name: `state/${m.name}-${where}`,
        family: "state",
        proves: [`state:server.${resting.state.name}`, `message:${m.name}`],
        summary: `${m.name} in ${resting.state.name}, which does not allow it and has no error message: dropped, the session goes on`,
        transports: UDP,
        steps: script.steps,
      });
    }
  }
  return cases;
}

/** `role/<Message>-from-<client>`: a message only the server sends, sent by the client in a session: ACKed when RELIABLE, dropped, the session goes on. */
function udpRoleCases(kit: CaseKit): ConformanceCase[] {
  const { spec } = kit;
  const client = spec.roles.initiator.name;
  const resting = sessionState(kit);
  if (resting === undefined) return [];
  return spec.messages
    .filter((m) => m.from === "responder")
    .map((m) => {
      const script = routeTo(kit, resting);
      const flags = (m.reliable ? FLAG_RELIABLE : 0) | (m.kind === "response" ? FLAG_RESPONSE : 0);
      const seq = script.send(m.name, kit.sample(m.name), flags);
      if (m.reliable) script.expectAck(seq, m.kind === "response", "a RELIABLE frame is ACKed even when it is dropped (§10.2)");
      script.expectSilence(ONEWAY_SILENCE_MS);
      probeSession(kit, script, resting, `after ${m.name} from the ${client} the session goes on`);
      return {
        name: `role/${m.name}-from-${client}`,
        family: "role" as const,
        proves: [`message:${m.name}`, `role:${spec.roles.responder.name}`],
        summary: `${m.name}, a ${m.kind} of the ${spec.roles.responder.name}, sent by the ${client} in ${resting.state.name}: dropped unanswered, the session goes on`,
        transports: UDP,
        steps: script.steps,
      };
    });
}

/** `udp/ack/<Message>`: every message the spec marks reliable, sent RELIABLE where the server takes it, is ACKed. */
function ackCases(kit: CaseKit): ConformanceCase[] {
  const all = restingStates(kit.spec);
  return kit.spec.messages
    .filter((m) => m.from === "initiator" && m.reliable)
    .flatMap((m) => {
      const resting = all.find((r) => r.state.transitions.some((t) => t.action === "receive" && t.message === m.name)) ?? all[0];
      if (resting === undefined) return [];
      const script = routeTo(kit, resting);
      const seq = script.send(m.name);
      script.expectAck(seq, false, `${m.name} is reliable: its frame carries RELIABLE and must be ACKed (§10.2)`);
      return [{ name: `udp/ack/${m.name}`, family: "ack" as const, proves: [`message:${m.name}`, "reliable:§10.2 ACK"], summary: `${m.name} sent RELIABLE in ${resting.state.name} is ACKed with its sequence number`, transports: UDP, steps: script.steps }];
    });
}

/** `udp/duplicate/<Request>`: a reliable request sent twice is ACKed twice and answered once, the duplicate with the same answer frame. */
function duplicateCases(kit: CaseKit): ConformanceCase[] {
  const all = restingStates(kit.spec);
  return kit.spec.messages
    .filter((m) => m.from === "initiator" && m.reliable && m.kind === "request")
    .flatMap((m) => {
      const resting = all.find((r) => r.state.transitions.some((t) => t.action === "receive" && t.message === m.name));
      if (resting === undefined) return [];
      const script = routeTo(kit, resting);
      const seq = script.send(m.name);
      script.expectAck(seq, false, `${m.name} is reliable (§10.2)`);
      script.expectAnswer(m.name, seq);
      script.resend(seq);
      script.expectAck(seq, false, "a duplicate is ACKed again (§10.2)");
      script.expectSameAnswer(m.name, seq);
      script.expectSilence(ONEWAY_SILENCE_MS);
      return [
        {
          name: `udp/duplicate/${m.name}`,
          family: "duplicate" as const,
          proves: [`message:${m.name}`, "reliable:§10.2 duplicates"],
          summary: `${m.name} sent twice in ${resting.state.name}: both ACKed, the duplicate answered with the first answer unchanged and not delivered again`,
          transports: UDP,
          steps: script.steps,
        },
      ];
    });
}

/** Whether `bytes` passes steps 1–7 of §6 (one well-formed frame); the error when not. */
function frameError(kit: CaseKit, bytes: Uint8Array): WireErrorCode | undefined {
  try {
    datagramHeader(bytes, kit.codec.limits);
    return undefined;
  } catch (e) {
    if (e instanceof WireError) return e.code;
    throw e;
  }
}

/** The invalid golden vectors as datagrams, built on the requests of the initial state (all of
 *  them: a datagram is one complete buffer, so the empty, truncated and extra-byte ones count too). */
function udpWireCases(kit: CaseKit): ConformanceCase[] {
  const { spec } = kit;
  const initial = restingStates(spec).find((r) => r.route.length === 0);
  const firstRequests = new Set((initial?.state.transitions ?? []).filter((t) => t.action === "receive").map((t) => t.message));
  const ctx: InvalidContext = { spec, codec: kit.codec, unchecked: kit.unchecked, plans: buildPlans(spec, { checkConstraints: false }), seq: new SequenceCounter() };
  const samples = maxSamples(ctx).filter((s) => firstRequests.has(s.message.name));
  const invalid = [...invalidFrameCases(ctx, samples), ...invalidValueCases(ctx, samples)];
  return initial === undefined ? [] : invalid.map((v) => udpWireCase(kit, v, initial));
}

function udpWireCase(kit: CaseKit, vector: InvalidCase, initial: RestingState): ConformanceCase {
  const script = new CaseScript(kit);
  const seq = script.nextSeq();
  const plain = withSequence(vector.frame, seq);
  const flags = plain[3] ?? 0;
  // RELIABLE on every message frame that stays the same error with it, so that an ACK (or its absence) shows.
  const reliable = plain.length >= 4 && (flags & CONTROL) === 0 ? withFlags(plain, flags | FLAG_RELIABLE) : plain;
  const frame = frameError(kit, reliable) === frameError(kit, plain) ? reliable : plain;
  const asked = frame.length >= 4 && ((frame[3] ?? 0) & FLAG_RELIABLE) !== 0 && ((frame[3] ?? 0) & CONTROL) === 0;
  // A vector of a whole datagram (`login.truncated-payload`) names its message in its name only.
  const group = vector.name.split(".", 1)[0];
  const message: Message | undefined = vector.message === undefined ? kit.spec.messages.find((m) => kebab(m.name) === group) : kit.message(vector.message);
  const { family, name } = nameOf(vector, message?.name);
  const proves = [`wire:${vector.error}`, `vector:${vector.name}`];
  script.sendRaw(frame, `invalid datagram ${vector.name} (${vector.error}${vector.path === undefined ? "" : ` at ${vector.path}`})${asked ? " with RELIABLE" : ""}`);
  const suffix = family === "wire" ? "/dropped" : "";
  const base = { family, proves, transports: UDP } as const;

  if (frameError(kit, frame) !== undefined) {
    // Not one well-formed frame: dropped, never ACKed, never answered.
    script.expectSilence(ONEWAY_SILENCE_MS);
    script.expectNone("ack", seq, "a datagram that fails steps 1–7 of §6 is never ACKed (§10.2)");
    probeSession(kit, script, initial, "after an invalid datagram the server goes on");
    return { ...base, name: `${name}${suffix}`, summary: `a datagram failing with ${vector.error} (${vector.name}): dropped, not ACKed, not answered`, steps: script.steps };
  }
  if (asked) script.expectAck(seq, ((frame[3] ?? 0) & FLAG_RESPONSE) !== 0, "a RELIABLE frame that passes steps 1–7 of §6 is ACKed, even when it then fails (§10.2)");
  if (CLOSING_ERRORS.has(vector.error) || (frame[3] ?? 0) & CONTROL) {
    // A sound frame the server cannot take (unknown id, bad flags, a broken control frame): dropped.
    script.expectSilence(ONEWAY_SILENCE_MS);
    if (((frame[3] ?? 0) & FLAG_PING) !== 0) script.expectNone("pong", seq, "an invalid PING is dropped, not answered");
    probeSession(kit, script, initial, "after a dropped frame the server goes on");
    return { ...base, name: `${name}${suffix}`, summary: `a frame failing with ${vector.error} (${vector.name}): ${asked ? "ACKed, then " : ""}dropped, not answered`, steps: script.steps };
  }
  // A payload error: ACKed when RELIABLE; it may be answered with the request's error message only.
  const probe = initial.state.transitions.find((t) => t.action === "receive" && kit.message(t.message).kind === "request")?.message;
  if (probe === undefined) script.expectPong(script.ping());
  else {
    const probeSeq = script.send(probe);
    script.expectAnswer(probe, probeSeq, undefined, { tolerate: { seq, messages: message?.error === undefined ? [] : [message.error] }, purpose: "after a payload error the server goes on" });
  }
  return { ...base, name: `${name}/continues`, summary: `a frame failing with ${vector.error} (${vector.name}): ${asked ? "ACKed, " : ""}not delivered, at most answered with the error message; a following request is answered`, steps: script.steps };
}

function withFlags(frame: Uint8Array, flags: number): Uint8Array {
  const out = frame.slice();
  out[3] = flags;
  return out;
}
