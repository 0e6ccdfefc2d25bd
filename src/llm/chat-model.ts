// The chat model for a resolved config: null for offline (the agents then take
// their rule-based path), ChatOpenAI for OpenAI and every OpenAI-compatible
// endpoint. Everything is passed explicitly so that nothing in the
// environment (OPENAI_BASE_URL, a LangSmith gateway) redirects the requests.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI, ChatOpenAICompletions, ChatOpenAIResponses } from "@langchain/openai";
import type { ModelConfig } from "./model-config.js";

/**
 * What is sent as the key to a compatible endpoint configured without one:
 * the OpenAI client refuses to start without a key, and local servers
 * (Ollama, llama.cpp, vLLM without --api-key, LM Studio) ignore it.
 */
export const NO_API_KEY = "no-key";

export function createChatModel(config: ModelConfig): BaseChatModel | null {
  switch (config.kind) {
    case "offline":
      return null;
    case "openai":
    case "openai-compatible":
      return new ChatOpenAI({
        // A call may cap its completion (invokeModel, for the token budget).
        completions: new CappedCompletions(fieldsOf(config)),
        responses: new CappedResponses(fieldsOf(config)),
        ...fieldsOf(config),
      });
  }
}

/**
 * The call option with which `invokeModel` caps one call's completion, so
 * that the call cannot spend more tokens than the run's budget has left.
 * Sent as `max_tokens` (`max_completion_tokens` for OpenAI's reasoning
 * models, `max_output_tokens` on the responses API).
 */
export const COMPLETION_CAP_OPTION = "protoforgeMaxTokens";

/**
 * The call option with which `invokeModel` says who asks (agent, round,
 * attempt): not sent to the endpoint; a cassette records it with each
 * exchange, and a replay names it when a request was not recorded.
 */
export const CALL_CONTEXT_OPTION = "protoforgeCall";

export interface ModelCallContext {
  readonly agent: string;
  readonly round: number;
  readonly attempt: number;
}

export function callContextOf(options: object | undefined): ModelCallContext | undefined {
  const context = (options as Record<string, unknown> | undefined)?.[CALL_CONTEXT_OPTION] as Partial<ModelCallContext> | undefined;
  if (context === undefined || typeof context.agent !== "string" || typeof context.round !== "number" || typeof context.attempt !== "number") return undefined;
  return { agent: context.agent, round: context.round, attempt: context.attempt };
}

function capOf(options: object | undefined): number | undefined {
  const cap = (options as Record<string, unknown> | undefined)?.[COMPLETION_CAP_OPTION];
  return typeof cap === "number" && Number.isSafeInteger(cap) && cap > 0 ? cap : undefined;
}

const lower = (a: number | null | undefined, b: number): number => (a === null || a === undefined || a === -1 ? b : Math.min(a, b));

class CappedCompletions extends ChatOpenAICompletions {
  override invocationParams(...args: Parameters<ChatOpenAICompletions["invocationParams"]>): ReturnType<ChatOpenAICompletions["invocationParams"]> {
    const params = super.invocationParams(...args);
    const cap = capOf(args[0]);
    if (cap === undefined) return params;
    if ("max_completion_tokens" in params) return { ...params, max_completion_tokens: lower(params.max_completion_tokens, cap) };
    return { ...params, max_tokens: lower(params.max_tokens, cap) };
  }
}

class CappedResponses extends ChatOpenAIResponses {
  override invocationParams(...args: Parameters<ChatOpenAIResponses["invocationParams"]>): ReturnType<ChatOpenAIResponses["invocationParams"]> {
    const params = super.invocationParams(...args);
    const cap = capOf(args[0]);
    return cap === undefined ? params : { ...params, max_output_tokens: lower(params.max_output_tokens, cap) };
  }
}

function fieldsOf(config: Exclude<ModelConfig, { kind: "offline" }>) {
  return {
    model: config.model,
    apiKey: config.apiKey ?? NO_API_KEY,
    configuration: { baseURL: config.baseUrl },
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    // Plain request/response: the answer carries real `usage` counts.
    // (A streamed invoke would estimate tokens with tiktoken, which
    // downloads its tables from the network.)
    streaming: false,
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
  };
}
