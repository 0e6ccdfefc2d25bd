// What the scripted server does on one connection (pure): it follows the
// server machine, answers each request at once with the answer the session
// flow gives it (else the first response the machine sends next), pushes the
// events the flow has after a client step, answers PING with PONG, closes
// when the machine reaches a terminal state, and plays the case's twist once.
// A message the server machine does not take is refused as §10.4 says.
import { deriveSessionFlow, type FlowStep } from "../../../spec/flows.js";
import type { State } from "../../../spec/model.js";
import { nextSequence } from "../../../wire/index.js";
import type { WireObject } from "../../../wire/values.js";
import type { CaseKit } from "../case-kit.js";
import { refusalCode } from "../server-states.js";
import type { Twist } from "./client-case-model.js";

export type PlayAction =
  /** Frame bytes to write; `message` is the message it carries (for the client machine), `ping` the PING's number. */
  | { readonly kind: "send"; readonly bytes: Uint8Array; readonly describe: string; readonly message?: string; readonly ping?: number }
  | { readonly kind: "close"; readonly why: string };

export interface PlayResult {
  readonly actions: readonly PlayAction[];
  /** The case's twist was played by this step. */
  readonly twisted: boolean;
}

/** Shared by the connections of one case, so that the twist is played once. */
export interface TwistLatch {
  fired: boolean;
}

/** The session flow, as the scripted server uses it. */
export interface FlowPlan {
  readonly flow: readonly FlowStep[];
  /** For a request, the answer the flow gives it. */
  readonly answers: ReadonlyMap<string, string>;
}

export function flowPlanOf(kit: CaseKit): FlowPlan {
  const flow = deriveSessionFlow(kit.spec);
  const answers = new Map<string, string>();
  const open: string[] = [];
  for (const step of flow) {
    const m = kit.message(step.message);
    if (step.from === "initiator" && m.kind === "request") open.push(m.name);
    if (step.from === "responder" && m.kind === "response") {
      const at = open.findIndex((r) => kit.answers(kit.message(r)).includes(m.name));
      const request = at >= 0 ? open.splice(at, 1)[0] : undefined;
      if (request !== undefined && !answers.has(request)) answers.set(request, m.name);
    }
  }
  return { flow, answers };
}

export class ServerPlay {
  private state: State | undefined;
  private seq = 0;
  /** Index of the next client step of the flow; the flow's events follow it. */
  private cursor = 0;
  /** Stops answering (after garbage, or the request that gets no answer). */
  private deaf = false;

  constructor(
    private readonly kit: CaseKit,
    private readonly plan: FlowPlan,
    private readonly twist: Twist | undefined,
    private readonly latch: TwistLatch,
  ) {
    const machine = kit.spec.machines.responder;
    this.state = machine.states.find((s) => s.name === machine.initial);
    this.cursor = this.nextClientStep(0);
  }

  get serverState(): string | undefined {
    return this.state?.name;
  }

  /** A PING from the client: a PONG with its number. */
  ping(seq: number): PlayAction {
    return { kind: "send", bytes: this.kit.codec.encodeControl("pong", seq), describe: `PONG #${seq}` };
  }

