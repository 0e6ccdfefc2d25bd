// The HTTP link (wire-format §9, §10.3): the session and state cases send
// binary frames; this link decodes each with the reference codec, POSTs its
// JSON form to `/<protocol>/messages/<Message>` on a session of its own, and
// turns what comes back into the events a TCP link would give:
//
//   200 + envelope   → the answer as a frame (RESPONSE, the envelope's seq)
//   202              → nothing (a oneway was taken)
//   409              → closed: the server ended the session (§10.3, §10.4)
//   anything else    → unmapped (the runner reports it as it is)
//
// Messages on `GET /<protocol>/events` become frames too, and the end of that
// stream is the close of the session. Requests go one after the other, in the
// order sent. Every connection is made through the endpoint (the loopback
// port, or the sandbox relay's stream socket).
import { request as httpRequest, type IncomingMessage, type ClientRequest } from "node:http";
import { connect } from "node:net";
import { randomUUID } from "node:crypto";
import type { Spec } from "../../spec/model.js";
import { FLAG_RESPONSE, WireError } from "../../wire/index.js";
import type { CaseKit } from "./case-kit.js";
import { createCaseKit } from "./case-kit.js";
import { describeEndpoint, type Endpoint, streamTarget } from "./endpoint.js";
import { ConformanceError } from "./errors.js";
import { credentialField } from "./http-session.js";
import { describeHttpAnswer, type HttpAnswer, type HttpProbe, SEQ_HEADER, SESSION_HEADER } from "./http-probe.js";
import { LinkEvents } from "./link-events.js";
import type { Link, LinkEvent, OpenLink } from "./link.js";
import { SseReader } from "./sse-reader.js";

