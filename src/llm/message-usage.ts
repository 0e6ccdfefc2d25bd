// Token counts of one model answer, from LangChain's usage_metadata (filled
// from the endpoint's `usage`). Endpoints that report nothing (and the fake
// chat models) get an estimate of four characters per token, flagged as such,
// so that a token budget still means something.
import type { BaseMessage } from "@langchain/core/messages";

export interface CallUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when the endpoint reported no usage and the counts are estimates. */
  readonly estimated: boolean;
}

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The usage of `answer`, or an estimate from the prompt's length and the answer's text. */
export function usageOfAnswer(answer: BaseMessage, promptText: string): CallUsage {
  const meta = "usage_metadata" in answer ? (answer.usage_metadata as { input_tokens?: unknown; output_tokens?: unknown } | undefined) : undefined;
  const input = meta?.input_tokens;
  const output = meta?.output_tokens;
  if (isCount(input) && isCount(output) && input + output > 0) {
    return { promptTokens: input, completionTokens: output, estimated: false };
  }
  return { promptTokens: estimateTokens(promptText), completionTokens: estimateTokens(answer.text), estimated: true };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}
