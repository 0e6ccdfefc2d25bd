// The JavaScript UDP runtime over loopback: ACKs, retransmission through a lossy relay, duplicate suppression.
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Loaded, LossyRelay, load, remove, until } from "./support.js";

let L: Loaded;
const cleanup: (() => Promise<void>)[] = [];
const handled: string[] = [];
const FAST = { retry: { maxAttempts: 6, initialBackoffMs: 30, maxBackoffMs: 200, multiplier: 2 } };

beforeAll(async () => {
  L = await load();
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  remove(L.dir);
});

function dispatch(session: any, message: any): any {
  const { m } = L;
  handled.push(`${message.NAME}:${message.text ?? ""}`);
  switch (message.NAME) {
    case "Login":
      return new m.LoginOk({ user: message.username });
    case "Echo":
      return new m.EchoOk({ text: message.text });
    case "Note":
      return session.push(new m.Tick({ n: message.text.length })).then(() => undefined);
    default:
      return undefined;
  }
}

async function server(options: Record<string, unknown> = {}): Promise<any> {
  const s = new L.udp.UdpServer({ port: 0, dispatch, options: { ...FAST, ...options } });
  await s.start();
  cleanup.push(() => s.close());
  return s;
}

async function client(port: number, options: Record<string, unknown> = {}): Promise<any> {
  const c = new L.udp.UdpClient("127.0.0.1", port, { options: { ...FAST, ...options } });
  await c.connect();
  cleanup.push(() => c.close());
  return c;
}

const login = (c: any): Promise<any> => c.request(new L.m.Login({ username: "ann", password: "secret" }));

/** A raw UDP peer that collects decoded frames. */
async function rawPeer(): Promise<{ socket: dgram.Socket; frames: any[] }> {
  const socket = dgram.createSocket("udp4");
  const frames: any[] = [];
  socket.on("message", (data) => frames.push(L.codec.decodeFrame(data)));
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", () => r()));
  cleanup.push(() => new Promise((r) => socket.close(() => r())));
  return { socket, frames };
}

describe("UDP", () => {
  it("answers requests and delivers events", async () => {
    const s = await server();
    const c = await client(s.port);
    expect((await login(c)).NAME).toBe("LoginOk");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => c.request(new L.m.Echo({ text: `u${i}` }))));
    expect(answers.map((a: any) => a.text)).toEqual(Array.from({ length: 20 }, (_, i) => `u${i}`));
    await c.send(new L.m.Note({ text: "abc" }));
    expect(await c.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 3 });
  });

  it("retransmits through a relay that loses datagrams both ways", async () => {
    const s = await server();
    // Lose every other datagram in both directions, for the first 40 of each.
    const relay = new LossyRelay(s.port, (_direction, index) => index < 40 && index % 2 === 0);
    const port = await relay.start();
    cleanup.push(() => relay.close());
    const c = await client(port, { requestTimeoutMs: 10000 });
    expect((await login(c)).NAME).toBe("LoginOk");
    const before = handled.filter((h) => h.startsWith("Echo:lossy")).length;
    const texts = Array.from({ length: 10 }, (_, i) => `lossy${i}`);
    const answers = [];
    for (const text of texts) answers.push(await c.request(new L.m.Echo({ text })));
    expect(answers.map((a: any) => a.text)).toEqual(texts);
    await c.send(new L.m.Note({ text: "lost?" }));
    expect(relay.dropped).toBeGreaterThan(5);
    // Each request reached its handler once, however often it was sent.
    expect(handled.filter((h) => h.startsWith("Echo:lossy")).length - before).toBe(10);
  });

  it("drops outgoing datagrams with dropOutgoing and still delivers", async () => {
    const s = await server();
    let n = 0;
    s.dropOutgoing = () => n++ % 3 === 0;
    const c = await client(s.port, { requestTimeoutMs: 10000 });
    let m = 0;
    c.dropOutgoing = () => m++ % 3 === 1;
    await login(c);
    for (let i = 0; i < 5; i++) expect((await c.request(new L.m.Echo({ text: `d${i}` }))).text).toBe(`d${i}`);
  });

  it("ACKs every reliable datagram, delivers duplicates once and re-sends the answer", async () => {
    const s = await server();
    const { socket, frames } = await rawPeer();
    const send = (bytes: Uint8Array) => socket.send(bytes, s.port, "127.0.0.1");
    const RELIABLE = L.codec.FLAG_RELIABLE;
    const loginFrame = L.codec.encodeFrame(new L.m.Login({ username: "dup", password: "x" }), 1, RELIABLE);
    send(loginFrame);
    send(loginFrame);
    expect(await until(() => frames.filter((f) => f.message?.NAME === "LoginOk").length >= 2)).toBe(true);
    const note = L.codec.encodeFrame(new L.m.Note({ text: "dup-note" }), 2, RELIABLE);
    for (let i = 0; i < 3; i++) send(note);
    expect(await until(() => frames.filter((f) => f.control === "ack" && f.seq === 2 && !f.response).length === 3)).toBe(true);
    // An invalid payload behind a sound header is ACKed too (and answered: it is a request).
    const echo = L.codec.encodeFrame(new L.m.Echo({ text: "abc" }), 3, RELIABLE);
    echo[echo.length - 1] = 0xff;
    send(echo);
    expect(await until(() => frames.some((f) => f.control === "ack" && f.seq === 3))).toBe(true);
    // Garbage is never ACKed.
    send(Uint8Array.from([1, 2, 3]));
    await until(() => false, 200);
    expect(handled.filter((h) => h === "Login:").length).toBeGreaterThanOrEqual(1);
    expect(handled.filter((h) => h === "Note:dup-note").length).toBe(1);
    const answers = frames.filter((f) => f.message?.NAME === "LoginOk");
    expect(answers.every((f) => f.seq === 1 && f.response)).toBe(true);
    // The server's own answers are RELIABLE: ACK them so it stops resending.
    for (const f of frames.filter((x) => x.message !== null && x.reliable)) send(L.codec.encodeControl("ack", f.seq, f.response));
  });

  it("fails with DeliveryFailed when nothing acknowledges", async () => {
    const { socket } = await rawPeer(); // a silent peer
    const port = socket.address().port;
    const c = await client(port, { retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 40, multiplier: 2 } });
    await expect(login(c)).rejects.toMatchObject({ code: "delivery_failed" });
  });

  it("forgets a silent peer after the idle timeout", async () => {
    const s = await server({ idleTimeoutMs: 200, keepaliveIntervalMs: 50 });
    const { socket } = await rawPeer();
    socket.send(L.codec.encodeFrame(new L.m.Echo({ text: "x" }), 1), s.port, "127.0.0.1");
    expect(await until(() => s.sessions.length === 1)).toBe(true);
    expect(await until(() => s.sessions.length === 0)).toBe(true);
  });

  it("computes the retransmission schedule of 10.2", () => {
    expect(L.policy.retryDelaysMs(5, 500, 30000, 2)).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(L.policy.retryDelaysMs(4, 100, 250, 1.5)).toEqual([100, 150, 225, 250]);
  });
});
