// A fake OpenAI chat-completions endpoint on 127.0.0.1 for tests: it answers
// POST /v1/chat/completions with scripted replies in order (text, JSON, HTTP
// errors, malformed bodies), reports `usage` token counts, keeps to the
// request's `max_tokens` (cuts the answer, finish_reason "length"), and
// records every request it got. No test dependency: the end-to-end tests import it, and it
// also runs as a process:
//
//   npx tsx test/llm/support/fake-openai-server.ts SCRIPT.json [--port N] [--record FILE]
//
// SCRIPT.json is a JSON array of ScriptedReply; the process prints one line
// `{"baseUrl":"http://127.0.0.1:PORT/v1"}` when it listens, writes the
// recorded requests to FILE (JSON) after each request, and stops on SIGTERM.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export interface FakeUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

interface ReplyTiming {
  /** Wait this long before answering (for timeout tests). */
  readonly delayMs?: number;
}

export type ScriptedReply =
  /** Shorthand for { kind: "text", content }. */
  | string
  | (ReplyTiming & {
      readonly kind: "text";
      readonly content: string;
      /** Token counts to report; default: characters / 4 of the prompt and of the content. null: no `usage` in the response. */
      readonly usage?: FakeUsage | null;
      readonly finishReason?: "stop" | "length";
    })
  | (ReplyTiming & { readonly kind: "json"; readonly value: unknown; readonly usage?: FakeUsage | null })
  | (ReplyTiming & { readonly kind: "error"; readonly status: number; readonly message: string })
  /** A 200 whose body is `body` verbatim (not a completion). */
  | (ReplyTiming & { readonly kind: "malformed"; readonly body: string });

/** Builders for scripted replies. */
export const reply = {
  text: (content: string, usage?: FakeUsage | null): ScriptedReply => ({ kind: "text", content, ...(usage === undefined ? {} : { usage }) }),
  json: (value: unknown, usage?: FakeUsage | null): ScriptedReply => ({ kind: "json", value, ...(usage === undefined ? {} : { usage }) }),
  error: (status: number, message = `scripted HTTP ${status}`): ScriptedReply => ({ kind: "error", status, message }),
  malformed: (body = "this is not JSON {"): ScriptedReply => ({ kind: "malformed", body }),
};

export interface RecordedMessage {
  readonly role: string;
  /** The content as text (parts joined). */
  readonly content: string;
}

export interface RecordedRequest {
  /** 0-based, in arrival order. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  /** The parsed JSON body. */
  readonly body: Record<string, unknown>;
  readonly model: string;
  readonly messages: readonly RecordedMessage[];
}

export type ReplySource = readonly ScriptedReply[] | ((request: RecordedRequest) => ScriptedReply);

export interface FakeOpenAiServerOptions {
  /** The script: replies in order, or a function of the request. More can be added with enqueue(). */
  readonly replies?: ReplySource;
  /** When set, requests without `Authorization: Bearer <key>` get a 401. */
  readonly requireApiKey?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Called after every request is recorded (the standalone process writes them out). */
  readonly onRequest?: (request: RecordedRequest) => void;
}

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:41234/v1 — what --base-url takes. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in order, chat completions and others. */
  readonly requests: readonly RecordedRequest[];
  /** Chat-completion requests only. */
  completions(): readonly RecordedRequest[];
  /** Appends replies to the script (only with an array script). */
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies not used yet. */
  remaining(): number;
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const source = options.replies ?? [];
  const queue: ScriptedReply[] = typeof source === "function" ? [] : [...source];
  const scriptFn = typeof source === "function" ? source : undefined;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => send(res, 500, errorBody(`fake-openai-server: ${(e as Error).message}`, "server_error")));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return send(res, 400, errorBody("request body is not JSON", "invalid_request_error"));
      }
    }
    const recorded: RecordedRequest = {
      index: requests.length,
      method: req.method ?? "GET",
      path,
      authorization: req.headers.authorization,
      body,
      model: typeof body["model"] === "string" ? body["model"] : "",
      messages: recordMessages(body["messages"]),
    };
    requests.push(recorded);
    options.onRequest?.(recorded);

    if (options.requireApiKey !== undefined && req.headers.authorization !== `Bearer ${options.requireApiKey}`) {
      return send(res, 401, errorBody("Incorrect API key provided", "invalid_request_error", "invalid_api_key"));
    }
    if (req.method === "GET" && path === "/v1/models") {
      return send(res, 200, JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model", created: CREATED, owned_by: "protoforge-tests" }] }));
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return send(res, 404, errorBody(`fake-openai-server: no route ${req.method} ${path}`, "invalid_request_error"));
    }
    if (body["stream"] === true) {
      return send(res, 400, errorBody("fake-openai-server: streaming is not supported; use a non-streaming model", "invalid_request_error"));
    }
    const next = scriptFn ? scriptFn(recorded) : queue.shift();
    if (next === undefined) {
      // 400: clients do not retry it, so a test with a short script fails fast and says why.
      return send(res, 400, errorBody(`fake-openai-server: no scripted reply left for request ${recorded.index}`, "fake_script_exhausted"));
    }
    const scripted: Exclude<ScriptedReply, string> = typeof next === "string" ? { kind: "text", content: next } : next;
    if (scripted.delayMs !== undefined && scripted.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, scripted.delayMs);
        timers.add(timer);
      });
    }
    answer(res, scripted, recorded);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    completions: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    enqueue: (...replies) => {
      if (scriptFn) throw new Error("fake-openai-server: enqueue() needs an array script, not a function");
      queue.push(...replies);
    },
    remaining: () => queue.length,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, scripted: Exclude<ScriptedReply, string>, request: RecordedRequest): void {
  switch (scripted.kind) {
    case "error":
      return send(res, scripted.status, errorBody(scripted.message, scripted.status >= 500 ? "server_error" : "invalid_request_error"));
    case "malformed":
      return send(res, 200, scripted.body);
    case "text":
      return send(res, 200, completion(request, scripted.content, scripted.usage, scripted.finishReason ?? "stop"));
    case "json":
      return send(res, 200, completion(request, JSON.stringify(scripted.value), scripted.usage, "stop"));
  }
}

