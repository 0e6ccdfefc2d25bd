// The UDP link: one datagram channel from a fresh local port (so each link is
// a new peer, a new session, for the server), one frame per datagram
// (wire-format §10.2). A datagram that is not one well-formed frame (steps 1–7
// of §6) is a "garbage" event and the link stays open: UDP has no connection,
// so the only "closed" is a failed channel.
//
// The link behaves as a conforming peer at the datagram layer: it ACKs every
// RELIABLE frame of the server at once (else the server would retransmit it
// into the next steps), and when an ACK came too late anyway (a loaded
// machine) it drops the server's retransmission, byte for byte the frame it
// already has, as a peer's duplicate window does (ACKing it again) — unless
// the frame answers a request the runner itself sent again (the duplicate
// steps expect that answer repeated). It also remembers what arrived, for the UDP steps
// (udp-steps.ts): the ACKs and PONGs by sequence number, the first answer to
// each sequence number; and frames a step read but did not use can be put
// back for the next steps.
import { type Codec, FLAG_ACK, FLAG_PING, FLAG_PONG, FLAG_RELIABLE, FLAG_RESPONSE, type FrameHeader, type FrameLimits, HEADER_BYTES, readHeader, WireError } from "../../wire/index.js";
import { type DatagramChannel, type Endpoint, openDatagramChannel } from "./endpoint.js";
import { ConformanceError } from "./errors.js";
import { LinkEvents } from "./link-events.js";
import type { Link, LinkEvent, OpenLink } from "./link.js";

/** Channels kept bound after their links closed, at most (the oldest is closed first). */
const MAX_RETAINED = 1024;

/** Opens UDP links; `closeAll` closes the channels of the links it opened. */
export interface UdpOpener extends OpenLink {
  closeAll(): void;
}

/** Each link's channel stays bound after the link closes, until `closeAll`: were its
 *  local port freed, a later link of the run could get the same port (likely among
 *  a hundred cases) and the server would take it for the old peer, session and
 *  remembered answers included. */
export function udpOpener(endpoint: Endpoint, codec: Codec): UdpOpener {
  const retained: DatagramChannel[] = [];
  const retain = (channel: DatagramChannel): void => {
    retained.push(channel);
    if (retained.length > MAX_RETAINED) retained.shift()?.close();
  };
  const open = async (deadline: number): Promise<Link> => new UdpLink(await openDatagramChannel(endpoint, deadline), codec, retain);
  return Object.assign(open, { closeAll: () => retained.splice(0).forEach((c) => c.close()) });
}

/** Closes what an opener keeps open (the UDP opener's channels); nothing for other openers. */
export function releaseOpener(open: OpenLink): void {
  (open as Partial<UdpOpener>).closeAll?.();
}

/** The header of `bytes` when it is exactly one frame as far as steps 1–7 of §6 go; throws the WireError otherwise. */
export function datagramHeader(bytes: Uint8Array, limits: FrameLimits): FrameHeader {
  const header = readHeader(bytes, limits);
  const end = HEADER_BYTES + header.payloadLength;
  if (bytes.length < end) throw new WireError("truncated", `datagram of ${bytes.length} bytes, its frame needs ${end}`);
  if (bytes.length > end) throw new WireError("trailing_bytes", `${bytes.length - end} bytes after the frame in one datagram`);
  return header;
}

const ackKey = (response: boolean, seq: number): string => `${response ? "R" : "-"}${seq}`;

export class UdpLink implements Link {
  private readonly events = new LinkEvents();
  private readonly putBack: LinkEvent[] = [];
  private ended = false;
  private retired = false;
  /** ACKs received and not yet taken by an `expect-ack`, by (RESPONSE bit, sequence). */
  private readonly acks = new Map<string, number>();
  /** Every ACK and PONG received, by kind and sequence (taken or not). */
  private readonly controls = new Set<string>();
  private readonly firstAnswers = new Map<number, Uint8Array>();
  /** The last RELIABLE message frame delivered, by (RESPONSE bit, sequence). */
  private readonly reliableDelivered = new Map<string, Uint8Array>();
  /** How often the runner sent a request (a message frame, not an answer) with each sequence number. */
  private readonly requestsSent = new Map<number, number>();
  /** How many answers were delivered for each sequence number. */
  private readonly answersDelivered = new Map<number, number>();

  constructor(
    private readonly channel: DatagramChannel,
    private readonly codec: Codec,
    /** Takes the channel when the link closes (keeps its port bound); default: closes it. */
    private readonly retire: (channel: DatagramChannel) => void = (c) => c.close(),
  ) {
    channel.onDatagram((bytes) => this.arrived(bytes));
    channel.onClose((why) => this.end(why));
  }

