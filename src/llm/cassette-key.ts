// The request of a model call as the model sees it, and its key: what a
// cassette is indexed by (docs/models.md, "Record and replay"). The model's
// label and sampling temperature, the options that change the answer (the
// completion cap, the response format, tools, stop words) and every message's
// role and text. Never the endpoint, the API key, a timestamp or a message id:
// the same question asked of the same model through any port has one key.
import { createHash } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import { COMPLETION_CAP_OPTION } from "./chat-model.js";

export interface CassetteMessage {
  /** LangChain's type: system, human, ai, tool. */
  readonly role: string;
  readonly text: string;
  /** An AI message's tool calls (names and arguments; ids left out). */
  readonly toolCalls?: readonly { readonly name: string; readonly args: unknown }[];
  /** A tool message's answer to this call. */
  readonly toolCallId?: string;
}

export interface CassetteRequest {
  /** modelLabel of the run's model, e.g. `openai:gpt-4o-mini`. */
  readonly model: string;
  readonly temperature: number | null;
  /** The completion cap invokeModel sent (the token budget's share); null: none. */
  readonly maxTokens: number | null;
  readonly responseFormat: unknown;
  readonly tools: unknown;
  readonly toolChoice: unknown;
  readonly stop: unknown;
  readonly messages: readonly CassetteMessage[];
}

/** What a cassette knows of the model besides the call: its label and temperature. */
export interface CassetteModelIdentity {
  readonly label: string;
  readonly temperature?: number | undefined;
}

export function cassetteRequestOf(messages: readonly BaseMessage[], options: object | undefined, model: CassetteModelIdentity): CassetteRequest {
  const opts = (options ?? {}) as Record<string, unknown>;
  const cap = opts[COMPLETION_CAP_OPTION];
  return {
    model: model.label,
    temperature: model.temperature ?? null,
    maxTokens: typeof cap === "number" ? cap : null,
    responseFormat: plain(opts["response_format"]),
    tools: plain(opts["tools"]),
    toolChoice: plain(opts["tool_choice"]),
    stop: plain(opts["stop"]),
    messages: messages.map(messageOf),
  };
}

function messageOf(message: BaseMessage): CassetteMessage {
  const calls = (message as { tool_calls?: readonly { name: string; args: unknown }[] }).tool_calls;
  const callId = (message as { tool_call_id?: unknown }).tool_call_id;
  return {
    role: message.getType(),
    text: message.text,
    ...(calls !== undefined && calls.length > 0 ? { toolCalls: calls.map((c) => ({ name: c.name, args: plain(c.args) })) } : {}),
    ...(typeof callId === "string" ? { toolCallId: callId } : {}),
  };
}

/** JSON data of an option (undefined → null), so that the key and the file agree. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** JSON with object keys sorted at every depth: the same data, the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
}

/** The key version: bump it when what goes into the key changes (old cassettes then miss, with the reason). */
export const CASSETTE_KEY_VERSION = 1;

/** sha256 (hex) of the request's canonical JSON. */
export function cassetteKey(request: CassetteRequest): string {
  return createHash("sha256").update(canonicalJson({ v: CASSETTE_KEY_VERSION, ...request })).digest("hex");
}

const CONTEXT = 30;

/**
 * The first part in which `asked` differs from `recorded`, in words (the
 * model and options, then the messages in order, then the completion cap), e.g.
 * `message 2 (human) differs at character 118: recorded "…", asked "…"`;
 * undefined when they are the same request.
 */
export function firstDifference(recorded: CassetteRequest, asked: CassetteRequest): string | undefined {
  const scalar = (what: string, a: unknown, b: unknown) => (canonicalJson(a) === canonicalJson(b) ? undefined : `${what} differs: recorded ${canonicalJson(a)}, asked ${canonicalJson(b)}`);
  const head =
    scalar("the model", recorded.model, asked.model) ??
    scalar("the temperature", recorded.temperature, asked.temperature) ??
    scalar("the response format", recorded.responseFormat, asked.responseFormat) ??
    scalar("the tools", recorded.tools, asked.tools) ??
    scalar("the tool choice", recorded.toolChoice, asked.toolChoice) ??
    scalar("the stop words", recorded.stop, asked.stop);
  if (head !== undefined) return head;
  const common = Math.min(recorded.messages.length, asked.messages.length);
  for (let i = 0; i < common; i++) {
    const a = recorded.messages[i] as CassetteMessage;
    const b = asked.messages[i] as CassetteMessage;
    const at = `message ${i + 1}`;
    if (a.role !== b.role) return `${at} differs in role: recorded ${a.role}, asked ${b.role}`;
    if (a.text !== b.text) return `${at} (${a.role}) differs ${textDifference(a.text, b.text)}`;
    const rest = scalar(`${at} (${a.role}): the tool calls`, a.toolCalls ?? null, b.toolCalls ?? null) ?? scalar(`${at} (${a.role}): the tool call id`, a.toolCallId ?? null, b.toolCallId ?? null);
    if (rest !== undefined) return rest;
  }
  if (recorded.messages.length !== asked.messages.length) {
    return `the number of messages differs: recorded ${recorded.messages.length}, asked ${asked.messages.length}`;
  }
  // Last: the cap follows from the prompt's length and the tokens used before, so it is rarely the first cause.
  return scalar("the completion cap (max tokens)", recorded.maxTokens, asked.maxTokens);
}

function textDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split("\n").length;
  const excerpt = (s: string) => JSON.stringify(`${i > CONTEXT ? "…" : ""}${s.slice(Math.max(0, i - CONTEXT), i + CONTEXT)}${i + CONTEXT < s.length ? "…" : ""}`);
  return `at character ${i + 1} (line ${line}): recorded ${excerpt(a)}, asked ${excerpt(b)}`;
}
