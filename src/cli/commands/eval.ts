// `protoforge eval SUITE --out DIR [--variants a,b] [--repeat N] [--concurrency K]`:
// runs every case of an eval suite under each variant through the real
// workflow, then writes DIR/results.json, report.md and report.html and prints the
// comparison. Exit 0 when every candidate passes the suite's gate, 1 when
// one fails it, 2 when the eval or any of its runs could not run (docs/evals.md).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { compareVariants } from "../../eval/compare.js";
import { evalReportHtml } from "../../eval/eval-html.js";
import { evalReportMarkdown, evalResultsJson } from "../../eval/eval-report.js";
import { EvalSuiteError, parseSuite, selectVariants } from "../../eval/suite.js";
import { silentProgress } from "../../run/progress.js";
import { runEval } from "../eval/run-eval.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

interface EvalOptions {
  readonly out?: string;
  readonly variants?: readonly string[];
  readonly repeat: number;
  readonly concurrency: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly record?: string;
  readonly replay?: string;
}

export class EvalSetupError extends Error {
  override readonly name = "EvalSetupError";
  constructor(
    readonly code: "suite-unreadable" | "out-not-empty" | "no-out" | "record-and-replay",
    message: string,
  ) {
    super(message);
  }
}

const positive = (option: string, max: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${option}: a whole number from 1 to ${max}`);
  return n;
};

export const registerEval: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("eval")
    .description("score variants (prompt sets, models, budgets) on an eval suite: pass rates, paired comparison, gate")
    .argument("<suite>", "the suite file (YAML), e.g. evals/suites/smoke.yaml")
    .option("--out <dir>", "where the runs and the reports go (new or empty)")
    .option("--variants <names>", "comma-separated variants, the first the baseline (default: all, in file order)", (v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""))
    .option("--repeat <n>", "runs of each case under each variant", positive("--repeat", 100), 1)
    .option("--concurrency <k>", "runs at a time", positive("--concurrency", 32), 1)
    .option("--record <dir>", "record every run's model exchanges, one cassette per run under DIR/<case>/<variant>/<n>")
    .option("--replay <dir>", "answer every run's model calls from the cassettes under DIR: no endpoint, no model; a request not recorded fails that run (cassette-miss)")
    .option("--json", "print results.json instead of the report")
    .option("--quiet", "no line per finished run")
    .action(async (suiteArg: string, opts: EvalOptions) => {
      try {
        if (opts.out === undefined) throw new EvalSetupError("no-out", "give --out DIR: the runs and the reports are written there");
        const suiteFile = resolve(io.cwd, suiteArg);
        const suite = parseSuite(await readSuite(suiteFile, suiteArg), suiteArg);
        const variants = selectVariants(suite, opts.variants, suiteArg);
        const out = resolve(io.cwd, opts.out);
        await claimEmpty(out);
        if (opts.record !== undefined && opts.replay !== undefined) throw new EvalSetupError("record-and-replay", "give --record DIR or --replay DIR, not both");
        const cassettes = opts.replay !== undefined ? { mode: "replay" as const, dir: resolve(io.cwd, opts.replay) } : opts.record !== undefined ? { mode: "record" as const, dir: resolve(io.cwd, opts.record) } : undefined;
        const runs = await runEval({
          ...(cassettes === undefined ? {} : { cassettes }),
          suite,
          suiteFile,
          variants,
          repeat: opts.repeat,
          concurrency: opts.concurrency,
          out,
          overrides: () => ({ progress: silentProgress, cwd: io.cwd }),
          onRun: (r, done, total) => {
            if (!opts.quiet && !opts.json) io.err(`[${done}/${total}] ${r.case}#${r.repeat} ${r.variant}: ${r.passed ? "pass" : "FAIL"} (${r.status}, ${r.rounds} rounds, ${r.tokens} tokens, ${(r.wallMs / 1000).toFixed(0)} s)\n`);
          },
        });
        const comparison = compareVariants(runs, variants, suite.gate);
        const header = { suite: suite.name, variants, repeat: opts.repeat };
        const json = evalResultsJson(header, runs, comparison);
        const markdown = evalReportMarkdown(header, runs, comparison);
        await writeFile(join(out, "results.json"), json);
        await writeFile(join(out, "report.md"), markdown);
        await writeFile(join(out, "report.html"), evalReportHtml(header, runs, comparison));
        io.out(opts.json ? json : markdown);
        if (comparison.notRun.length > 0) {
          const first = runs.find((r) => r.notRun !== undefined);
          io.err(`error [runs-not-run]: ${comparison.notRun.length} of ${runs.length} runs could not run; the first: ${first?.reason ?? "?"}\n`);
          setExit(EXIT.failure);
        } else setExit(comparison.gatePassed ? EXIT.ok : EXIT.findings);
      } catch (e) {
        if (!(e instanceof EvalSuiteError || e instanceof EvalSetupError)) throw e;
        io.err(`error [${e.code}]: ${e.message}\n`);
        setExit(EXIT.failure);
      }
    });
};

async function readSuite(file: string, shown: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new EvalSetupError("suite-unreadable", `cannot read the suite ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** The output folder must be new or empty: runs are never mixed with an earlier eval's. */
async function claimEmpty(out: string): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(out);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  if (entries.length > 0) throw new EvalSetupError("out-not-empty", `${out} is not empty; give a new folder for this eval's runs`);
  await mkdir(out, { recursive: true });
}
