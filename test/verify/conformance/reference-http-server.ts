// A small HTTP server on the reference codec (src/wire) following a spec's
// server machine per session and the HTTP mapping of wire-format §10.3 (the
// status table, 409 for a refusal without an error message, the credential as
// bearer once authenticated, 429 with retry_after_ms), for the conformance
// runner's own tests. Plants turn one rule off.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Spec, State } from "../../../src/spec/model.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { SEQ_HEADER, SESSION_HEADER } from "../../../src/verify/conformance/http-probe.js";
import { credentialField, hasRetryField, RETRY_FIELD } from "../../../src/verify/conformance/http-session.js";
import { afterReceive, refusalCode } from "../../../src/verify/conformance/server-states.js";
import { WireError } from "../../../src/wire/index.js";
import type { WireObject } from "../../../src/wire/values.js";

export interface HttpPlants {
  /** Answers every message but the authentication request with 401 before authentication (instead of the state's refusal). */
  readonly unauthorizedBeforeLogin?: boolean;
  /** Refuses every request of the initial state but the authentication request with the refusal code (Resume before Login). */
  readonly refuseResumeBeforeLogin?: boolean;
  /** Answers a message the client does not send (or no message) with 200 instead of 404. */
  readonly answer404With200?: boolean;
  /** Leaves retry_after_ms out of the 429 body. */
  readonly noRetryAfterMs?: boolean;
}

export interface RunningHttpReference {
  readonly port: number;
  close(): Promise<void>;
}

interface Session {
  state: State | undefined;
  authenticated: boolean;
  credential: string | undefined;
  tokens: number;
  refilled: number;
  readonly streams: Set<ServerResponse>;
}