/** The request's cap on the answer (`max_tokens`, or `max_completion_tokens`), as a real endpoint keeps to it. */
function completionCap(request: RecordedRequest): number | undefined {
  const cap = request.body["max_completion_tokens"] ?? request.body["max_tokens"];
  return typeof cap === "number" && cap > 0 ? cap : undefined;
}

function completion(request: RecordedRequest, fullContent: string, scriptedUsage: FakeUsage | null | undefined, scriptedFinish: string): string {
  let content = fullContent;
  let usage = scriptedUsage;
  let finishReason = scriptedFinish;
  const cap = completionCap(request);
  const wanted = usage === undefined || usage === null ? Math.ceil(content.length / 4) : usage.completion_tokens;
  if (cap !== undefined && wanted > cap) {
    // Cut at the cap, as an endpoint does: 4 characters a token.
    content = content.slice(0, cap * 4);
    if (usage !== undefined && usage !== null) usage = { ...usage, completion_tokens: cap };
    finishReason = "length";
  }
  const counts = usage === undefined ? estimate(request, content) : usage;
  return JSON.stringify({
    id: `chatcmpl-fake-${request.index}`,
    object: "chat.completion",
    created: CREATED,
    model: request.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: finishReason }],
    ...(counts === null ? {} : { usage: { ...counts, total_tokens: counts.prompt_tokens + counts.completion_tokens } }),
  });
}

function estimate(request: RecordedRequest, content: string): FakeUsage {
  const promptChars = request.messages.reduce((n, m) => n + m.content.length, 0);
  return { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4) };
}

function recordMessages(value: unknown): RecordedMessage[] {
  if (!Array.isArray(value)) return [];
  return value.map((m: unknown) => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: typeof msg.role === "string" ? msg.role : "", content: contentText(msg.content) };
  });
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part: unknown) => (part !== null && typeof part === "object" && "text" in part ? String(part.text) : "")).join("");
  }
  return "";
}

function errorBody(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function send(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function main(argv: readonly string[]): Promise<void> {
  const scriptFile = argv[0];
  if (scriptFile === undefined || scriptFile.startsWith("--")) {
    process.stderr.write("usage: fake-openai-server SCRIPT.json [--port N] [--record FILE]\n");
    process.exit(2);
  }
  const flag = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const record = flag("--record");
  const replies = JSON.parse(readFileSync(scriptFile, "utf8")) as ScriptedReply[];
  const recorded: RecordedRequest[] = [];
  const server = await startFakeOpenAiServer({
    replies,
    port: Number(flag("--port") ?? 0),
    onRequest: (r) => {
      recorded.push(r);
      if (record !== undefined) writeFileSync(record, JSON.stringify(recorded, null, 2));
    },
  });
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
