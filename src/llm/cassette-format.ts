// The lines of a cassette file (DIR/cassette.jsonl), as data: a header (the
// model the run used) and then one line per model exchange, in the order the
// answers came. Pure: parse and print; cassette-file.ts reads and appends.
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import type { CassetteRequest } from "./cassette-key.js";

export const CASSETTE_FILE = "cassette.jsonl";
export const CASSETTE_FORMAT = 1;

const headerSchema = z.object({
  type: z.literal("header"),
  format: z.literal(CASSETTE_FORMAT),
  /** modelLabel: `offline` or `openai:MODEL`; a replay runs under this label. */
  label: z.string().min(1),
  /** The model as run.json records it (`offline`, `openai:MODEL`). */
  spec: z.string().min(1),
  jsonMode: z.boolean(),
  temperature: z.number().min(0).max(2).optional(),
});

const messageSchema = z.object({
  role: z.string(),
  text: z.string(),
  toolCalls: z.array(z.object({ name: z.string(), args: z.unknown() })).optional(),
  toolCallId: z.string().optional(),
});

const requestSchema = z.object({
  model: z.string(),
  temperature: z.number().nullable(),
  maxTokens: z.number().nullable(),
  responseFormat: z.unknown(),
  tools: z.unknown(),
  toolChoice: z.unknown(),
  stop: z.unknown(),
  messages: z.array(messageSchema),
});

const answerSchema = z.object({
  /** The message's content as the endpoint gave it (a string, or content blocks). */
  content: z.union([z.string(), z.array(z.unknown())]),
  toolCalls: z.array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()), id: z.string().optional() })),
  finishReason: z.string().nullable(),
  /** LangChain's usage_metadata (input_tokens, output_tokens, …); null: the endpoint reported none. */
  usage: z.record(z.string(), z.unknown()).nullable(),
});

/** A call that failed after the client's own retries: replayed as the same failure. */
const failureSchema = z.object({ name: z.string(), message: z.string(), status: z.number().optional() });

const exchangeSchema = z.object({
  type: z.literal("exchange"),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  /** 0 for the first time this key was asked in the run, 1 for the second, … */
  occurrence: z.int().min(0),
  agent: z.string(),
  round: z.int(),
  attempt: z.int(),
  request: requestSchema,
  answer: answerSchema.optional(),
  failure: failureSchema.optional(),
});

export type CassetteHeader = z.output<typeof headerSchema>;
export type CassetteAnswer = z.output<typeof answerSchema>;
export type CassetteFailure = z.output<typeof failureSchema>;
export type CassetteExchange = Omit<z.output<typeof exchangeSchema>, "request"> & { readonly request: CassetteRequest };

export interface ParsedCassette {
  readonly header: CassetteHeader;
  readonly exchanges: readonly CassetteExchange[];
  /** A last line cut short (the run was killed while writing it): left out. */
  readonly tornTail: boolean;
}

export type CassetteParse = { readonly ok: true; readonly cassette: ParsedCassette } | { readonly ok: false; readonly line: number; readonly problem: string };

export function printLine(line: CassetteHeader | CassetteExchange): string {
  return `${JSON.stringify(line)}\n`;
}

/**
 * The cassette in `text`. Only the last line may be unreadable, and only when
 * it does not end with a newline (a write cut short by a kill): it is left out.
 */
export function parseCassette(text: string): CassetteParse {
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  const torn = last.trim() !== "";
  if (torn) lines.push(last);
  let header: CassetteHeader | undefined;
  const exchanges: CassetteExchange[] = [];
  let tornTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      if (torn && i === lines.length - 1) {
        tornTail = true;
        break;
      }
      return { ok: false, line: i + 1, problem: `not JSON: ${(e as Error).message}` };
    }
    if (header === undefined) {
      const parsed = headerSchema.safeParse(json);
      if (!parsed.success) return { ok: false, line: i + 1, problem: `not a cassette header: ${issueOf(parsed.error)}` };
      header = parsed.data;
      continue;
    }
    const parsed = exchangeSchema.safeParse(json);
    if (!parsed.success || (parsed.data.answer === undefined) === (parsed.data.failure === undefined)) {
      return { ok: false, line: i + 1, problem: `not an exchange: ${parsed.success ? "needs exactly one of answer and failure" : issueOf(parsed.error)}` };
    }
    exchanges.push(parsed.data as CassetteExchange);
  }
  if (header === undefined) return { ok: false, line: 1, problem: "no header line" };
  return { ok: true, cassette: { header, exchanges, tornTail } };
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue === undefined ? "invalid" : `${issue.path.join(".") || "(line)"}: ${issue.message}`;
}

/** What a run needs of an answer to reproduce it: text, tool calls, finish reason, token usage. */
export function answerOf(message: BaseMessage): CassetteAnswer {
  const calls = (message as { tool_calls?: readonly { name: string; args: Record<string, unknown>; id?: string }[] }).tool_calls ?? [];
  const usage = (message as { usage_metadata?: Record<string, unknown> }).usage_metadata;
  const finish = (message.response_metadata as { finish_reason?: unknown } | undefined)?.finish_reason;
  return {
    content: JSON.parse(JSON.stringify(message.content)) as CassetteAnswer["content"],
    toolCalls: calls.map((c) => ({ name: c.name, args: c.args, ...(c.id === undefined ? {} : { id: c.id }) })),
    finishReason: typeof finish === "string" ? finish : null,
    usage: usage === undefined ? null : (JSON.parse(JSON.stringify(usage)) as Record<string, unknown>),
  };
}

/** The answer as the message the recorded model returned (for invokeModel: text, usage, finish reason). */
export function messageOfAnswer(answer: CassetteAnswer): AIMessage {
  const message = new AIMessage({
    content: answer.content as string,
    tool_calls: answer.toolCalls.map((c) => ({ name: c.name, args: c.args, ...(c.id === undefined ? {} : { id: c.id }), type: "tool_call" as const })),
    response_metadata: answer.finishReason === null ? {} : { finish_reason: answer.finishReason },
  });
  // (AIMessage's field types resolve usage_metadata to `undefined` for the default message structure.)
  if (answer.usage !== null) Object.assign(message, { usage_metadata: answer.usage });
  return message;
}

export function failureOf(error: unknown): CassetteFailure {
  const e = error as { name?: unknown; message?: unknown; status?: unknown; constructor?: { name?: unknown } };
  const name = typeof e?.name === "string" ? e.name : "Error";
  const type = typeof e?.constructor?.name === "string" ? e.constructor.name : name;
  return {
    // Both names: invokeModel tells a timeout by them.
    name: type === name ? name : `${name} ${type}`,
    message: typeof e?.message === "string" ? e.message : String(error),
    ...(typeof e?.status === "number" ? { status: e.status } : {}),
  };
}

/** A recorded failure, thrown again on replay. */
export class ReplayedCallError extends Error {
  readonly status: number | undefined;
  constructor(failure: CassetteFailure) {
    super(failure.message);
    this.name = failure.name;
    this.status = failure.status;
  }
}