  /** A message the client sent (decoded, of the client's role). */
  receive(name: string, seq: number): PlayResult {
    if (this.deaf || this.state === undefined) return { actions: [], twisted: false };
    const message = this.kit.message(name);
    const next = this.after(this.state, "receive", name);
    if (next === undefined) {
      if (message.kind === "request" && message.error !== undefined) {
        const code = refusalCode(this.kit.spec, this.state);
        return { actions: [this.answer(message.error, seq, code)], twisted: false };
      }
      return { actions: [{ kind: "close", why: `${name} is not taken in ${this.state.name} (wire-format §10.4)` }], twisted: false };
    }
    this.state = next;
    const actions: PlayAction[] = [];
    let twisted = false;
    const twist = this.latch.fired ? undefined : this.twist;
    if (message.kind === "request") {
      if (twist !== undefined && "request" in twist && twist.request === name) {
        twisted = true;
        if (twist.kind === "error") actions.push(this.answer(twist.error, seq, twist.code));
        else if (twist.kind === "garbage") {
          const frame = this.answer(this.defaultAnswer(name), seq);
          const bytes = frame.kind === "send" ? frame.bytes.slice() : new Uint8Array(14);
          bytes[0] = 0xde;
          bytes[1] = 0xad;
          actions.push({ kind: "send", bytes, describe: `${bytes.length} bytes with a bad magic (de ad) instead of the answer to ${name} #${seq}` });
          this.deaf = true;
        } else if (twist.kind === "wrong-answer") {
          actions.push(this.answer(twist.answer, seq));
          this.deaf = true; // the conversation is off the machine from here
        } else if (twist.kind === "event-while") {
          actions.push(this.push(twist.event), this.answer(this.defaultAnswer(name), seq));
        } else if (twist.kind === "ping") {
          const n = this.nextSeq();
          actions.push({ kind: "send", bytes: this.kit.codec.encodeControl("ping", n), describe: `PING #${n}`, ping: n }, this.answer(this.defaultAnswer(name), seq));
        } else this.deaf = true; // silence
      } else actions.push(this.answer(this.defaultAnswer(name), seq));
    }
    if (!this.deaf) actions.push(...this.flowEvents(name));
    if (!this.deaf && twist !== undefined && "after" in twist && twist.after === name) {
      twisted = true;
      if (twist.kind === "event") actions.push(this.push(twist.event));
      else actions.push({ kind: "close", why: `the case closes after the answer to ${name}` });
    }
    if (twisted) this.latch.fired = true;
    if (this.state?.terminal === true && !actions.some((a) => a.kind === "close")) actions.push({ kind: "close", why: `${name} leads the server to ${this.state.name}, a terminal state` });
    return { actions, twisted };
  }

  /** The events the flow has after the client's step, when this message is that step. */
  private flowEvents(name: string): PlayAction[] {
    const step = this.plan.flow[this.cursor];
    if (step === undefined || step.message !== name) return [];
    const out: PlayAction[] = [];
    let i = this.cursor + 1;
    for (; i < this.plan.flow.length && this.plan.flow[i]?.from === "responder"; i++) {
      const m = this.kit.message(this.plan.flow[i]?.message ?? "");
      if (m.kind !== "response" && m.kind !== "request" && this.state !== undefined && this.after(this.state, "send", m.name) !== undefined) out.push(this.push(m.name));
    }
    this.cursor = this.nextClientStep(i);
    return out;
  }

  private nextClientStep(from: number): number {
    let i = from;
    while (i < this.plan.flow.length && this.plan.flow[i]?.from !== "initiator") i++;
    return i;
  }

  /** The flow's answer to `request` when the state sends it, else the first response it sends, else the first declared answer. */
  private defaultAnswer(request: string): string {
    const answers = this.kit.answers(this.kit.message(request));
    const sendable = answers.filter((a) => this.state !== undefined && this.after(this.state, "send", a) !== undefined);
    const flow = this.plan.answers.get(request);
    if (flow !== undefined && sendable.includes(flow)) return flow;
    const error = this.kit.message(request).error;
    return sendable.find((a) => a !== error) ?? sendable[0] ?? answers[0] ?? request;
  }

  private answer(message: string, seq: number, code?: string): PlayAction {
    const field = code === undefined ? undefined : this.kit.codeField(message);
    const value: WireObject = { ...this.kit.sample(message), ...(field === undefined ? {} : { [field]: code }) };
    if (this.state !== undefined) this.state = this.after(this.state, "send", message) ?? this.state;
    const bytes = this.kit.codec.encodeFrame(message, value, { seq });
    return { kind: "send", bytes, describe: `${message} #${seq}${code === undefined ? "" : ` (${code})`}`, message };
  }

  private push(event: string): PlayAction {
    if (this.state !== undefined) this.state = this.after(this.state, "send", event) ?? this.state;
    const n = this.nextSeq();
    return { kind: "send", bytes: this.kit.codec.encodeFrame(event, this.kit.sample(event), { seq: n }), describe: `${event} #${n}`, message: event };
  }

  private nextSeq(): number {
    this.seq = this.seq === 0 ? 1 : nextSequence(this.seq);
    return this.seq;
  }

  private after(state: State, action: "send" | "receive", message: string): State | undefined {
    const to = state.transitions.find((t) => t.action === action && t.message === message)?.to;
    return this.kit.spec.machines.responder.states.find((s) => s.name === to);
  }
}
