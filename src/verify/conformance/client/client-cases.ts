// Every conformance case of a spec's client, derived from the spec alone
// (pure, deterministic): the happy path of the session flow, an error answer
// to each request of the flow, each server event pushed mid-session, a PING,
// garbage, a close, and a request never answered.
import type { Spec } from "../../../spec/model.js";
import { createCaseKit, type CaseKit } from "../case-kit.js";
import { afterReceive, refusalCode } from "../server-states.js";
import type { ClientCase, Twist } from "./client-case-model.js";
import { ClientMachineTracker } from "./client-machine.js";
import { flowPlanOf, ServerPlay } from "./server-play.js";

export interface ClientCaseTimings {
  /** How soon after garbage or a close the client must have ended. */
  readonly endMs: number;
  /** Added to the request timeout the client is expected to keep. */
  readonly timeoutMarginMs: number;
  /** The client's request timeout; the spec's `timing.requestTimeoutMs` unless the client runs with a shorter one. */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_CLIENT_CASE_TIMINGS: ClientCaseTimings = { endMs: 3000, timeoutMarginMs: 3000 };

export function deriveClientCases(spec: Spec, timings: ClientCaseTimings = DEFAULT_CLIENT_CASE_TIMINGS): ClientCase[] {
  const kit = createCaseKit(spec);
  const plan = flowPlanOf(kit);
  const requests = unique(plan.flow.filter((s) => s.from === "initiator" && kit.message(s.message).kind === "request").map((s) => s.message));
  const first = requests[0];
  const tcp = ["tcp"] as const;
  const cases: ClientCase[] = [
    {
      name: "client/session/happy-path",
      family: "session",
      proves: [...unique(plan.flow.map((s) => `message:${s.message}`)), ...terminalProof(spec)],
      summary: "the server answers every request as its machine allows: the client sends only valid frames its machine allows, with fresh sequence numbers, and completes (exit 0)",
      transports: tcp,
      outcome: { kind: "completes" },
    },
  ];
  for (const request of requests) {
    const error = kit.message(request).error;
    if (error === undefined) continue;
    const code = representativeCode(kit, request);
    const waiting = clientStateAwaiting(kit, request);
    const twist: Twist = code === undefined ? { kind: "error", request, error } : { kind: "error", request, error, code };
    cases.push({
      name: `client/error/${request}`,
      family: "error",
      proves: [`message:${request}`, `message:${error}`, ...(code === undefined ? [] : [`error:${code}`]), ...(waiting === undefined ? [] : [`transition:client.${waiting}/${error}`])],
      summary: `${request} is answered with ${error}${code === undefined ? "" : ` (${code})`}: the client ends or goes on without a crash, and sends nothing its machine forbids`,
      transports: tcp,
      twist,
      outcome: { kind: "ends" },
    });
  }
  for (const event of spec.messages.filter((m) => m.from === "responder" && m.kind === "event")) {
    const after = requestAllowing(kit, event.name);
    if (after === undefined) continue;
    cases.push({
      name: `client/event/${event.name}`,
      family: "event",
      proves: [`message:${event.name}`, `state:server.${after.state}`],
      summary: `${event.name} is pushed after the answer to ${after.request}: the client goes on and completes`,
      transports: tcp,
      twist: { kind: "event", after: after.request, event: event.name },
      outcome: { kind: "completes" },
    });
  }
  for (const event of spec.messages.filter((m) => m.from === "responder" && m.kind === "event")) {
    const during = requestDuring(kit, event.name);
    if (during === undefined) continue;
    cases.push({
      name: `client/event/${event.name}-while-${during.request}`,
      family: "event",
      proves: [`message:${event.name}`, `state:server.${during.state}`, ...(during.client === undefined ? [] : [`transition:client.${during.client}/${event.name}`])],
      summary: `${event.name} is pushed while ${during.request} waits for its answer: the client takes it, takes the answer, and completes`,
      transports: tcp,
      twist: { kind: "event-while", request: during.request, event: event.name },
      outcome: { kind: "completes" },
    });
  }
  if (first === undefined) return cases;
  const requestTimeoutMs = timings.requestTimeoutMs ?? spec.timing.requestTimeoutMs;
  cases.push(
    {
      name: "client/keepalive/ping",
      family: "keepalive",
      proves: ["keepalive:§10.1", "wire:§11"],
      // Before the answer, not after it: a client whose first request is its
      // last step may close on that answer, and a PING that arrives after its
      // FIN cannot be answered (every language's client lost that race under
      // load on the `reserved` spec). Waiting for the answer, it must read it.
      summary: `a PING while the client waits for the answer to ${first}: the client answers PONG with its sequence number and completes`,
      transports: tcp,
      twist: { kind: "ping", request: first },
      outcome: { kind: "completes" },
    },
    {
      name: "client/wire/garbage",
      family: "wire",
      proves: ["wire:bad_magic", "wire:§10.1"],
      summary: `${first} is answered with bytes that have a bad magic: the client ends within ${timings.endMs} ms (non-zero exit or an error line)`,
      transports: tcp,
      twist: { kind: "garbage", request: first },
      outcome: { kind: "stops", withinMs: timings.endMs, why: "of the bad magic" },
    },
  );
  const wrong = spec.messages.find((m) => m.from === "responder" && m.kind === "response" && !kit.answers(kit.message(first)).includes(m.name));
  if (wrong !== undefined) {
    cases.push({
      name: "client/answer/wrong-message",
      family: "answer",
      proves: [`message:${first}`, `message:${wrong.name}`],
      summary: `${first} is answered with ${wrong.name}, which is not one of its answers: the client ends within ${timings.endMs} ms (non-zero exit or an error line), without a crash`,
      transports: tcp,
      twist: { kind: "wrong-answer", request: first, answer: wrong.name },
      outcome: { kind: "stops", withinMs: timings.endMs, why: `of the ${wrong.name} answering ${first}` },
    });
  }
  if (plan.flow.filter((s) => s.from === "initiator").length > 1) {
    cases.push({
      name: "client/close/mid-session",
      family: "close",
      proves: ["wire:§10.1"],
      summary: `the server closes after the answer to ${first}: the client ends within ${timings.endMs} ms (non-zero exit or an error line)`,
      transports: tcp,
      twist: { kind: "close", after: first },
      outcome: { kind: "stops", withinMs: timings.endMs, why: "of the close" },
    });
  }
  cases.push({
    name: "client/timeout/no-answer",
    family: "timeout",
    proves: ["timing:requestTimeoutMs", `message:${first}`],
    summary: `${first} is never answered: the client reports a timeout within ${requestTimeoutMs} + ${timings.timeoutMarginMs} ms (non-zero exit or an error line)`,
    transports: tcp,
    twist: { kind: "silence", request: first },
    outcome: { kind: "stops", withinMs: requestTimeoutMs + timings.timeoutMarginMs, why: `of ${first}` },
  });
  return cases;
}

/** The error an error answer to `request` carries: the first one a requirement traces together with the
 *  request (or one of its fields), else one whose doc names the request, else the first declared error no
 *  requirement ties to another message. Refusal codes (a state's "any other request is refused with …") are
 *  left out: they mean the request was not allowed at all. */
export function representativeCode(kit: CaseKit, request: string): string | undefined {
  const { spec } = kit;
  const error = kit.message(request).error;
  if (error === undefined || kit.codeField(error) === undefined) return undefined;
  const refusals = new Set(spec.machines.responder.states.map((s) => refusalCode(spec, s)).filter((c) => c !== undefined));
  const candidates = spec.errors.map((e) => e.name).filter((c) => !refusals.has(c));
  const tracedWith = (r: (typeof spec.requirements)[number]): string[] => r.tracedTo.filter((t) => t.startsWith("error:")).map((t) => t.slice("error:".length));
  const concerns = (r: (typeof spec.requirements)[number], m: string): boolean => r.tracedTo.some((t) => t === `message:${m}` || t.startsWith(`field:${m}.`));
  for (const r of spec.requirements) {
    if (!concerns(r, request)) continue;
    const code = tracedWith(r).find((c) => candidates.includes(c));
    if (code !== undefined) return code;
  }
  const named = spec.errors.find((e) => candidates.includes(e.name) && new RegExp(`\\b${request}\\b`).test(e.doc));
  if (named !== undefined) return named.name;
  const elsewhere = new Set(spec.requirements.filter((r) => !concerns(r, request) && spec.messages.some((m) => concerns(r, m.name))).flatMap(tracedWith));
  return candidates.find((c) => !elsewhere.has(c)) ?? candidates[0] ?? spec.errors[0]?.name;
}

/** The client state that waits for the answer to `request` on the flow. */
function clientStateAwaiting(kit: CaseKit, request: string): string | undefined {
  const tracker = new ClientMachineTracker(kit.spec);
  for (const step of flowPlanOf(kit).flow) {
    if (step.from === "responder") tracker.serverSent(step.message);
    else if (tracker.clientSent(step.message) !== undefined) return undefined;
    else if (step.message === request) return tracker.state;
  }
  return undefined;
}

/** The first request of the flow after whose answer the server machine may push `event`. */
function requestAllowing(kit: CaseKit, event: string): { request: string; state: string } | undefined {
  const play = new ServerPlay(kit, flowPlanOf(kit), undefined, { fired: true });
  const machine = kit.spec.machines.responder;
  let seq = 0;
  for (const step of flowPlanOf(kit).flow) {
    if (step.from !== "initiator") continue;
    play.receive(step.message, ++seq);
    const state = machine.states.find((s) => s.name === play.serverState);
    if (kit.message(step.message).kind === "request" && state?.transitions.some((t) => t.action === "send" && t.message === event) === true) return { request: step.message, state: state.name };
  }
  return undefined;
}

/** The first request of the flow while which (received, not yet answered) the server machine may push `event`, and the client state waiting for its answer. */
function requestDuring(kit: CaseKit, event: string): { request: string; state: string; client?: string } | undefined {
  const play = new ServerPlay(kit, flowPlanOf(kit), undefined, { fired: true });
  const machine = kit.spec.machines.responder;
  let seq = 0;
  for (const step of flowPlanOf(kit).flow) {
    if (step.from !== "initiator") continue;
    const before = machine.states.find((s) => s.name === play.serverState);
    const during = before === undefined ? undefined : afterReceive(kit.spec, before, step.message);
    if (kit.message(step.message).kind === "request" && during?.transitions.some((t) => t.action === "send" && t.message === event) === true) {
      const client = clientStateAwaiting(kit, step.message);
      return client === undefined ? { request: step.message, state: during.name } : { request: step.message, state: during.name, client };
    }
    play.receive(step.message, ++seq);
  }
  return undefined;
}

function terminalProof(spec: Spec): string[] {
  const terminal = spec.machines.initiator.states.find((s) => s.terminal);
  return terminal === undefined ? [] : [`state:client.${terminal.name}`];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
