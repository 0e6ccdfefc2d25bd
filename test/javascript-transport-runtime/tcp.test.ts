// The JavaScript TCP runtime over loopback, against the fixture protocol "mini".
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Loaded, RawPeer, load, remove, sleep, until } from "./support.js";

let L: Loaded;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  L = await load();
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  remove(L.dir);
});

function dispatcher(log: string[] = []) {
  const { m } = L;
  return async (session: any, message: any): Promise<any> => {
    log.push(message.NAME);
    switch (message.NAME) {
      case "Login":
        return message.password === "secret" ? new m.LoginOk({ user: message.username }) : new m.ErrorReply({ code: "not_authenticated", detail: "bad password" });
      case "Echo":
        if (message.text === "boom") throw new Error("boom");
        if (message.text === "tick") session.pushAfterAnswer(new m.Tick({ n: 7 }));
        if (message.text === "die") setImmediate(() => session.close("told to"));
        if (message.text === "nothing") return undefined;
        return new m.EchoOk({ text: message.text });
      case "Slow":
        await sleep(message.ms);
        return new m.EchoOk({ text: "slow" });
      case "Note":
        await session.push(new m.Tick({ n: message.text.length }));
        return undefined;
      default:
        return undefined;
    }
  };
}

async function server(options: Record<string, unknown> = {}, log: string[] = []): Promise<any> {
  const s = new L.tcp.TcpServer({ port: 0, dispatch: dispatcher(log), options });
  await s.start();
  cleanup.push(() => s.close());
  return s;
}

async function client(port: number, options: Record<string, unknown> = {}, dispatch: any = null): Promise<any> {
  const c = new L.tcp.TcpClient("127.0.0.1", port, { dispatch, options });
  await c.connect();
  cleanup.push(() => c.close());
  return c;
}

async function login(c: any): Promise<any> {
  return c.request(new L.m.Login({ username: "ann", password: "secret" }));
}

const frame = (message: any, seq: number): Uint8Array => L.codec.encodeFrame(message, seq);

describe("TCP request/answer", () => {
  it("answers requests, correlates pipelined ones and follows the role machine", async () => {
    const s = await server();
    const c = await client(s.port);
    expect(s.port).toBeGreaterThan(0);
    const ok = await login(c);
    expect(ok.NAME).toBe("LoginOk");
    expect(c.state).toBe("ready");
    const texts = Array.from({ length: 200 }, (_, i) => `m${i}`);
    const answers = await Promise.all(texts.map((text) => c.request(new L.m.Echo({ text }))));
    expect(answers.map((a: any) => a.text)).toEqual(texts);
    expect(c.last(L.m.EchoOk)?.text).toBe("m199");
    expect(s.sessions.length).toBe(1);
    expect(s.sessions[0].last(L.m.Login)?.username).toBe("ann");
  });

  it("refuses a message the client's role machine does not allow, before sending", async () => {
    const s = await server();
    const c = await client(s.port);
    await expect(c.request(new L.m.Echo({ text: "x" }))).rejects.toMatchObject({ code: "unexpected_message" });
    await expect(c.send(new L.m.Echo({ text: "x" }))).rejects.toBeInstanceOf(TypeError);
  });

  it("answers a failing handler with the error message and goes on", async () => {
    const s = await server();
    const c = await client(s.port);
    await login(c);
    const failed = await c.request(new L.m.Echo({ text: "boom" }));
    expect(failed).toMatchObject({ NAME: "ErrorReply", code: "internal" });
    const nothing = await c.request(new L.m.Echo({ text: "nothing" }));
    expect(nothing).toMatchObject({ NAME: "ErrorReply", code: "internal" });
    expect((await c.request(new L.m.Echo({ text: "after" }))).text).toBe("after");
  });

  it("writes one trace line per message on both sides", async () => {
    const serverLines: string[] = [];
    const clientLines: string[] = [];
    const s = await server({ trace: (l: string) => serverLines.push(l) });
    const c = await client(s.port, { trace: (l: string) => clientLines.push(l) });
    await login(c);
    expect(clientLines).toEqual(['-> Login {"username":"ann","password":"secret"}', '<- LoginOk {"user":"ann"}']);
    await until(() => serverLines.length >= 2);
    expect(serverLines[0]).toMatch(/^\[\d+ 127\.0\.0\.1:\d+\] <- Login /);
    expect(serverLines[1]).toMatch(/^\[\d+ 127\.0\.0\.1:\d+\] -> LoginOk /);
  });

  it("keeps up with many pipelined requests through a small queue (backpressure)", async () => {
    const s = await server({ queueSize: 4 });
    const c = await client(s.port);
    await login(c);
    const answers = await Promise.all(Array.from({ length: 3000 }, (_, i) => c.request(new L.m.Echo({ text: `${i}`.padEnd(500, "x") }))));
    expect(answers.length).toBe(3000);
    expect(answers.every((a: any, i: number) => a.text.startsWith(`${i}x`) || a.text === `${i}`.padEnd(500, "x"))).toBe(true);
  });
});