  send(bytes: Uint8Array): Promise<void> {
    if (this.ended) return Promise.reject(new ConformanceError("send", "the UDP channel is closed"));
    const seq = requestSequence(bytes, this.codec.limits);
    if (seq !== undefined) this.requestsSent.set(seq, (this.requestsSent.get(seq) ?? 0) + 1);
    return this.channel.send(bytes);
  }

  next(deadline: number): Promise<LinkEvent> {
    const back = this.putBack.shift();
    if (back !== undefined) return Promise.resolve(back);
    return this.events.next(deadline);
  }

  /** Puts events a step read but did not use back, in order, before anything not yet read. */
  unread(events: readonly LinkEvent[]): void {
    this.putBack.unshift(...events);
  }

  /** Takes one received, not yet taken ACK of (response, seq); false when there is none. */
  takeAck(seq: number, response: boolean): boolean {
    const key = ackKey(response, seq);
    const n = this.acks.get(key) ?? 0;
    if (n === 0) return false;
    this.acks.set(key, n - 1);
    return true;
  }

  /** Whether an ACK of `seq` with the other RESPONSE bit arrived (for a precise failure). */
  ackedWithOtherBit(seq: number, response: boolean): boolean {
    return this.controls.has(`ack${ackKey(!response, seq)}`);
  }

  /** Whether any ACK (either RESPONSE bit) or PONG carrying `seq` arrived so far. */
  received(control: "ack" | "pong", seq: number): boolean {
    return control === "pong" ? this.controls.has(`pong${seq}`) : this.controls.has(`ack${ackKey(false, seq)}`) || this.controls.has(`ack${ackKey(true, seq)}`);
  }

  /** The first answer (RESPONSE message frame) received with `seq`, as sent. */
  firstAnswer(seq: number): Uint8Array | undefined {
    return this.firstAnswers.get(seq);
  }

  close(): void {
    if (this.ended && this.retired) return;
    this.ended = true;
    this.retired = true;
    this.retire(this.channel);
  }

  private arrived(bytes: Uint8Array): void {
    if (this.ended) return;
    let header: FrameHeader;
    try {
      header = datagramHeader(bytes, this.codec.limits);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      this.emit({ kind: "garbage", error: e });
      return;
    }
    const { flags, sequence: seq } = header;
    const response = (flags & FLAG_RESPONSE) !== 0;
    // An ACK with a message id or a payload is no ACK (§6 step 8): not counted; a step that reads it fails on it.
    if ((flags & FLAG_ACK) !== 0 && header.messageId === 0 && header.payloadLength === 0) {
      const key = ackKey(response, seq);
      this.acks.set(key, (this.acks.get(key) ?? 0) + 1);
      this.controls.add(`ack${key}`);
    } else if ((flags & FLAG_PONG) !== 0 && header.messageId === 0 && header.payloadLength === 0) this.controls.add(`pong${seq}`);
    else if (response && (flags & FLAG_ACK) === 0 && !this.firstAnswers.has(seq)) this.firstAnswers.set(seq, bytes.slice());
    if ((flags & FLAG_RELIABLE) !== 0) void this.channel.send(this.codec.encodeControl("ack", seq, { response })).catch(() => undefined);
    if (isMessageFrame(header) && this.retransmitted(header, bytes)) return;
    if (response && isMessageFrame(header)) this.answersDelivered.set(seq, (this.answersDelivered.get(seq) ?? 0) + 1);
    this.emit({ kind: "frame", bytes });
  }

  /** Whether `bytes` is the server sending again a RELIABLE frame the link already delivered, with no new request of that sequence to answer. */
  private retransmitted(header: FrameHeader, bytes: Uint8Array): boolean {
    if ((header.flags & FLAG_RELIABLE) === 0) return false;
    const response = (header.flags & FLAG_RESPONSE) !== 0;
    const key = ackKey(response, header.sequence);
    const before = this.reliableDelivered.get(key);
    const askedAgain = response && (this.answersDelivered.get(header.sequence) ?? 0) < (this.requestsSent.get(header.sequence) ?? 0);
    if (before !== undefined && sameBytes(before, bytes) && !askedAgain) return true;
    this.reliableDelivered.set(key, bytes.slice());
    return false;
  }

  private end(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.emit({ kind: "closed", why });
  }

  private emit(e: LinkEvent): void {
    this.events.push(e);
  }
}

/** A message frame (not ACK, PING or PONG). */
function isMessageFrame(header: FrameHeader): boolean {
  return header.messageId !== 0 && (header.flags & (FLAG_ACK | FLAG_PING | FLAG_PONG)) === 0;
}

/** The sequence number of a request or oneway the runner sends (a message frame without RESPONSE); undefined for anything else, garbage included. */
function requestSequence(bytes: Uint8Array, limits: FrameLimits): number | undefined {
  try {
    const header = readHeader(bytes, limits);
    return isMessageFrame(header) && (header.flags & FLAG_RESPONSE) === 0 ? header.sequence : undefined;
  } catch (e) {
    if (e instanceof WireError) return undefined;
    throw e;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