/** Largest answer body the link reads (an answer is one frame as JSON; base64 and escapes make it larger). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export function httpOpener(endpoint: Endpoint, spec: Spec): OpenLink {
  const kit = createCaseKit(spec);
  const credential = credentialField(spec);
  return async (deadline) => {
    const link = new HttpLink(endpoint, kit, credential);
    await link.openStream(deadline);
    return link;
  };
}

class HttpLink implements Link {
  private readonly session = `conform-${randomUUID()}`;
  private readonly events = new LinkEvents();
  private ended = false;
  private bearer: string | undefined;
  /** The tail of the queue of POSTs: each starts when the one before is answered. */
  private tail: Promise<void> = Promise.resolve();
  private stream: IncomingMessage | undefined;
  private readonly requests = new Set<ClientRequest>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly kit: CaseKit,
    private readonly credential: string | undefined,
  ) {}

  private get prefix(): string {
    return `/${this.kit.spec.protocol.name}`;
  }

  send(bytes: Uint8Array): Promise<void> {
    if (this.ended) return Promise.reject(new ConformanceError("send", "the session is closed"));
    let frame;
    try {
      frame = this.kit.codec.decodeFrame(bytes);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      return Promise.reject(new ConformanceError("send", `a frame the reference codec rejects (${e.code}) has no HTTP form`));
    }
    if (frame.kind === "control") return Promise.reject(new ConformanceError("send", `a ${frame.control.toUpperCase()} has no HTTP form`));
    const { messageName, value } = frame;
    const seq = frame.header.sequence;
    // §10.3: the credential of the authentication request is the bearer of every request from it on.
    if (messageName === this.kit.authMessage && this.credential !== undefined) {
      const c = value[this.credential];
      if (typeof c === "string") this.bearer = c;
    }
    const probe: HttpProbe = {
      method: "POST",
      path: `${this.prefix}/messages/${encodeURIComponent(messageName)}`,
      headers: { "Content-Type": "application/json", [SEQ_HEADER]: String(seq) },
      body: this.kit.codec.toJsonText(messageName, value),
    };
    const bearer = this.bearer;
    this.tail = this.tail.then(async () => {
      if (this.ended) return;
      let answer: HttpAnswer;
      try {
        answer = await this.request(probe, bearer, Number.POSITIVE_INFINITY);
      } catch (e) {
        this.end(`POST ${messageName} #${seq} failed: ${(e as Error).message}`);
        return;
      }
      await this.take(answer, messageName, seq);
    });
    return Promise.resolve();
  }

  exchange(probe: HttpProbe, deadline: number): Promise<HttpAnswer[]> {
    if (this.ended) return Promise.reject(new ConformanceError("send", "the session is closed"));
    const copies = Math.max(1, probe.copies ?? 1);
    const seq = Number(probe.headers[SEQ_HEADER] ?? Number.NaN);
    const one = (i: number): HttpProbe => (Number.isInteger(seq) && i > 0 ? { ...probe, headers: { ...probe.headers, [SEQ_HEADER]: String(seq + i) } } : probe);
    const run = this.tail.then(() => Promise.all(Array.from({ length: copies }, (_, i) => this.request(one(i), this.bearer, deadline))));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  next(deadline: number): Promise<LinkEvent> {
    return this.events.next(deadline);
  }

  close(): void {
    this.ended = true;
    this.stream?.destroy();
    for (const r of this.requests) r.destroy();
    this.requests.clear();
  }

  /** Opens `GET /<protocol>/events` on the session, if the server lets it now; resolves once it knows. */
  async openStream(deadline: number): Promise<void> {
    if (this.ended || this.stream !== undefined) return;
    const headers: Record<string, string> = { Accept: "text/event-stream", [SESSION_HEADER]: this.session };
    if (this.bearer !== undefined) headers["Authorization"] = `Bearer ${this.bearer}`;
    let res: IncomingMessage;
    try {
      res = await this.start("GET", `${this.prefix}/events`, headers, "", deadline);
    } catch (e) {
      if (e instanceof ConformanceError && e.code === "connect") throw e;
      return;
    }
    if (res.statusCode !== 200) {
      // Not (yet) allowed, e.g. before authentication: tried again after the next answer.
      res.resume();
      return;
    }
    this.stream = res;
    const reader = new SseReader();
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      if (this.ended) return;
      for (const event of reader.push(chunk)) this.takeEvent(event.data);
    });
    const gone = (why: string) => () => this.end(why);
    res.on("end", gone("the server ended the session's event stream"));
    res.on("error", (e) => this.end(`event stream error: ${e.message}`));
    res.on("close", gone("the event stream closed"));
  }

  /** One request on a fresh connection; resolves to the whole answer. */
  private async request(probe: HttpProbe, bearer: string | undefined, deadline: number): Promise<HttpAnswer> {
    const headers: Record<string, string> = { [SESSION_HEADER]: this.session, ...probe.headers };
    if (bearer !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) headers["Authorization"] = `Bearer ${bearer}`;
    const res = await this.start(probe.method, probe.path, headers, probe.body, deadline);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) res.destroy(new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        const lower: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) lower[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status: res.statusCode ?? 0, headers: lower, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (e) => reject(new ConformanceError("send", `reading the answer to ${probe.method} ${probe.path}: ${e.message}`)));
      res.on("aborted", () => reject(new ConformanceError("send", `the answer to ${probe.method} ${probe.path} was cut off`)));
    });
  }

  /** Sends a request; resolves at the answer's head. The connection is the endpoint's, never reused. */
  private start(method: string, path: string, headers: Record<string, string>, body: string, deadline: number): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (this.ended) return reject(new ConformanceError("send", "the session is closed"));
      const where = describeEndpoint(this.endpoint);
      const payload = Buffer.from(body, "utf8");
      const req = httpRequest({
        method,
        path,
        headers: { Host: this.endpoint.kind === "direct" ? `${this.endpoint.host}:${this.endpoint.port}` : "localhost", Connection: "close", ...(method === "GET" ? {} : { "Content-Length": String(payload.length) }), ...headers },
        createConnection: () => connect({ ...streamTarget(this.endpoint) }),
      });
      this.requests.add(req);
      let answered = false;
      const timer = Number.isFinite(deadline)
        ? setTimeout(() => {
            req.destroy();
            reject(new ConformanceError("send", `no answer to ${method} ${path} in time`));
          }, Math.max(0, deadline - Date.now()))
        : undefined;
      req.on("response", (res) => {
        answered = true;
        clearTimeout(timer);
        res.on("close", () => this.requests.delete(req));
        resolve(res);
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.requests.delete(req);
        if (answered) return; // e.g. the server closed after a 413 while the body was still going out
        const code = e.code === "ECONNREFUSED" || e.code === "ENOENT" ? "connect" : "send";
        reject(new ConformanceError(code, `${method} ${path} to ${where}: ${e.message}`));
      });
      req.end(payload);
    });
  }

  /** Maps the answer to a POSTed frame to the events a stream would give. */
  private async take(answer: HttpAnswer, request: string, seq: number): Promise<void> {
    if (answer.status === 202 && this.kit.message(request).kind !== "request") return;
    if (answer.status === 409) return this.end(`the server ended the session: ${describeHttpAnswer(answer)}`);
    if (answer.status !== 200) return this.emit({ kind: "unmapped", describe: describeHttpAnswer(answer) });
    const bytes = this.frameOf(answer.body, true);
    if (bytes === undefined) return this.emit({ kind: "unmapped", describe: `${describeHttpAnswer(answer)}, which is not an envelope the reference codec reads` });
    this.emit({ kind: "frame", bytes });
    // After an answer the session may take its event stream (authenticated now).
    if (this.stream === undefined) await this.openStream(Date.now() + 3000);
    void seq;
  }

  private takeEvent(data: string): void {
    const bytes = this.frameOf(data, false);
    this.emit(bytes === undefined ? { kind: "unmapped", describe: `an event the reference codec does not read: ${data.slice(0, 200)}` } : { kind: "frame", bytes });
  }

  /** An envelope's frame: RESPONSE on answers, none on events. */
  private frameOf(text: string, answer: boolean): Uint8Array | undefined {
    try {
      const env = this.kit.codec.fromEnvelope(JSON.parse(text));
      const kind = this.kit.message(env.messageName).kind;
      const flags = answer ? FLAG_RESPONSE : kind === "response" ? FLAG_RESPONSE : 0;
      return this.kit.codec.encodeFrame(env.messageName, env.value, { seq: env.seq, flags });
    } catch {
      return undefined;
    }
  }

  private end(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.stream?.destroy();
    this.emit({ kind: "closed", why });
  }

  private emit(e: LinkEvent): void {
    this.events.push(e);
  }
}