describe("TCP pushes and events", () => {
  it("delivers pushes, answers-then-pushes and broadcasts as events", async () => {
    const s = await server();
    const seen: string[] = [];
    const c = await client(s.port, {}, async (message: any) => {
      seen.push(message.NAME);
      return undefined;
    });
    await login(c);
    await c.send(new L.m.Note({ text: "hello" }));
    const tick = await c.nextEvent(5000);
    expect(tick).toMatchObject({ NAME: "Tick", n: 5 });
    const echo = await c.request(new L.m.Echo({ text: "tick" }));
    expect(echo.NAME).toBe("EchoOk");
    expect(await c.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 7 });
    const others = await Promise.all([client(s.port), client(s.port)]);
    await Promise.all(others.map(login));
    const session = s.sessions.find((x: any) => x.peer.endsWith(`:${c._stream.socket.localPort}`));
    for (const x of s.sessions) s.hub.join("room", x);
    expect(s.hub.members("room").length).toBe(3);
    const delivered = await s.hub.broadcast(new L.m.Tick({ n: 99 }), { group: "room", exclude: session });
    expect(delivered).toBe(2);
    for (const o of others) expect(await o.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 99 });
    expect(seen).toEqual(["Tick", "Tick"]);
    expect(c.events.size).toBe(0);
  });

  it("does not push to a session that has not authenticated", async () => {
    const s = await server();
    await client(s.port);
    await until(() => s.sessions.length === 1);
    expect(await s.sessions[0].push(new L.m.Tick({ n: 1 }))).toBe(false);
    expect(await s.hub.broadcast(new L.m.Tick({ n: 1 }))).toBe(0);
  });
});

describe("TCP keepalive and timeouts", () => {
  it("answers PING with PONG carrying its sequence, and pings when quiet", async () => {
    const s = await server({ keepaliveIntervalMs: 100, idleTimeoutMs: 10000 });
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    raw.write(L.codec.encodeControl("ping", 41));
    expect(await until(() => raw.frames.some((f: any) => f.control === "pong" && f.seq === 41))).toBe(true);
    // Quiet for longer than the keepalive interval: the server pings (and PINGs are never delivered).
    expect(await until(() => raw.frames.some((f: any) => f.control === "ping"))).toBe(true);
  });

  it("keeps an idle connection alive with pings, both ways", async () => {
    const s = await server({ keepaliveIntervalMs: 50, idleTimeoutMs: 300 });
    const c = await client(s.port, { keepaliveIntervalMs: 50, idleTimeoutMs: 300 });
    await login(c);
    await sleep(1000);
    expect(c.connected).toBe(true);
    expect((await c.request(new L.m.Echo({ text: "still here" }))).text).toBe("still here");
  });

  it("closes a peer that sends nothing for the idle timeout", async () => {
    const s = await server({ keepaliveIntervalMs: 50, idleTimeoutMs: 250 });
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    expect(await until(() => raw.closed, 5000)).toBe(true);
    expect(await until(() => s.sessions.length === 0)).toBe(true);
  });

  it("client: gives up on a silent server after its idle timeout", async () => {
    const s = await server({ keepaliveIntervalMs: 60000, idleTimeoutMs: 60000 });
    // The server never pings, and a raw listener never answers: use a bare net server.
    const net = await import("node:net");
    const sockets: any[] = [];
    const silent = net.createServer((sock) => sockets.push(sock));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    cleanup.push(async () => {
      for (const sock of sockets) sock.destroy();
      await new Promise((r) => silent.close(r));
    });
    const c = await client((silent.address() as any).port, { keepaliveIntervalMs: 50, idleTimeoutMs: 300 });
    expect(await until(() => !c.connected, 5000)).toBe(true);
    void s;
  });

  it("fails a request with RequestTimeout when no answer comes in time", async () => {
    const s = await server();
    const c = await client(s.port, { requestTimeoutMs: 150 });
    await login(c);
    await expect(c.request(new L.m.Slow({ ms: 1500 }))).rejects.toMatchObject({ code: "timeout" });
    expect(c.connected).toBe(true);
  });

  it("answers with an error when the handler outlasts the server's request timeout", async () => {
    const s = await server({ requestTimeoutMs: 100 });
    const c = await client(s.port);
    await login(c);
    expect(await c.request(new L.m.Slow({ ms: 1000 }))).toMatchObject({ NAME: "ErrorReply", code: "internal" });
  });
});

