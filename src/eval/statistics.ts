// The statistics of an eval comparison (pure): how sure we are of a
// variant's pass rate and means, and whether two variants run on the same
// cases really differ. Pass/fail outcomes of two variants on the same case
// are paired, so the test is McNemar's exact test: only the pairs where the
// variants disagree carry information, and under "no difference" each such
// pair goes either way with probability ½ (docs/evals.md, "Statistics").
import binomialCdf from "@stdlib/stats-base-dists-binomial-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** A point estimate with its 95% interval. */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

const Z95 = 1.959963984540054;

/** The pass rate of `passed` out of `n` with Wilson's score interval (sound at 0, n and small n, unlike the Wald interval). */
export function passRate(passed: number, n: number): Estimate {
  if (!Number.isInteger(passed) || !Number.isInteger(n) || passed < 0 || passed > n) throw new RangeError(`passRate: ${passed} of ${n} is not a count`);
  if (n === 0) return { value: Number.NaN, low: 0, high: 1 };
  const p = passed / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The mean with Student's t interval; one value has no interval (its bounds
 * are the value). Rounds, tokens and times cannot be negative, so the
 * interval is cut at 0 when every value is at least 0.
 */
export function mean(values: readonly number[]): Estimate {
  const n = values.length;
  if (n === 0) return { value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const m = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { value: m, low: m, high: m };
  const variance = values.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1);
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  const floor = values.every((v) => v >= 0) ? 0 : Number.NEGATIVE_INFINITY;
  return { value: m, low: Math.max(floor, m - half), high: m + half };
}

/** One case (and repetition) run under both variants. */
export interface PassPair {
  readonly baseline: boolean;
  readonly candidate: boolean;
}

export interface PairedComparison {
  readonly pairs: number;
  /** Passed under the baseline, failed under the candidate. */
  readonly regressed: number;
  /** Failed under the baseline, passed under the candidate. */
  readonly improved: number;
  /** Candidate pass rate minus the baseline's, with its 95% interval. */
  readonly difference: Estimate;
  /** Two-sided exact McNemar p-value: how likely a split of the discordant pairs at least this uneven is, if the variants do not differ. */
  readonly pValue: number;
}

/** McNemar's exact test on paired pass/fail outcomes, with the paired difference of pass rates. */
export function comparePaired(pairs: readonly PassPair[]): PairedComparison {
  const cells = {
    both: pairs.filter((p) => p.baseline && p.candidate).length,
    regressed: pairs.filter((p) => p.baseline && !p.candidate).length,
    improved: pairs.filter((p) => !p.baseline && p.candidate).length,
    neither: pairs.filter((p) => !p.baseline && !p.candidate).length,
  };
  const discordant = cells.regressed + cells.improved;
  const pValue = discordant === 0 ? 1 : Math.min(1, 2 * binomialCdf(Math.min(cells.regressed, cells.improved), discordant, 0.5));
  return { pairs: pairs.length, regressed: cells.regressed, improved: cells.improved, difference: pairedDifference(cells), pValue };
}

interface Cells {
  readonly both: number;
  readonly regressed: number;
  readonly improved: number;
  readonly neither: number;
}

/**
 * Candidate minus baseline pass rate with Newcombe's hybrid score interval
 * for paired proportions (Newcombe 1998, "square and add" with the
 * continuity-adjusted correlation): the two Wilson intervals combined with
 * the correlation of the pairs; it behaves at small counts, where the Wald
 * interval does not.
 */
function pairedDifference(c: Cells): Estimate {
  const n = c.both + c.regressed + c.improved + c.neither;
  if (n === 0) return { value: Number.NaN, low: -1, high: 1 };
  const cand = passRate(c.both + c.improved, n);
  const base = passRate(c.both + c.regressed, n);
  const value = cand.value - base.value;
  const margins = (c.both + c.improved) * (c.regressed + c.neither) * (c.both + c.regressed) * (c.improved + c.neither);
  // The pairs' correlation, with Newcombe's continuity adjustment of a positive one.
  const cross = c.both * c.neither - c.regressed * c.improved;
  const adjusted = cross > n / 2 ? cross - n / 2 : cross >= 0 ? 0 : cross;
  const phi = margins === 0 ? 0 : adjusted / Math.sqrt(margins);
  const [d1, e1] = [cand.value - cand.low, cand.high - cand.value];
  const [d2, e2] = [base.value - base.low, base.high - base.value];
  const low = value - Math.sqrt(Math.max(0, d1 * d1 - 2 * phi * d1 * e2 + e2 * e2));
  const high = value + Math.sqrt(Math.max(0, e1 * e1 - 2 * phi * e1 * d2 + d2 * d2));
  return { value, low: Math.max(-1, low), high: Math.min(1, high) };
}
