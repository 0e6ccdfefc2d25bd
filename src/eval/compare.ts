// The comparison of an eval's variants (pure): per variant the pass rate and
// the means of rounds, tokens and wall time with their intervals; per
// candidate (every variant after the first, the baseline) the paired
// comparison with the baseline over the same cases and repetitions, the cases
// that regressed or improved, and the gate's verdict.
import type { RunStatus } from "../run/report/report-types.js";
import { comparePaired, mean, passRate, type Estimate, type PairedComparison } from "./statistics.js";
import type { Suite } from "./suite.js";

/** One run of one case under one variant. */
export interface EvalRun {
  readonly case: string;
  readonly variant: string;
  /** 1-based repetition. */
  readonly repeat: number;
  readonly passed: boolean;
  readonly failures: readonly string[];
  readonly status: RunStatus;
  readonly reason: string;
  readonly rounds: number;
  readonly tokens: number;
  readonly wallMs: number;
  /** The run folder, relative to the eval's output folder. */
  readonly dir: string;
  /** Set when the run could not run at all (a cassette miss, a crash): the error's code. */
  readonly notRun?: string;
}

export interface VariantSummary {
  readonly variant: string;
  readonly runs: number;
  readonly passed: number;
  readonly passRate: Estimate;
  readonly rounds: Estimate;
  readonly tokens: Estimate;
  readonly wallMs: Estimate;
}

export interface CandidateComparison {
  readonly baseline: string;
  readonly candidate: string;
  readonly paired: PairedComparison;
  /** `case#repeat` where the baseline passed and the candidate failed. */
  readonly regressions: readonly string[];
  readonly improvements: readonly string[];
  /** Why the candidate fails the gate; undefined when it passes. */
  readonly gateFailure?: string;
}

export interface EvalComparison {
  readonly variants: readonly VariantSummary[];
  readonly candidates: readonly CandidateComparison[];
  /**
   * `case#repeat variant` of each run that could not run. Any such run
   * leaves the gate failed: a comparison of runs that never ran says nothing.
   */
  readonly notRun: readonly string[];
  readonly gatePassed: boolean;
}

const key = (r: Pick<EvalRun, "case" | "repeat">): string => `${r.case}#${r.repeat}`;

export function compareVariants(runs: readonly EvalRun[], variants: readonly string[], gate: Suite["gate"]): EvalComparison {
  const of = (variant: string) => runs.filter((r) => r.variant === variant);
  const summaries = variants.map((variant): VariantSummary => {
    const mine = of(variant);
    const passed = mine.filter((r) => r.passed).length;
    return {
      variant,
      runs: mine.length,
      passed,
      passRate: passRate(passed, mine.length),
      rounds: mean(mine.map((r) => r.rounds)),
      tokens: mean(mine.map((r) => r.tokens)),
      wallMs: mean(mine.map((r) => r.wallMs)),
    };
  });
  const [baseline, ...others] = variants;
  const candidates = baseline === undefined ? [] : others.map((candidate) => compareTwo(of(baseline), of(candidate), baseline, candidate, gate));
  const notRun = runs.filter((r) => r.notRun !== undefined).map((r) => `${key(r)} ${r.variant}`);
  return { variants: summaries, candidates, notRun, gatePassed: notRun.length === 0 && candidates.every((c) => c.gateFailure === undefined) };
}

function compareTwo(base: readonly EvalRun[], cand: readonly EvalRun[], baseline: string, candidate: string, gate: Suite["gate"]): CandidateComparison {
  const byKey = new Map(base.map((r) => [key(r), r]));
  const matched = cand.flatMap((c) => {
    const b = byKey.get(key(c));
    return b === undefined ? [] : [{ key: key(c), baseline: b.passed, candidate: c.passed }];
  });
  const paired = comparePaired(matched);
  const regressions = matched.filter((m) => m.baseline && !m.candidate).map((m) => m.key);
  const improvements = matched.filter((m) => !m.baseline && m.candidate).map((m) => m.key);
  const drop = -paired.difference.value;
  const pct = (x: number): string => `${(x * 100).toFixed(1)} points`;
  const gateFailure =
    drop > gate.maxDrop
      ? `${candidate} passes ${pct(drop)} less than ${baseline}, more than the gate's ${pct(gate.maxDrop)}`
      : drop > 0 && paired.pValue < gate.alpha
        ? `${candidate} passes ${pct(drop)} less than ${baseline}, significant (p = ${paired.pValue.toPrecision(2)} < ${gate.alpha})`
        : undefined;
  return { baseline, candidate, paired, regressions, improvements, ...(gateFailure === undefined ? {} : { gateFailure }) };
}