describe("TCP malformed input and disconnects", () => {
  it("closes the connection on a frame header error", async () => {
    const s = await server();
    for (const bad of [Uint8Array.from([0x51, 0x46, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]), Uint8Array.from([0x50, 0x46, 9, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]), Uint8Array.from([0x50, 0x46, 1, 0x20, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]), Uint8Array.from([0x50, 0x46, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0])]) {
      const raw = await RawPeer.connect(s.port, L.codec);
      cleanup.push(async () => raw.destroy());
      raw.write(bad);
      expect(await until(() => raw.closed)).toBe(true);
    }
    expect(await until(() => s.sessions.length === 0)).toBe(true);
  });

  it("answers a request whose payload does not decode, and goes on; closes on an unknown message id", async () => {
    const s = await server();
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    raw.write(frame(new L.m.Login({ username: "ann", password: "secret" }), 1));
    // (An undecodable request is answered at once, like Python; wait for the login first.)
    expect(await until(() => raw.frames.length >= 1)).toBe(true);
    const echo = frame(new L.m.Echo({ text: "abc" }), 2);
    const broken = echo.slice();
    broken[broken.length - 1] = 0xff; // invalid UTF-8
    raw.write(broken);
    raw.write(frame(new L.m.Echo({ text: "fine" }), 3));
    expect(await until(() => raw.frames.length >= 3)).toBe(true);
    expect(raw.frames.map((f: any) => [f.seq, f.message?.NAME])).toEqual([
      [1, "LoginOk"],
      [2, "ErrorReply"],
      [3, "EchoOk"],
    ]);
    expect(raw.frames[1].message.code).toBe("invalid_request");
    expect(raw.closed).toBe(false);
    // A complete frame of an unknown message id: no request to answer, the server closes (wire format 10.4).
    raw.write(Uint8Array.from([0x50, 0x46, 1, 0, 0x7f, 0x7f, 0, 0, 0, 4, 0, 0, 0, 0]));
    expect(await until(() => raw.closed)).toBe(true);
    expect(raw.frames).toHaveLength(3);
  });

  it("fails open requests with ConnectionClosed when the server drops the connection", async () => {
    const s = await server();
    const c = await client(s.port);
    await login(c);
    const slow = c.request(new L.m.Slow({ ms: 2000 }));
    await until(() => s.sessions[0]?.state === "ready");
    for (const x of s.sessions) x.close("dropped");
    await expect(slow).rejects.toMatchObject({ code: "closed" });
    expect(await until(() => !c.connected)).toBe(true);
    await expect(c.request(new L.m.Echo({ text: "x" }))).rejects.toMatchObject({ code: "closed" });
  });

  it("forgets a session whose client vanished abruptly", async () => {
    const s = await server();
    const raws = await Promise.all([1, 2, 3].map(() => RawPeer.connect(s.port, L.codec)));
    expect(await until(() => s.sessions.length === 3)).toBe(true);
    for (const r of raws) r.destroy();
    expect(await until(() => s.sessions.length === 0)).toBe(true);
  });

  it("closing the server ends every connection", async () => {
    const s = new L.tcp.TcpServer({ port: 0, dispatch: dispatcher() });
    await s.start();
    const clients = await Promise.all([1, 2, 3].map(() => client(s.port)));
    await Promise.all(clients.map(login));
    const pending = clients[0].request(new L.m.Slow({ ms: 3000 }));
    const closing = s.close();
    await expect(pending).rejects.toMatchObject({ code: "closed" });
    await closing;
    expect(await until(() => clients.every((c: any) => !c.connected))).toBe(true);
  });
});

