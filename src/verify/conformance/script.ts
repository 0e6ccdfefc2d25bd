// Builds one case's steps on a fresh connection: sequence numbers count from 1
// (wire-format §11), requests are the kit's samples encoded by the reference
// codec.
import { FLAG_RELIABLE, HEADER_BYTES } from "../../wire/index.js";
import type { WireObject } from "../../wire/values.js";
import type { CaseKit } from "./case-kit.js";
import type { Accept, Step } from "./case-model.js";

export class CaseScript {
  private last = 0;
  private readonly built: Step[] = [];
  /** What each `send` wrote, by sequence number (for duplicates). */
  private readonly sent = new Map<number, { readonly bytes: Uint8Array; readonly describe: string }>();

  /** This script's payload of each message sent without a value. */
  private readonly values = new Map<string, WireObject>();

  constructor(private readonly kit: CaseKit) {}

  private freshValue(message: string): WireObject {
    let value = this.values.get(message);
    if (value === undefined) {
      value = this.kit.fresh(message);
      this.values.set(message, value);
    }
    return value;
  }

  get steps(): readonly Step[] {
    return this.built;
  }

  /** The next sequence number of the client's counter. */
  nextSeq(): number {
    return ++this.last;
  }

  /**
   * Sends a valid frame of `message` (the transport's flags unless `flags`);
   * returns its sequence number. Without `value`, the message's sample — with
   * one identity of the kit's pool for the whole script when it carries the
   * identity, so that each case logs in as a name of its own.
   */
  send(message: string, value: WireObject = this.freshValue(message), flags: number | undefined = this.kit.flagsOf(message)): number {
    const seq = this.nextSeq();
    const bytes = this.kit.codec.encodeFrame(message, value, flags === undefined ? { seq } : { seq, flags });
    const describe = `${message} #${seq}${flags !== undefined && (flags & FLAG_RELIABLE) !== 0 ? " (RELIABLE)" : ""}`;
    this.built.push({ kind: "send", bytes, describe });
    this.sent.set(seq, { bytes, describe });
    return seq;
  }

  /** Sends the frame of an earlier `send` again, byte for byte (a duplicate, as a retransmission is). */
  resend(seq: number): void {
    const earlier = this.sent.get(seq);
    if (earlier === undefined) throw new Error(`CaseScript.resend: nothing was sent as #${seq}`);
    this.built.push({ kind: "send", bytes: earlier.bytes, describe: `${earlier.describe} again` });
  }

  /** Sends `bytes` as they are (a broken frame). */
  sendRaw(bytes: Uint8Array, describe: string): void {
    this.built.push({ kind: "send", bytes, describe });
  }

  /** Sends a PING; returns its sequence number. */
  ping(): number {
    const seq = this.nextSeq();
    this.built.push({ kind: "send", bytes: this.kit.codec.encodeControl("ping", seq), describe: `PING #${seq}` });
    return seq;
  }

  /** Expects the answer to request `request` sent as `seq`: one of `accept`, or of its declared answers. */
  expectAnswer(request: string, seq: number, accept?: readonly Accept[], extra: Pick<Extract<Step, { kind: "expect-answer" }>, "tolerate" | "purpose" | "check"> = {}): void {
    const all = accept ?? this.kit.answers(this.kit.message(request)).map((message) => ({ message }));
    this.built.push({ kind: "expect-answer", seq, request, accept: all, ...extra });
  }

  /** A request and its answer: sends the sample, expects one of `accept` (default: its declared answers). */
  exchange(request: string, accept?: readonly Accept[], purpose?: string): number {
    const seq = this.send(request);
    this.expectAnswer(request, seq, accept, purpose === undefined ? {} : { purpose });
    return seq;
  }

  expectPong(seq: number): void {
    this.built.push({ kind: "expect-pong", seq });
  }

  expectClose(why: string): void {
    this.built.push({ kind: "expect-close", why });
  }

  expectSilence(ms: number): void {
    this.built.push({ kind: "expect-silence", ms });
  }

  expectAck(seq: number, response: boolean, why: string): void {
    this.built.push({ kind: "expect-ack", seq, response, why });
  }

  expectNone(control: "ack" | "pong", seq: number, why: string): void {
    this.built.push({ kind: "expect-none", control, seq, why });
  }

  expectSameAnswer(request: string, seq: number): void {
    this.built.push({ kind: "expect-same-answer", seq, request });
  }
}

/** A copy of `frame` with its header's sequence number set to `seq`. */
export function withSequence(frame: Uint8Array, seq: number): Uint8Array {
  const out = frame.slice();
  if (out.length >= HEADER_BYTES) new DataView(out.buffer).setUint32(6, seq);
  return out;
}
