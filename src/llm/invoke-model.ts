// One model call with its bookkeeping: the budget is checked before and the
// answer capped (max_tokens) so that prompt + answer cannot pass what is left
// of it, the usage recorded after (every attempt counts), and failures of the
// endpoint become a ModelCallError that names the agent and round.
import type { BaseChatModel, BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { CALL_CONTEXT_OPTION, COMPLETION_CAP_OPTION } from "./chat-model.js";
import { isCassetteError } from "./cassette-errors.js";
import { ModelCallError, TokenBudgetError } from "./errors.js";
import { usageOfAnswer } from "./message-usage.js";
import type { UsageLedger } from "./usage-ledger.js";

/** What every question to a model carries. */
export interface AskBase {
  readonly model: BaseChatModel;
  /** The agent asking, e.g. "architect", "coder", "reviewer": the ledger's key. */
  readonly agent: string;
  readonly round: number;
  /** Every call is recorded here, retries included. */
  readonly usage: UsageLedger;
  /** The run's token budget: a call that could pass it is not made (TokenBudgetError), or its answer is capped. */
  readonly tokenBudget?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface ModelAnswer {
  readonly text: string;
  readonly message: BaseMessage;
  /** The endpoint stopped at its output limit (finish_reason "length"). */
  readonly truncated: boolean;
}

/** The least answer worth asking for: with less left of the budget, no call is made. */
export const MIN_COMPLETION_TOKENS = 128;

/**
 * An upper bound for the tokens of a prompt, whatever the endpoint's
 * tokenizer: one token per 3 bytes of UTF-8 (tokenizers average 4 or more
 * characters a token on English and code, about one a character on CJK
 * text, 3 bytes in UTF-8) and 8 tokens a message for the roles and the
 * chat template.
 */
export function promptTokenBound(messages: readonly BaseMessage[]): number {
  return messages.reduce((n, m) => n + Math.ceil(Buffer.byteLength(m.text, "utf8") / 3) + 8, 0);
}

export async function invokeModel(
  ask: AskBase,
  messages: readonly BaseMessage[],
  attempt: number,
  extraOptions: Record<string, unknown> = {},
): Promise<ModelAnswer> {
  const cap = completionCap(ask, messages);
  const options: BaseChatModelCallOptions & Record<string, unknown> = {
    ...extraOptions,
    [CALL_CONTEXT_OPTION]: { agent: ask.agent, round: ask.round, attempt },
    ...(cap === undefined ? {} : { [COMPLETION_CAP_OPTION]: cap }),
    ...(ask.signal ? { signal: ask.signal } : {}),
  };
  let message: BaseMessage;
  try {
    message = await ask.model.invoke([...messages], options);
  } catch (e) {
    // A replay that misses its cassette is no endpoint failure to fall back from: the run stops.
    if (isCassetteError(e)) throw e;
    throw toModelCallError(e, ask);
  }
  const promptText = messages.map((m) => m.text).join("\n");
  const usage = usageOfAnswer(message, promptText);
  // An estimate cannot know the endpoint's tokenizer; the endpoint kept to the cap.
  const completionTokens = usage.estimated && cap !== undefined ? Math.min(usage.completionTokens, cap) : usage.completionTokens;
  ask.usage.record({ agent: ask.agent, round: ask.round, attempt, ...usage, completionTokens });
  const finish = (message.response_metadata as { finish_reason?: unknown } | undefined)?.finish_reason;
  return { text: message.text, message, truncated: finish === "length" };
}

/**
 * The most the answer may spend so that prompt + answer stay within the
 * token budget (undefined without a budget); TokenBudgetError when the
 * budget is spent, or when what is left cannot pay for the prompt's bound
 * and a useful answer.
 */
function completionCap(ask: AskBase, messages: readonly BaseMessage[]): number | undefined {
  if (ask.tokenBudget === undefined || ask.tokenBudget === Infinity) return undefined;
  const used = ask.usage.totals().totalTokens;
  const left = ask.usage.remaining(ask.tokenBudget);
  const refuse = (why: string) => new TokenBudgetError(`token budget exhausted: ${used} of ${ask.tokenBudget} tokens used ${why}`, ask.agent, ask.round, used, ask.tokenBudget ?? 0);
  if (left <= 0) throw refuse(`before ${ask.agent} could ask (round ${ask.round})`);
  const prompt = promptTokenBound(messages);
  const cap = left - prompt;
  if (cap < MIN_COMPLETION_TOKENS) {
    throw refuse(
      `before ${ask.agent} could ask (round ${ask.round}): the question needs up to ${prompt} tokens of prompt and ${MIN_COMPLETION_TOKENS} of answer, more than the ${left} left`,
    );
  }
  return cap;
}

function toModelCallError(e: unknown, ask: AskBase): ModelCallError {
  const err = e as { name?: unknown; message?: unknown; status?: unknown; constructor?: { name?: unknown } };
  const text = typeof err?.message === "string" ? err.message : String(e);
  const names = `${String(err?.name)} ${String(err?.constructor?.name)}`;
  const timeout = /timeout/i.test(names) || /timed? ?out/i.test(text);
  const status = typeof err?.status === "number" ? err.status : undefined;
  const what = timeout ? "timed out" : status === undefined ? "failed" : `failed with HTTP ${status}`;
  return new ModelCallError(
    timeout ? "model-timeout" : "model-call-failed",
    `model call of ${ask.agent} (round ${ask.round}) ${what}: ${text}`,
    ask.agent,
    ask.round,
    status,
    { cause: e },
  );
}
