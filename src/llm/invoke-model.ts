// One model call with its bookkeeping: the budget is checked before, the
// usage recorded after (every attempt counts), and failures of the endpoint
// become a ModelCallError that names the agent and round.
import type { BaseChatModel, BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
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
  /** The run's token budget: no call is made once the ledger's total reaches it (TokenBudgetError). */
  readonly tokenBudget?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface ModelAnswer {
  readonly text: string;
  readonly message: BaseMessage;
  /** The endpoint stopped at its output limit (finish_reason "length"). */
  readonly truncated: boolean;
}

export async function invokeModel(
  ask: AskBase,
  messages: readonly BaseMessage[],
  attempt: number,
  extraOptions: Record<string, unknown> = {},
): Promise<ModelAnswer> {
  if (ask.tokenBudget !== undefined && ask.usage.isExhausted(ask.tokenBudget)) {
    const used = ask.usage.totals().totalTokens;
    throw new TokenBudgetError(
      `token budget exhausted: ${used} of ${ask.tokenBudget} tokens used before ${ask.agent} could ask (round ${ask.round})`,
      ask.agent,
      ask.round,
      used,
      ask.tokenBudget,
    );
  }
  const options: BaseChatModelCallOptions & Record<string, unknown> = { ...extraOptions, ...(ask.signal ? { signal: ask.signal } : {}) };
  let message: BaseMessage;
  try {
    message = await ask.model.invoke([...messages], options);
  } catch (e) {
    throw toModelCallError(e, ask);
  }
  const promptText = messages.map((m) => m.text).join("\n");
  const usage = usageOfAnswer(message, promptText);
  ask.usage.record({ agent: ask.agent, round: ask.round, attempt, ...usage });
  const finish = (message.response_metadata as { finish_reason?: unknown } | undefined)?.finish_reason;
  return { text: message.text, message, truncated: finish === "length" };
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
