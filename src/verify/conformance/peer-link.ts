// One peer of a multi-peer case: its link, and the events it received that no
// `expect-event` took yet, whichever step read them (an answer's wait skips
// events; they stay here). Frames an event wait reads that are not events
// (answers, PONGs, the close) are kept for the next steps, in order.
// Stream and datagram frames only: no HTTP `exchange` (docs/conformance.md).
import { FLAG_RESPONSE } from "../../wire/index.js";
import type { DecodedFrame } from "../../wire/index.js";
import type { FieldCheck } from "./case-model.js";
import { fieldProblem } from "./field-checks.js";
import { decode, type JudgeContext } from "./judge.js";
import type { Link, LinkEvent } from "./link.js";

type MessageFrame = Extract<DecodedFrame, { kind: "message" }>;

export interface InboxEvent {
  readonly frame: MessageFrame;
  taken: boolean;
}

export type PullOutcome = { readonly kind: "read" } | { readonly kind: "timeout" } | { readonly kind: "closed"; readonly why: string };

export class PeerLink implements Link {
  readonly inbox: InboxEvent[] = [];
  private readonly kept: LinkEvent[] = [];
  private closedWhy: string | undefined;

  constructor(
    private readonly inner: Link,
    private readonly judge: JudgeContext,
  ) {}

  send(bytes: Uint8Array): Promise<void> {
    return this.inner.send(bytes);
  }

  async next(deadline: number): Promise<LinkEvent> {
    const kept = this.kept.shift();
    if (kept !== undefined) return kept;
    const e = await this.inner.next(deadline);
    this.record(e);
    return e;
  }

  close(): void {
    this.inner.close();
  }

  /** Reads one more frame for an event wait: events go to the inbox, everything else is kept for `next`. */
  async pull(deadline: number): Promise<PullOutcome> {
    if (this.closedWhy !== undefined) return { kind: "closed", why: this.closedWhy };
    const e = await this.inner.next(deadline);
    if (e.kind === "timeout") return e;
    if (!this.record(e)) this.kept.push(e);
    if (e.kind === "closed" || e.kind === "garbage") {
      this.closedWhy = e.kind === "closed" ? e.why : `the server's bytes broke the framing (${e.error.code})`;
      return { kind: "closed", why: this.closedWhy };
    }
    return { kind: "read" };
  }

  /** The first event not taken yet that is `message` and passes `fields`. */
  find(message: string, fields: readonly FieldCheck[]): InboxEvent | undefined {
    return this.inbox.find((e) => !e.taken && e.frame.messageName === message && fieldProblem(e.frame.value, fields) === undefined);
  }

  /** Whether `e` is an event (recorded in the inbox). */
  private record(e: LinkEvent): boolean {
    if (e.kind !== "frame") return false;
    const d = decode(this.judge.codec, e.bytes);
    if (!d.ok || d.frame.kind !== "message" || (d.frame.header.flags & FLAG_RESPONSE) !== 0 || !this.judge.isServerEvent(d.frame.messageName)) return false;
    this.inbox.push({ frame: d.frame, taken: false });
    return true;
  }
}
