// The JavaScript HTTP runtime (POST + Server-Sent Events) over loopback, against the fixture protocol "mini".
/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Loaded, load, remove, sleep, until } from "./support.js";

let L: Loaded;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  L = await load();
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  remove(L.dir);
});

function dispatch(session: any, message: any): Promise<any> | any {
  const { m } = L;
  switch (message.NAME) {
    case "Login":
      return message.password.startsWith("secret") ? new m.LoginOk({ user: message.username }) : new m.ErrorReply({ code: "not_authenticated", detail: "bad password" });
    case "Echo":
      if (message.text === "tick") session.pushAfterAnswer(new m.Tick({ n: 7 }));
      return new m.EchoOk({ text: message.text });
    case "Slow":
      return sleep(message.ms).then(() => new m.EchoOk({ text: "slow" }));
    case "Note":
      return session.push(new m.Tick({ n: message.text.length })).then(() => undefined);
    default:
      return undefined;
  }
}

async function server(options: Record<string, unknown> = {}): Promise<any> {
  const s = new L.httpServer.HttpServer({ port: 0, dispatch, options });
  await s.start();
  cleanup.push(() => s.close());
  return s;
}

async function client(port: number, options: Record<string, unknown> = {}): Promise<any> {
  const c = new L.httpClient.HttpClient("127.0.0.1", port, { options });
  await c.connect();
  cleanup.push(() => c.close());
  return c;
}

const login = (c: any, password = "secret"): Promise<any> => c.request(new L.m.Login({ username: "ann", password }));

interface Raw {
  status: number;
  body: any;
  headers: Headers;
}

