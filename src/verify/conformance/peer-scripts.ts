// Scripts of multi-peer cases: one CaseScript per peer (each peer has its own
// connection and sequence numbers), their steps merged in the order they are
// written, each tagged with its peer.
import type { WireObject } from "../../wire/values.js";
import type { CaseKit } from "./case-kit.js";
import type { Accept, AnswerCheck, FieldCheck, Fill, Step } from "./case-model.js";
import { CaseScript } from "./script.js";

export class PeerScripts {
  private readonly merged: Step[] = [];
  private readonly scripts = new Map<number, CaseScript>();

  constructor(private readonly kit: CaseKit) {}

  get steps(): readonly Step[] {
    return this.merged;
  }

  /** Runs `write` on the peer's script and takes the steps it wrote, tagged with `peer`. */
  on<T>(peer: number, write: (script: CaseScript) => T): T {
    let script = this.scripts.get(peer);
    if (script === undefined) {
      script = new CaseScript(this.kit);
      this.scripts.set(peer, script);
    }
    const before = script.steps.length;
    const out = write(script);
    for (const step of script.steps.slice(before)) this.merged.push({ ...step, peer });
    return out;
  }

  /** Sends `message` with `value` and expects one of `accept`, with `check` on its value. */
  request(peer: number, message: string, value: WireObject, accept: readonly Accept[], purpose?: string, check?: AnswerCheck): number {
    return this.on(peer, (s) => {
      const seq = s.send(message, value);
      s.expectAnswer(message, seq, accept, { ...(purpose === undefined ? {} : { purpose }), ...(check === undefined ? {} : { check }) });
      return seq;
    });
  }

  /** `request`, with fields set from earlier answers when the step runs. */
  requestFilled(peer: number, message: string, value: WireObject, fill: readonly Fill[], accept: readonly Accept[], purpose: string, check?: AnswerCheck): number {
    const at = this.merged.length;
    const seq = this.request(peer, message, value, accept, purpose, check);
    const send = this.merged[at];
    if (send?.kind === "send") this.merged[at] = { ...send, fill, describe: `${send.describe} with ${fill.map((f) => `${f.field} from ${f.capture}`).join(", ")}` };
    return seq;
  }

  /** The peer's connection is closed by the client. */
  disconnect(peer: number, why: string): void {
    this.merged.push({ kind: "disconnect", why, peer });
  }

  /** Sends a oneway. */
  oneway(peer: number, message: string, value: WireObject): void {
    this.on(peer, (s) => s.send(message, value));
  }

  event(peer: number, message: string, fields: readonly FieldCheck[], why: string): void {
    this.merged.push({ kind: "expect-event", message, fields, why, peer });
  }

  noEvent(peer: number, message: string, fields: readonly FieldCheck[], ms: number, why: string): void {
    this.merged.push({ kind: "expect-no-event", message, fields, ms, why, peer });
  }

  close(peer: number, why: string): void {
    this.on(peer, (s) => s.expectClose(why));
  }
}
