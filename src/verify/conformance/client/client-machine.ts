// The client machine as the scripted server sees it from its end of the
// connection (pure). What the server sends is in flight until the client's
// next frame shows how far it had read: a message the client sends is
// allowed when its machine allows it after receiving some prefix of the
// messages in flight (FIFO, as in the model check). A message in flight that
// the client machine does not receive in its state is one the client drops.
import type { Machine, Spec, State } from "../../../spec/model.js";

export class ClientMachineTracker {
  private current: State;
  private inFlight: string[] = [];

  constructor(private readonly spec: Spec) {
    this.current = stateOf(spec.machines.initiator, spec.machines.initiator.initial);
  }

  get state(): string {
    return this.current.name;
  }

  /** The server sent `message` to the client. */
  serverSent(message: string): void {
    this.inFlight.push(message);
  }

  /** The client sent `message`: undefined when its machine allows it, else why not. The state moves only when allowed. */
  clientSent(message: string): string | undefined {
    let state = this.current;
    for (let k = 0; k <= this.inFlight.length; k++) {
      if (k > 0) state = this.receive(state, this.inFlight[k - 1] ?? "");
      const to = state.transitions.find((t) => t.action === "send" && t.message === message)?.to;
      if (to === undefined) continue;
      this.current = stateOf(this.spec.machines.initiator, to);
      this.inFlight = this.inFlight.slice(k);
      return undefined;
    }
    const read = this.inFlight.length === 0 ? "" : ` (or after receiving ${this.inFlight.join(", ")})`;
    const allowed = this.current.transitions.filter((t) => t.action === "send").map((t) => t.message);
    return `${message} in ${this.current.name}${read}, which does not allow it (allowed: ${allowed.length === 0 ? "nothing, a terminal state" : allowed.join(", ")})`;
  }

  /** The state once everything in flight has been received. */
  settle(): State {
    for (const m of this.inFlight) this.current = this.receive(this.current, m);
    this.inFlight = [];
    return this.current;
  }

  private receive(state: State, message: string): State {
    const to = state.transitions.find((t) => t.action === "receive" && t.message === message)?.to;
    return to === undefined ? state : stateOf(this.spec.machines.initiator, to);
  }
}

function stateOf(machine: Machine, name: string): State {
  const state = machine.states.find((s) => s.name === name);
  if (state === undefined) throw new Error(`ClientMachineTracker: the client machine has no state ${name}`);
  return state;
}

/** Whether the client machine has a terminal state at all (a session that can complete). */
export function hasTerminal(machine: Machine): boolean {
  return machine.states.some((s) => s.terminal);
}