async function post(port: number, name: string, body: string, headers: Record<string, string> = {}, method = "POST"): Promise<Raw> {
  const response = await fetch(`http://127.0.0.1:${port}/mini/messages/${name}`, {
    method,
    headers: { "Content-Type": "application/json", "X-Protoforge-Seq": "1", ...headers },
    ...(method === "GET" ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe("HTTP requests", () => {
  it("POSTs requests and returns the answering envelope", async () => {
    const s = await server();
    const c = await client(s.port);
    expect((await login(c)).NAME).toBe("LoginOk");
    expect(c.state).toBe("ready");
    const texts = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const answers = await Promise.all(texts.map((text) => c.request(new L.m.Echo({ text }))));
    expect(answers.map((a: any) => a.text)).toEqual(texts);
    expect(s.sessions.length).toBe(1);
    const raw = await post(s.port, "Echo", '{"text":"raw"}', { "X-Protoforge-Seq": "77", "X-Protoforge-Session": c.sessionId, Authorization: "Bearer secret" });
    expect(raw).toMatchObject({ status: 200, body: { type: "EchoOk", seq: 77, payload: { text: "raw" } } });
    expect(raw.headers.get("content-type")).toBe("application/json");
  });

  it("answers oneways with 202 and refuses a wrong-state message with the error answer", async () => {
    const s = await server();
    const h = { Authorization: "Bearer secret", "X-Protoforge-Session": "one" };
    expect((await post(s.port, "Login", '{"username":"a","password":"secret"}', h)).status).toBe(200);
    const note = await fetch(`http://127.0.0.1:${s.port}/mini/messages/Note`, { method: "POST", headers: { "Content-Type": "application/json", "X-Protoforge-Seq": "2", ...h }, body: '{"text":"x"}' });
    expect(note.status).toBe(202);
    expect(await note.text()).toBe("");
    const again = await post(s.port, "Login", '{"username":"a","password":"secret"}', h);
    expect(again).toMatchObject({ status: 200, body: { type: "ErrorReply", payload: { code: "invalid_request" } } });
  });

  it("fails with RequestTimeout when the answer is late, and HttpStatusError on 4xx", async () => {
    const s = await server();
    const c = await client(s.port, { requestTimeoutMs: 150 });
    await login(c);
    await expect(c.request(new L.m.Slow({ ms: 1500 }))).rejects.toMatchObject({ code: "timeout" });
    const other = await client(s.port);
    await login(other);
    other.credential = "nobody";
    await expect(other.request(new L.m.Echo({ text: "x" }))).rejects.toMatchObject({ code: "http_status", status: 401, error: "unauthorized" });
  });

  it("fails with ConnectionClosed when nothing listens", async () => {
    const c = new L.httpClient.HttpClient("127.0.0.1", 1, {});
    await c.connect();
    await expect(login(c)).rejects.toMatchObject({ code: "closed" });
    await c.close();
  });
});

describe("HTTP status codes (10.3)", () => {
  it("maps every transport failure to its status and error code", async () => {
    const s = await server({ requestTimeoutMs: 100, maxFrameBytes: 1024 });
    const p = s.port;
    const h = { Authorization: "Bearer secret", "X-Protoforge-Session": "codes" };
    expect((await post(p, "Login", '{"username":"a","password":"secret"}', h)).status).toBe(200);
    const cases: [Promise<Raw>, number, string][] = [
      [post(p, "Echo", "", h, "GET"), 405, "method_not_allowed"],
      [post(p, "Nope", "{}", h), 404, "unknown_message"],
      [post(p, "LoginOk", '{"user":"x"}', h), 404, "unknown_message"],
      [post(p, "Tick", '{"n":1}', h), 404, "unknown_message"],
      [post(p, "Echo", '{"text":"x"}', { ...h, "Content-Type": "text/plain" }), 415, "unsupported_media_type"],
      [post(p, "Echo", '{"text":"x"}', { ...h, "X-Protoforge-Seq": "x1" }), 400, "bad_request"],
      [post(p, "Echo", '{"text":"x"}', { ...h, "X-Protoforge-Seq": "4294967296" }), 400, "bad_request"],
      [post(p, "Echo", "{not json", h), 400, "bad_request"],
      [post(p, "Echo", '{"text":5}', h), 400, "invalid_value"],
      [post(p, "Echo", JSON.stringify({ text: "y".repeat(2000) }), h), 413, "frame_too_large"],
      [post(p, "Slow", '{"ms":1500}', { ...h, "X-Protoforge-Session": "codes" }), 504, "timeout"],
    ];
    for (const [response, status, error] of cases) {
      const r = await response;
      expect([r.status, r.body?.error]).toEqual([status, error]);
      expect(typeof r.body.message).toBe("string");
    }
    expect((await post(p, "Echo", "", h, "GET")).headers.get("allow")).toBe("POST");
  });

  it("answers 429 with Retry-After over the rate limit", async () => {
    const s = await server({ rateLimit: [1, 3] });
    const h = { Authorization: "Bearer secret", "X-Protoforge-Session": "limited" };
    const results: Raw[] = [];
    results.push(await post(s.port, "Login", '{"username":"a","password":"secret"}', h));
    for (let i = 0; i < 8; i++) results.push(await post(s.port, "Echo", '{"text":"x"}', h));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.body.error).toBe("rate_limited");
    expect(Number.isInteger(limited[0]!.body.retry_after_ms)).toBe(true);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("HTTP bearer authentication", () => {
  it("answers before login like a stream (not_authenticated, not 401), then requires the login's credential as the bearer of every request", async () => {
    const s = await server();
    const p = s.port;
    const session = { "X-Protoforge-Session": "auth" };
    expect(await post(p, "Echo", '{"text":"x"}', session)).toMatchObject({ status: 200, body: { type: "ErrorReply", seq: 1, payload: { code: "not_authenticated" } } });
    expect(await post(p, "Echo", '{"text":"x"}', { ...session, Authorization: "Bearer secret" })).toMatchObject({ status: 200, body: { type: "ErrorReply", payload: { code: "not_authenticated" } } });
    expect((await post(p, "Login", '{"username":"a","password":"secret"}', { ...session, Authorization: "Bearer other" })).status).toBe(401);
    expect((await post(p, "Login", '{"username":"a","password":"wrong"}', { ...session, Authorization: "Bearer wrong" })).body.type).toBe("ErrorReply");
    const events = await fetch(`http://127.0.0.1:${p}/mini/events`, { headers: session });
    expect(events.status).toBe(401);
    await events.text();
    expect((await post(p, "Login", '{"username":"a","password":"secret"}', { ...session, Authorization: "Bearer secret" })).body.type).toBe("LoginOk");
    expect((await post(p, "Echo", '{"text":"x"}', { ...session, Authorization: "Bearer secret2" })).status).toBe(401);
    expect((await post(p, "Echo", '{"text":"x"}', session)).status).toBe(401);
    expect((await post(p, "Echo", '{"text":"x"}', { ...session, Authorization: "Bearer secret" })).body.type).toBe("EchoOk");
  });
});

describe("HTTP Server-Sent Events", () => {
  it("streams pushes, answers-then-pushes and broadcasts to the session that asked", async () => {
    const s = await server();
    const c = await client(s.port);
    const other = await client(s.port);
    await login(c);
    await login(other, "secret-2");
    await c.send(new L.m.Note({ text: "four" }));
    expect(await c.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 4 });
    await c.request(new L.m.Echo({ text: "tick" }));
    expect(await c.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 7 });
    expect(await until(() => s.sessions.every((x: any) => x.streams === 1))).toBe(true);
    expect(await s.hub.broadcast(new L.m.Tick({ n: 9 }))).toBe(2);
    expect(await c.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 9 });
    expect(await other.nextEvent(5000)).toMatchObject({ NAME: "Tick", n: 9 });
    expect(other.events.size).toBe(0);
  });

  it("formats events as 10.3 says and sends keepalive comments", async () => {
    const s = await server({ keepaliveIntervalMs: 50 });
    const h = { Authorization: "Bearer secret", "X-Protoforge-Session": "sse" };
    await post(s.port, "Login", '{"username":"a","password":"secret"}', h);
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${s.port}/mini/events`, { headers: { ...h, Accept: "text/event-stream" }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    await until(() => s.sessions[0]?.streams === 1);
    await s.sessions[0].push(new L.m.Tick({ n: 3 }));
    let text = "";
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    const end = Date.now() + 5000;
    while (Date.now() < end && !(text.includes('"seq":1') && text.includes(":\n\n"))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
    expect(text).toContain('event: Tick\nid: 1\ndata: {"type":"Tick","seq":1,"payload":{"n":3}}\n\n');
    expect(text).toContain(":\n\n");
  });

  it("parses event streams line by line", () => {
    const parser = new L.sse.SseParser();
    const lines = [": comment\n", "event: Tick\n", "id: 5\n", "data: {\"a\":1}\r\n", "\n", "data: x\n", "data: y\n", "\n"];
    const events = lines.map((l) => parser.line(l)).filter((e: any) => e !== null);
    expect(events).toEqual([
      { event: "Tick", id: "5", data: '{"a":1}' },
      { event: "message", id: "5", data: "x\ny" },
    ]);
  });

  it("closing the server ends the event streams", async () => {
    const s = new L.httpServer.HttpServer({ port: 0, dispatch });
    await s.start();
    const c = await client(s.port);
    await login(c);
    expect(await until(() => s.sessions[0]?.streams === 1)).toBe(true);
    await s.close();
    expect(s.sessions.length).toBe(0);
  });
});
