// Token accounting for a run: one entry per model call (retries included),
// summed by agent and by round, checked against the run's token budget.
// Plain data inside, so it round-trips through JSON for checkpoints.
import { z } from "zod";
import type { CallUsage } from "./message-usage.js";

export const usageEntrySchema = z.strictObject({
  agent: z.string().min(1),
  round: z.int().min(0),
  /** 1 for the first attempt of a question, 2 for its first retry, … */
  attempt: z.int().min(1),
  promptTokens: z.int().min(0),
  completionTokens: z.int().min(0),
  estimated: z.boolean(),
});

export const usageLedgerJsonSchema = z.strictObject({ entries: z.array(usageEntrySchema) });

export type UsageEntry = z.infer<typeof usageEntrySchema>;
export type UsageLedgerJson = z.infer<typeof usageLedgerJsonSchema>;

export interface TokenTotals {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** Model calls, retries included. */
  readonly calls: number;
  /** Calls whose counts are estimates (the endpoint reported no usage). */
  readonly estimatedCalls: number;
}

export const NO_TOKENS: TokenTotals = { promptTokens: 0, completionTokens: 0, totalTokens: 0, calls: 0, estimatedCalls: 0 };

export class UsageLedger {
  readonly #entries: UsageEntry[];

  constructor(entries: readonly UsageEntry[] = []) {
    this.#entries = entries.map((e) => ({ ...e }));
  }

  /** A ledger from its JSON (validated; throws a ZodError on anything else). */
  static fromJSON(json: unknown): UsageLedger {
    return new UsageLedger(usageLedgerJsonSchema.parse(json).entries);
  }

  /** Records one model call; `attempt` defaults to 1 and `estimated` to false. */
  record(call: { readonly agent: string; readonly round: number; readonly attempt?: number } & Omit<CallUsage, "estimated"> & { readonly estimated?: boolean }): UsageEntry {
    const entry: UsageEntry = usageEntrySchema.parse({
      agent: call.agent,
      round: call.round,
      attempt: call.attempt ?? 1,
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
      estimated: call.estimated ?? false,
    });
    this.#entries.push(entry);
    return entry;
  }

  get entries(): readonly UsageEntry[] {
    return this.#entries;
  }

  totals(): TokenTotals {
    return sum(this.#entries);
  }

  /** Totals per agent, sorted by agent name. */
  byAgent(): ReadonlyMap<string, TokenTotals> {
    return group(this.#entries, (e) => e.agent, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Totals per round, in round order. */
  byRound(): ReadonlyMap<number, TokenTotals> {
    return group(this.#entries, (e) => e.round, (a, b) => a - b);
  }

  forAgent(agent: string): TokenTotals {
    return sum(this.#entries.filter((e) => e.agent === agent));
  }

  forRound(round: number): TokenTotals {
    return sum(this.#entries.filter((e) => e.round === round));
  }

  /** Tokens left of a budget of `maxTokens` (never negative; Infinity for an unlimited budget). */
  remaining(maxTokens: number): number {
    if (maxTokens === Infinity) return Infinity;
    return Math.max(0, maxTokens - this.totals().totalTokens);
  }

  /** True once the budget is spent: no further call should be made. */
  isExhausted(maxTokens: number): boolean {
    return this.remaining(maxTokens) <= 0;
  }

  toJSON(): UsageLedgerJson {
    return { entries: this.#entries.map((e) => ({ ...e })) };
  }
}

function sum(entries: readonly UsageEntry[]): TokenTotals {
  let promptTokens = 0;
  let completionTokens = 0;
  let estimatedCalls = 0;
  for (const e of entries) {
    promptTokens += e.promptTokens;
    completionTokens += e.completionTokens;
    if (e.estimated) estimatedCalls++;
  }
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, calls: entries.length, estimatedCalls };
}

function group<K>(entries: readonly UsageEntry[], key: (e: UsageEntry) => K, compare: (a: K, b: K) => number): ReadonlyMap<K, TokenTotals> {
  const buckets = new Map<K, UsageEntry[]>();
  for (const e of entries) {
    const k = key(e);
    const bucket = buckets.get(k);
    if (bucket) bucket.push(e);
    else buckets.set(k, [e]);
  }
  return new Map([...buckets.keys()].sort(compare).map((k) => [k, sum(buckets.get(k) ?? [])]));
}
