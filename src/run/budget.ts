// A run's budgets: how many rounds, how many model tokens and how much wall
// clock it may spend before it stops with `budget-exhausted` or `timed-out`.
// Pure: parsing the CLI's values and answering "what is left?".

export interface Budgets {
  /** Tester runs (rounds) at most; round N+1 starts when the coder repairs after round N. */
  readonly maxRounds: number;
  /** Model tokens (prompt + completion, retries included) at most. */
  readonly maxTokens: number;
  /** Wall clock of the whole run, summed over every process that worked on it (resume included). */
  readonly timeoutMs: number;
}

export const DEFAULT_BUDGETS: Budgets = { maxRounds: 5, maxTokens: 200_000, timeoutMs: 30 * 60_000 };

/** Largest value each budget accepts, so a typo cannot make a run unbounded. */
export const BUDGET_LIMITS: Budgets = { maxRounds: 50, maxTokens: 100_000_000, timeoutMs: 24 * 3_600_000 };

export class BudgetError extends Error {
  override readonly name = "BudgetError";
  readonly code = "bad-budget";
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `90s`, `15m`, `1h`, `1h30m`, `500ms`; a bare number is seconds. Throws
 * BudgetError for anything else, for zero and beyond 24 h.
 */
export function parseDuration(text: string, option = "--timeout"): number {
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value)) return checkDuration(Math.round(Number(value) * 1000), text, option);
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) {
    throw new BudgetError(option, `${option}: cannot read \`${text}\` as a duration; write e.g. 90s, 15m, 1h or 1h30m`);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] ?? "s"] ?? 1000), 0);
  return checkDuration(Math.round(ms), text, option);
}

function checkDuration(ms: number, text: string, option: string): number {
  if (ms <= 0) throw new BudgetError(option, `${option}: \`${text}\` is no time at all; give a positive duration`);
  if (ms > BUDGET_LIMITS.timeoutMs) throw new BudgetError(option, `${option}: \`${text}\` is more than 24h`);
  return ms;
}

/** A positive integer no larger than `max`. */
export function parseCount(text: string, option: string, max: number): number {
  const value = text.trim().replace(/_/g, "");
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new BudgetError(option, `${option}: expected a positive whole number, got \`${text}\``);
  if (n > max) throw new BudgetError(option, `${option}: ${n} is more than the limit of ${max}`);
  return n;
}

/** `30m`, `1h30m`, `90s`, `1500ms`: the inverse of parseDuration for whole values. */
export function formatBudgetDuration(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}` || "0s";
}

export interface BudgetUse {
  readonly round: number;
  readonly tokens: number;
  readonly elapsedMs: number;
}

/** What is left of each budget (never negative). */
export function remainingBudget(budgets: Budgets, used: BudgetUse): Budgets {
  return {
    maxRounds: Math.max(0, budgets.maxRounds - used.round),
    maxTokens: Math.max(0, budgets.maxTokens - used.tokens),
    timeoutMs: Math.max(0, budgets.timeoutMs - used.elapsedMs),
  };
}

export const isTimeUp = (budgets: Budgets, elapsedMs: number): boolean => elapsedMs >= budgets.timeoutMs;
export const areTokensSpent = (budgets: Budgets, tokens: number): boolean => tokens >= budgets.maxTokens;
