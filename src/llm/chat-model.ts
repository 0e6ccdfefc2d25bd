// The chat model for a resolved config: null for offline (the agents then take
// their rule-based path), ChatOpenAI for OpenAI and every OpenAI-compatible
// endpoint. Everything is passed explicitly so that nothing in the
// environment (OPENAI_BASE_URL, a LangSmith gateway) redirects the requests.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
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
      });
  }
}
