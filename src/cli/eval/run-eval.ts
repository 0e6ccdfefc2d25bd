// Runs an eval: every case under every chosen variant, `repeat` times, K runs
// at a time, each a normal run folder OUT/runs/<case>/<variant>/<n> with its
// git history; then judges each run against its case's expectations.
// The comparison and the reports are pure (src/eval/); this file only runs.
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative } from "node:path";
import { startRun } from "../../../agents/graph/start-run.js";
import type { RunOverrides } from "../../../agents/graph/run-deps.js";
import type { EvalRun } from "../../eval/compare.js";
import { judgeRun } from "../../eval/judge.js";
import type { Suite, SuiteCase, SuiteVariant } from "../../eval/suite.js";
import { DEFAULT_BUDGETS, type Budgets } from "../../run/budget.js";
import { readFinalReport } from "../../run/report/write-report.js";
import { parseSpecText } from "../../spec/parse.js";
import type { Spec } from "../../spec/model.js";
import { caseRequest } from "./case-request.js";

export interface EvalJob {
  readonly case: SuiteCase;
  readonly variant: string;
  readonly repeat: number;
  /** OUT-relative run folder. */
  readonly dir: string;
}

export interface EvalRunOptions {
  readonly suite: Suite;
  /** The suite file: case and prompt paths are relative to its folder. */
  readonly suiteFile: string;
  readonly variants: readonly string[];
  readonly repeat: number;
  readonly concurrency: number;
  readonly out: string;
  /** What each run gets in place of the real thing (tests: a fake model; the CLI: the console). */
  readonly overrides?: (job: EvalJob) => RunOverrides;
  /** Cassettes, one per job under DIR/<case>/<variant>/<n>: record every model exchange, or answer from them (docs/evals.md). */
  readonly cassettes?: { readonly mode: "record" | "replay"; readonly dir: string };
  readonly onRun?: (run: EvalRun, done: number, total: number) => void;
}

/** Every job, in a fixed order: case, then repetition, then variant (so paired runs sit together). */
export function evalJobs(suite: Suite, variants: readonly string[], repeat: number): EvalJob[] {
  return suite.cases.flatMap((c) =>
    Array.from({ length: repeat }, (_, i) => i + 1).flatMap((n) => variants.map((variant) => ({ case: c, variant, repeat: n, dir: join("runs", c.name, variant, String(n)) }))),
  );
}

export async function runEval(o: EvalRunOptions): Promise<EvalRun[]> {
  const jobs = evalJobs(o.suite, o.variants, o.repeat);
  const results: (EvalRun | undefined)[] = jobs.map(() => undefined);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < jobs.length; i = next++) {
      const job = jobs[i] as EvalJob;
      const run = await runJob(job, o);
      results[i] = run;
      done++;
      o.onRun?.(run, done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, jobs.length)) }, worker));
  return results.filter((r): r is EvalRun => r !== undefined);
}

/** A run that could not start or crashed is a failed run of its case, with the error as its reason; the eval goes on. */
async function runJob(job: EvalJob, o: EvalRunOptions): Promise<EvalRun> {
  try {
    return await startJob(job, o);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: unknown }).code;
    const reason = `could not run${typeof code === "string" ? ` [${code}]` : ""}: ${message}`;
    return { case: job.case.name, variant: job.variant, repeat: job.repeat, passed: false, failures: [reason], status: "failed", reason, rounds: 0, tokens: 0, wallMs: 0, dir: job.dir, notRun: typeof code === "string" ? code : "error" };
  }
}

async function startJob(job: EvalJob, o: EvalRunOptions): Promise<EvalRun> {
  const suiteDir = dirname(o.suiteFile);
  const variant = o.suite.variants[job.variant] as SuiteVariant;
  const dir = join(o.out, job.dir);
  const started = Date.now();
  const result = await startRun({
    dir,
    request: await caseRequest(job.case, suiteDir),
    budgets: budgetsOf(variant),
    model: o.cassettes?.mode === "replay" ? { cassette: { mode: "replay", dir: cassetteDir(o.cassettes.dir, job) } } : { spec: variant.model, baseUrl: variant.baseUrl, temperature: variant.temperature, ...(o.cassettes === undefined ? {} : { cassette: { mode: "record", dir: cassetteDir(o.cassettes.dir, job) } }) },
    prompts: variant.prompts === undefined ? undefined : isAbsolute(variant.prompts) ? variant.prompts : join(suiteDir, variant.prompts),
    overrides: o.overrides?.(job) ?? {},
  });
  const wallMs = Date.now() - started;
  const report = await readFinalReport(dir);
  const base = { case: job.case.name, variant: job.variant, repeat: job.repeat, status: result.status, reason: result.reason, wallMs, dir: relative(o.out, dir) };
  if (report === undefined) return { ...base, passed: false, failures: ["the run wrote no report"], rounds: result.state.round, tokens: 0 };
  const verdict = judgeRun(report, await specOf(dir), job.case.expect);
  return { ...base, passed: verdict.passed, failures: verdict.failures, rounds: report.rounds, tokens: report.budgets.tokens.used };
}

/** A job's cassette folder: the same layout as its run folder. */
export const cassetteDir = (dir: string, job: EvalJob): string => join(dir, job.case.name, job.variant, String(job.repeat));

function budgetsOf(v: SuiteVariant): Budgets {
  return {
    maxRounds: v.maxRounds ?? DEFAULT_BUDGETS.maxRounds,
    maxTokens: v.maxTokens ?? DEFAULT_BUDGETS.maxTokens,
    timeoutMs: v.timeout === undefined ? DEFAULT_BUDGETS.timeoutMs : v.timeout * 1000,
  };
}

/** The spec the run ended with (protocol.yaml), if it wrote one that parses. */
async function specOf(dir: string): Promise<Spec | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, "protocol.yaml"), "utf8");
  } catch {
    return undefined;
  }
  const parsed = parseSpecText(text, "protocol.yaml");
  return parsed.ok ? parsed.spec : undefined;
}
