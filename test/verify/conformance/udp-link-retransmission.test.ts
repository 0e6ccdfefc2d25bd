// The UDP link under a loaded machine: its ACK of a reliable answer can come
// after the server's first retransmission. The link then drops the
// retransmission (ACKing it again), as a conforming peer's duplicate window
// does, so the next step does not read an old answer as the answer to its
// own request — yet an answer repeated because the runner sent its request
// again (the duplicate steps) still reaches the steps.
import { describe, expect, it } from "vitest";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import type { DatagramChannel } from "../../../src/verify/conformance/endpoint.js";
import { UdpLink } from "../../../src/verify/conformance/udp-link.js";
import { FLAG_RELIABLE, FLAG_RESPONSE, readHeader } from "../../../src/wire/index.js";
import { example } from "../../python-layer/support.js";

function fakeChannel(): DatagramChannel & { sent: Uint8Array[]; deliver(bytes: Uint8Array): void } {
  let listener: (bytes: Uint8Array) => void = () => undefined;
  const sent: Uint8Array[] = [];
  return {
    sent,
    deliver: (bytes) => listener(bytes),
    send: (bytes) => {
      sent.push(bytes);
      return Promise.resolve();
    },
    onDatagram: (l) => {
      listener = l;
    },
    onClose: () => undefined,
    close: () => undefined,
  };
}

const { codec } = createCaseKit(example("chat"), "udp");
const login = (seq: number): Uint8Array => codec.encodeFrame("Login", { username: "alice", password: "correct horse" }, { seq, flags: FLAG_RELIABLE });
/** Two LoginOk answers differ by their token's first byte. */
const okFields = (token: string) => ({ session_token: new Uint8Array(32).fill(token.charCodeAt(token.length - 1)), resume_window_ms: 60_000, server_time: 1n });
const answer = (seq: number, sessionId: string): Uint8Array =>
  codec.encodeFrame("LoginOk", okFields(sessionId), { seq, flags: FLAG_RESPONSE | FLAG_RELIABLE });

async function frames(link: UdpLink, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = await link.next(Date.now() + 50).catch(() => undefined);
    if (e?.kind === "frame") out.push(readHeader(e.bytes, codec.limits).sequence);
  }
  return out;
}

describe("the UDP link and the server's retransmissions", () => {
  it("delivers a reliable answer once, drops its byte-identical retransmission and ACKs both", async () => {
    const channel = fakeChannel();
    const link = new UdpLink(channel, codec);
    await link.send(login(1));
    channel.deliver(answer(1, "s-1"));
    channel.deliver(answer(1, "s-1"));
    expect(await frames(link, 2)).toEqual([1]);
    // The request, then an ACK for each copy of the answer.
    expect(channel.sent.map((b) => readHeader(b, codec.limits).flags & (FLAG_RESPONSE | 0x02))).toEqual([0, FLAG_RESPONSE | 0x02, FLAG_RESPONSE | 0x02]);
  });

  it("delivers the repeated answer to a request the runner sent again, and a different frame with the same number", async () => {
    const channel = fakeChannel();
    const link = new UdpLink(channel, codec);
    await link.send(login(1));
    channel.deliver(answer(1, "s-1"));
    await link.send(login(1));
    channel.deliver(answer(1, "s-1"));
    channel.deliver(answer(1, "s-1"));
    channel.deliver(answer(1, "s-2"));
    expect(await frames(link, 4)).toEqual([1, 1, 1]);
  });

  it("never drops an answer that is not RELIABLE: a second one is the server's doing, for the judge", async () => {
    const channel = fakeChannel();
    const link = new UdpLink(channel, codec);
    await link.send(login(1));
    const plain = codec.encodeFrame("LoginOk", okFields("s-1"), { seq: 1, flags: FLAG_RESPONSE });
    channel.deliver(plain);
    channel.deliver(plain);
    expect(await frames(link, 2)).toEqual([1, 1]);
  });
});