describe("TCP connecting and reconnecting", () => {
  it("fails with ConnectFailed after every attempt", async () => {
    const net = await import("node:net");
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    const port = (probe.address() as any).port;
    await new Promise((r) => probe.close(r));
    const c = new L.tcp.TcpClient("127.0.0.1", port, { options: { retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 50, multiplier: 2 } } });
    await expect(c.connect()).rejects.toMatchObject({ code: "connect_failed" });
    await c.close();
  });

  it("retries with backoff until the server is there", async () => {
    const net = await import("node:net");
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    const port = (probe.address() as any).port;
    await new Promise((r) => probe.close(r));
    const c = new L.tcp.TcpClient("127.0.0.1", port, { options: { retry: { maxAttempts: 20, initialBackoffMs: 50, maxBackoffMs: 200, multiplier: 2 } } });
    cleanup.push(() => c.close());
    const connecting = c.connect();
    await sleep(200);
    const s = new L.tcp.TcpServer({ port, dispatch: dispatcher() });
    await s.start();
    cleanup.push(() => s.close());
    await connecting;
    expect((await login(c)).NAME).toBe("LoginOk");
  });

  it("reconnects automatically and runs onReconnect", async () => {
    const s = await server();
    const c = await client(s.port, { autoReconnect: true, retry: { maxAttempts: 10, initialBackoffMs: 20, maxBackoffMs: 200, multiplier: 2 } });
    let reconnects = 0;
    c.onReconnect = async () => {
      reconnects++;
      await login(c);
    };
    await login(c);
    for (let round = 1; round <= 3; round++) {
      for (const x of s.sessions) x.close("kicked");
      expect(await until(() => reconnects === round && c.state === "ready")).toBe(true);
      expect((await c.request(new L.m.Echo({ text: `round ${round}` }))).text).toBe(`round ${round}`);
    }
  });
});

describe("TCP authentication, rate limit and role machines", () => {
  it("refuses everything before the authentication request", async () => {
    const s = await server();
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    raw.write(frame(new L.m.Echo({ text: "early" }), 1));
    raw.write(frame(new L.m.Login({ username: "ann", password: "wrong" }), 2));
    raw.write(frame(new L.m.Echo({ text: "still early" }), 3));
    raw.write(frame(new L.m.Login({ username: "ann", password: "secret" }), 4));
    raw.write(frame(new L.m.Echo({ text: "now" }), 5));
    expect(await until(() => raw.frames.length >= 5)).toBe(true);
    expect(raw.frames.map((f: any) => [f.seq, f.message.NAME, f.message.code ?? f.message.text ?? f.message.user])).toEqual([
      [1, "ErrorReply", "not_authenticated"],
      [2, "ErrorReply", "not_authenticated"],
      [3, "ErrorReply", "not_authenticated"],
      [4, "LoginOk", "ann"],
      [5, "EchoOk", "now"],
    ]);
    expect(s.sessions[0].authenticated).toBe(true);
    expect(s.sessions[0].credential).toBe("secret");
  });

  it("answers messages over the rate limit with rate_limited and a retry time", async () => {
    const s = await server({ rateLimit: [1, 4] });
    const c = await client(s.port);
    await login(c);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => c.request(new L.m.Echo({ text: `${i}` }))));
    const ok = answers.filter((a: any) => a.NAME === "EchoOk").length;
    const limited = answers.filter((a: any) => a.code === "rate_limited");
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(ok + limited.length).toBe(12);
    expect(limited[0].retryAfterMs).toBeGreaterThan(0);
    // Oneways over the limit are dropped (the profile answers rate_limited), the session goes on.
    for (let i = 0; i < 5; i++) await c.send(new L.m.Note({ text: "n" }));
    expect(c.connected).toBe(true);
  });

  it("refuses messages out of order and closes when the conversation is over", async () => {
    const s = await server();
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    raw.write(frame(new L.m.Login({ username: "ann", password: "secret" }), 1));
    raw.write(frame(new L.m.Login({ username: "ann", password: "secret" }), 2));
    expect(await until(() => raw.frames.length >= 2)).toBe(true);
    expect(raw.frames[1].message).toMatchObject({ NAME: "ErrorReply", code: "invalid_request" });
    expect(raw.frames[1].seq).toBe(2);
    raw.write(frame(new L.m.Logout({}), 3));
    expect(await until(() => raw.closed)).toBe(true);
    expect(await until(() => s.sessions.length === 0)).toBe(true);
  });

  it("closes a session that sends a oneway out of order (no error message to answer it)", async () => {
    const s = await server();
    const raw = await RawPeer.connect(s.port, L.codec);
    cleanup.push(async () => raw.destroy());
    raw.write(frame(new L.m.Login({ username: "ann", password: "secret" }), 1));
    raw.write(frame(new L.m.Logout({}), 2));
    raw.write(frame(new L.m.Note({ text: "late" }), 3));
    expect(await until(() => raw.closed)).toBe(true);
  });
});
