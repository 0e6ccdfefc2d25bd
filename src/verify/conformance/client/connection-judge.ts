// Judges the frames a client sends on one connection, as they arrive (pure):
// each decodes with the reference codec; message frames are of the client's
// role, without RELIABLE or ACK on TCP (wire-format §10.1); the numbers of
// frames the client originates count from 1 by one (§11); its machine allows
// each message in its state; a PONG carries the number of a PING the server
// sent. Keeps a short transcript for the failure reason.
import { type DecodedFrame, FLAG_RELIABLE, FLAG_RESPONSE, nextSequence, WireError } from "../../../wire/index.js";
import type { CaseKit } from "../case-kit.js";
import { describeFrame } from "../judge.js";
import { ClientMachineTracker } from "./client-machine.js";

const TRANSCRIPT_LINES = 40;

export class ConnectionJudge {
  readonly tracker: ClientMachineTracker;
  readonly violations: string[] = [];
  readonly transcript: string[] = [];
  /** PONGs the client sent, by number. */
  readonly pongs = new Set<number>();
  private lastSeq = 0;
  private readonly seen = new Map<number, string>();
  private readonly pings = new Set<number>();

  constructor(private readonly kit: CaseKit) {
    this.tracker = new ClientMachineTracker(kit.spec);
  }

  /** The server wrote a frame: `message` when it carries one, `ping` when it is a PING. */
  serverSent(describe: string, message?: string, ping?: number): void {
    this.note(`server: ${describe}`);
    if (message !== undefined) this.tracker.serverSent(message);
    if (ping !== undefined) this.pings.add(ping);
  }

  /** PINGs the server sent that got no PONG. */
  unansweredPings(): number[] {
    return [...this.pings].filter((p) => !this.pongs.has(p));
  }

  note(line: string): void {
    this.transcript.push(line);
    if (this.transcript.length > TRANSCRIPT_LINES) this.transcript.shift();
  }

  /** The client's bytes broke the framing (a header error). */
  brokenStream(error: WireError): void {
    this.fail(`sent bytes that break the framing (${error.code}: ${error.message})`);
  }

  /** One complete frame from the client: the decoded frame when it is usable, else undefined (the violation is recorded). */
  clientFrame(bytes: Uint8Array): DecodedFrame | undefined {
    let frame: DecodedFrame;
    try {
      frame = this.kit.codec.decodeFrame(bytes);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      this.note(`client: a frame the reference codec rejects (${e.code})`);
      this.fail(`sent a frame the reference codec rejects (${e.code}${e.path === undefined ? "" : ` at ${e.path}`}: ${e.message})`);
      return undefined;
    }
    const shown = describeFrame(this.kit.codec, frame);
    this.note(`client: ${shown}`);
    const { flags, sequence } = frame.header;
    if (frame.kind === "control") {
      if (frame.control === "ack") this.fail(`sent ${shown}: ACK is not used on TCP (wire-format §10.1)`);
      else if (frame.control === "ping") this.count(sequence, shown);
      else {
        this.pongs.add(sequence);
        if (!this.pings.has(sequence)) this.fail(`sent ${shown}, but the server sent no PING #${sequence}`);
      }
      return frame;
    }
    const message = this.kit.message(frame.messageName);
    if ((flags & FLAG_RELIABLE) !== 0) this.fail(`sent ${shown} with RELIABLE, which is never set on TCP (wire-format §10.1)`);
    if (message.from !== "initiator") {
      this.fail(`sent ${shown}: ${message.name} is sent by the ${this.kit.spec.roles.responder.name} only`);
      return undefined;
    }
    if ((flags & FLAG_RESPONSE) === 0) this.count(sequence, shown);
    const refused = this.tracker.clientSent(message.name);
    if (refused !== undefined) this.fail(`sent ${refused}`);
    return frame;
  }

  private count(seq: number, shown: string): void {
    const expected = this.lastSeq === 0 ? 1 : nextSequence(this.lastSeq);
    const earlier = this.seen.get(seq);
    if (earlier !== undefined) this.fail(`reuses sequence number ${seq}: ${shown} after ${earlier} (wire-format §11: each frame it originates takes the next number)`);
    else if (seq !== expected) this.fail(`sent ${shown}, expected sequence number ${expected} (wire-format §11: from 1, by one)`);
    this.seen.set(seq, shown);
    this.lastSeq = seq;
  }

  private fail(why: string): void {
    if (this.violations.length < 5) this.violations.push(why);
  }
}
