// What the generated transport tests exercise, chosen from the spec: the
// probe (the first request a fresh client sends, the authentication request
// when there is one), a request a fresh session may not send yet, a
// broadcast two clients can observe (checked against both role machines),
// and what the demo session must send and receive.
import type { Machine, Message } from "../../spec/model.js";
import type { Behaviour } from "./behaviour.js";
import type { SpecView } from "./context.js";
import { scriptOf } from "./script.js";
import { ERROR_CODE_TYPE } from "../../spec/model.js";

export interface Probe {
  /** Oneways the flow sends before the probe request. */
  readonly prefix: readonly Message[];
  readonly request: Message;
  /** Its first response: what a working server answers. */
  readonly ok: Message;
  readonly error?: Message;
}

export interface BroadcastPlan {
  /** Messages each client sends (requests are answered with their first response). */
  readonly listener: readonly Message[];
  readonly actor: readonly Message[];
  readonly event: Message;
}

export interface TestPlan {
  readonly probe?: Probe;
  readonly second?: Message;
  readonly broadcast?: BroadcastPlan;
  readonly sent: readonly string[];
  readonly answers: readonly string[];
  readonly events: readonly string[];
  readonly rateLimited: boolean;
  /** A flood of probes gets rate_limited error answers (else the session closes). */
  readonly rateAnswerable: boolean;
}

function next(machine: Machine, state: string, action: "send" | "receive", message: string): string | undefined {
  return machine.states.find((s) => s.name === state)?.transitions.find((t) => t.action === action && t.message === message)?.to;
}

/** Runs `messages` through both machines (requests answered by their first response); the states after, or undefined. */
function walk(ctx: SpecView, messages: readonly Message[]): { initiator: string; responder: string } | undefined {
  const { initiator: im, responder: rm } = ctx.spec.machines;
  let i: string | undefined = im.initial;
  let r: string | undefined = rm.initial;
  for (const m of messages) {
    i = i === undefined ? undefined : next(im, i, "send", m.name);
    r = r === undefined ? undefined : next(rm, r, "receive", m.name);
    if (m.kind === "request") {
      const ok = m.responses[0] as string;
      r = r === undefined ? undefined : next(rm, r, "send", ok);
      i = i === undefined ? undefined : next(im, i, "receive", ok);
    }
    if (i === undefined || r === undefined) return undefined;
  }
  return i === undefined || r === undefined ? undefined : { initiator: i, responder: r };
}

export function planTests(ctx: SpecView, behaviour: Behaviour): TestPlan {
  const { spec } = ctx;
  const flow = behaviour.flow;
  const initiatorSteps = flow.filter((s) => s.from === "initiator").map((s) => ctx.message(s.message));
  const requestIndex = behaviour.auth !== undefined ? initiatorSteps.indexOf(behaviour.auth) : initiatorSteps.findIndex((m) => m.kind === "request");
  const probeRequest = requestIndex >= 0 ? initiatorSteps[requestIndex] : undefined;
  let probe: Probe | undefined;
  if (probeRequest !== undefined && probeRequest.kind === "request") {
    const prefix = initiatorSteps.slice(0, requestIndex).filter((m) => m.kind !== "response");
    if (walk(ctx, [...prefix, probeRequest]) !== undefined) {
      probe = { prefix, request: probeRequest, ok: ctx.message(probeRequest.responses[0] as string), ...(probeRequest.error === undefined ? {} : { error: ctx.message(probeRequest.error) }) };
    }
  }
  const second = initiatorSteps.find((m) => m.kind === "request" && m !== probe?.request && walk(ctx, [m]) === undefined);

  let broadcast: BroadcastPlan | undefined;
  if (probe !== undefined) {
    const start = [...probe.prefix, probe.request];
    const join = [...behaviour.joins].map((n) => ctx.message(n))[0];
    for (const [trigger, rules] of behaviour.broadcasts) {
      const t = ctx.message(trigger);
      for (const rule of rules) {
        const needsGroup = rule.group !== "all";
        if (needsGroup && join === undefined) continue;
        const listener = needsGroup && join !== undefined ? [...start, join] : start;
        const actor = needsGroup && join !== undefined && t !== join ? [...start, join, t] : [...start, t];
        const event = ctx.message(rule.event);
        const after = walk(ctx, listener);
        if (after === undefined || walk(ctx, actor) === undefined) continue;
        if (next(spec.machines.initiator, after.initiator, "receive", event.name) === undefined) continue;
        if (next(spec.machines.responder, after.responder, "send", event.name) === undefined) continue;
        broadcast = { listener, actor, event };
        break;
      }
      if (broadcast !== undefined) break;
    }
  }

  const script = scriptOf(ctx, flow, (m, n) => `${m.name}:${n}`);
  const errorOf = probe?.error;
  const hasCode = errorOf !== undefined && errorOf.fields.some((f) => f.type.kind === "enum" && f.type.name === ERROR_CODE_TYPE);
  return {
    ...(probe === undefined ? {} : { probe }),
    ...(second === undefined ? {} : { second }),
    ...(broadcast === undefined ? {} : { broadcast }),
    sent: script.filter((s) => s.kind === "request" || s.kind === "oneway").map((s) => s.message),
    answers: script.filter((s) => s.kind === "answer" || s.kind === "await").map((s) => s.message),
    events: script.filter((s) => s.kind === "event").map((s) => s.message),
    rateLimited: spec.security.rateLimit !== undefined,
    rateAnswerable: hasCode && behaviour.codes.has("rate_limited"),
  };
}