export async function startReferenceHttpServer(spec: Spec, plants: HttpPlants = {}, port = 0): Promise<RunningHttpReference> {
  const kit = createCaseKit(spec);
  const machine = spec.machines.responder;
  const stateNamed = (name: string | undefined) => machine.states.find((s) => s.name === name);
  const fallbackCode = spec.errors.find((e) => e.name === "invalid_request")?.name ?? spec.errors[0]?.name ?? "";
  const credential = credentialField(spec);
  const limit = spec.security.rateLimit;
  const prefix = `/${spec.protocol.name}`;
  const sessions = new Map<string, Session>();
  const sockets = new Set<Socket>();

  const json = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: ServerResponse, status: number, error: string, message: string, headers: Record<string, string> = {}, extra: object = {}): void => json(res, status, { error, message, ...extra }, headers);
  const envelope = (res: ServerResponse, message: string, value: WireObject, seq: number): void => json(res, 200, kit.codec.toEnvelope({ messageName: message, seq, value }));
  const errorValue = (message: string, code: string, detail: string): WireObject => {
    const field = kit.codeField(message);
    return { ...kit.sample(message), ...(field === undefined ? {} : { [field]: code }), detail };
  };
  const sessionOf = (req: IncomingMessage, bearer: string | undefined): Session => {
    const named = req.headers[SESSION_HEADER.toLowerCase()];
    const key = typeof named === "string" && named !== "" ? `session:${named}` : bearer !== undefined ? `credential:${bearer}` : `address:${req.socket.remoteAddress}`;
    let s = sessions.get(key);
    if (s === undefined) {
      s = { state: stateNamed(machine.initial), authenticated: kit.authMessage === undefined, credential: undefined, tokens: limit?.burst ?? 0, refilled: Date.now(), streams: new Set() };
      sessions.set(key, s);
    }
    return s;
  };
  const end = (s: Session): void => {
    for (const [key, v] of sessions) if (v === s) sessions.delete(key);
    for (const r of s.streams) r.end();
  };
  /** Milliseconds until the bucket has a token, or 0 after taking one. */
  const admit = (s: Session): number => {
    if (limit === undefined) return 0;
    const now = Date.now();
    s.tokens = Math.min(limit.burst, s.tokens + ((now - s.refilled) / 1000) * limit.messagesPerSecond);
    s.refilled = now;
    if (s.tokens >= 1) {
      s.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - s.tokens) / limit.messagesPerSecond) * 1000);
  };

  const onMessage = (req: IncomingMessage, res: ServerResponse, name: string, body: Buffer): void => {
    if (req.method !== "POST") return fail(res, 405, "method_not_allowed", "messages are sent with POST", { Allow: "POST" });
    const message = spec.messages.find((m) => m.name === name);
    if (message === undefined || message.from !== "initiator") {
      if (plants.answer404With200 === true) return json(res, 200, {});
      return fail(res, 404, "unknown_message", `${name} is not a message the client sends`);
    }
    if ((req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() !== "application/json") return fail(res, 415, "unsupported_media_type", "the body must be application/json");
    const seqText = req.headers[SEQ_HEADER.toLowerCase()];
    const seq = typeof seqText === "string" && /^(0|[1-9][0-9]{0,9})$/.test(seqText) ? Number(seqText) : -1;
    if (seq < 0 || seq > 0xffffffff) return fail(res, 400, "bad_request", `${SEQ_HEADER} must be a uint32`);
    if (body.length > spec.security.maxFrameBytes) return fail(res, 413, "frame_too_large", `the body is larger than ${spec.security.maxFrameBytes} bytes`, { Connection: "close" });
    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "");
    const bearer = auth?.[1]?.trim();
    const s = sessionOf(req, bearer);
    if (s.credential !== undefined && bearer !== s.credential) return fail(res, 401, "unauthorized", "the bearer is not the session's credential");
    const wait = admit(s);
    if (wait > 0) return fail(res, 429, "rate_limited", "slow down", { "Retry-After": String(Math.max(1, Math.ceil(wait / 1000))) }, plants.noRetryAfterMs === true || !hasRetryField(spec) ? {} : { [RETRY_FIELD]: wait });
    let value: WireObject;
    try {
      value = kit.codec.fromJson(name, JSON.parse(body.toString("utf8")));
    } catch (e) {
      if (e instanceof WireError) return fail(res, 400, e.code, e.message);
      return fail(res, 400, "bad_request", "the body is not JSON");
    }
    if (plants.unauthorizedBeforeLogin === true && !s.authenticated && name !== kit.authMessage) return fail(res, 401, "unauthorized", "log in first");
    const state = s.state;
    if (state === undefined) return fail(res, 409, "session_closed", "the session is over");
    let next = afterReceive(spec, state, name);
    const initial = state.name === machine.initial;
    if (plants.refuseResumeBeforeLogin === true && initial && name !== kit.authMessage) next = undefined;
    if (next === undefined) {
      if (message.error === undefined) {
        end(s);
        return fail(res, 409, "session_closed", `${name} is not allowed in ${state.name}`);
      }
      return envelope(res, message.error, errorValue(message.error, refusalCode(spec, state) ?? fallbackCode, `${name} is not allowed in ${state.name}`), seq);
    }
    if (message.kind === "request") {
      const answer = message.responses[0] ?? message.error ?? "";
      s.state = stateNamed(next.transitions.find((t) => t.action === "send" && t.message === answer)?.to ?? next.name);
      envelope(res, answer, kit.sample(answer), seq);
    } else {
      s.state = next;
      res.writeHead(202, { "Content-Length": 0 });
      res.end();
    }
    if (initial && s.state?.name !== machine.initial && !s.authenticated) {
      s.authenticated = true;
      const c = name === kit.authMessage && credential !== undefined ? value[credential] : undefined;
      if (typeof c === "string") s.credential = c;
    }
    if (s.state?.terminal === true) end(s);
  };

  const onEvents = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET") return fail(res, 405, "method_not_allowed", "the event stream is read with GET", { Allow: "GET" });
    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "");
    const bearer = auth?.[1]?.trim();
    const s = sessionOf(req, bearer);
    if (!s.authenticated || (s.credential !== undefined && bearer !== s.credential)) return fail(res, 401, "unauthorized", "authenticate first");
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    res.write(":\n\n");
    s.streams.add(res);
    res.on("close", () => s.streams.delete(res));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const body = Buffer.concat(chunks);
      if (path.startsWith(`${prefix}/messages/`)) onMessage(req, res, decodeURIComponent(path.slice(prefix.length + "/messages/".length)), body);
      else if (path === `${prefix}/events`) onEvents(req, res);
      else fail(res, 404, "not_found", `no such resource: ${path}`);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
