// `protoforge batch RUNS.yaml --out DIR` and `protoforge batch resume DIR`:
// many generate runs left to run unattended (docs/batch.md). The plan is
// checked whole before anything starts; runs go K at a time into
// DIR/runs/NAME (normal run folders), under an optional deadline and total
// token budget; DIR/batch.json records every state change, so that `batch
// resume` after a kill -9 or a reboot continues what was cut off and starts
// what never started, running nothing twice. At the end: DIR/SUMMARY.md,
// summary.json, junit.xml. Exit 0 every run succeeded (or is layer-complete),
// 1 one did not, 4 the total token budget left runs unstarted, 5 the
// deadline did, 2 the batch could not run.
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { createSandboxRunner } from "../../../sandboxes/isolation/index.js";
import { newBatch, prepareResume, type BatchFile, type BatchSettings } from "../../batch/batch-state.js";
import { readBatchFile, refuseUsedFolder, writeBatchFile } from "../../batch/batch-file.js";
import { lockBatch } from "../../batch/batch-lock.js";
import { deadlineAt } from "../../batch/deadline.js";
import { BatchDirError, BatchLockError, BatchOptionError, BatchPlanError } from "../../batch/errors.js";
import { executeBatch } from "../../batch/execute.js";
import { parsePlan } from "../../batch/plan.js";
import { formatRunChange, runChangeJson } from "../../batch/progress-line.js";
import { LiveStatus } from "../batch/live-status.js";
import { formatCounts, RUNS_FOLDER, type BatchSummary } from "../../batch/summary.js";
import { JUNIT_XML, SUMMARY_JSON, SUMMARY_HTML, SUMMARY_MARKDOWN, writeSummaries } from "../../batch/write-summary.js";
import { BUDGET_LIMITS, BudgetError, parseCount } from "../../run/budget.js";
import { formatDuration } from "../../run/report/format-duration.js";
import { stableJson } from "../../run/report/stable-json.js";
import { EXIT, type CliIo } from "../io.js";
import { planRuns, workflowRunner } from "../batch/batch-workflow.js";
import { sandboxLine } from "./doctor.js";
import type { CommandRegistrar } from "./index.js";

/** More runs at a time than this is a typo on any machine that builds code. */
export const MAX_CONCURRENCY = 64;

interface BatchOptions {
  readonly out?: string;
  readonly concurrency?: number;
  readonly until?: string;
  readonly maxTokens?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export const registerBatch: CommandRegistrar = (program: Command, io, setExit) => {
  const batch = program
    .command("batch")
    .description("run the generate runs of a plan (RUNS.yaml) unattended, K at a time, each in DIR/runs/NAME; `batch resume DIR` continues one that was stopped")
    .argument("<plan>", "the plan: a YAML file listing the runs (docs/batch.md)")
    .option("--out <dir>", "the batch folder (new or empty); required");
  withSchedulingOptions(batch).action(async (plan: string, opts: BatchOptions) => {
    try {
      setExit(await startBatch(io, plan, opts));
    } catch (e) {
      setExit(reportBatchError(io, e));
    }
  });
  withSchedulingOptions(
    batch
      .command("resume")
      .description("continue a batch after a kill or a reboot: every run cut off goes on from its last checkpoint, those never started start; nothing runs twice")
      .argument("<dir>", "the batch folder"),
  ).action(async (dir: string, _local: BatchOptions, command: Command) => {
    try {
      // `batch` has the same options and commander reads them anywhere on the line: take both.
      setExit(await resumeBatch(io, dir, command.optsWithGlobals<BatchOptions>()));
    } catch (e) {
      setExit(reportBatchError(io, e));
    }
  });
};

function withSchedulingOptions(command: Command): Command {
  return command
    .option("--concurrency <k>", "runs at a time (default 1; resume: as before)", (v) => cliCount(v, "--concurrency", MAX_CONCURRENCY))
    .option("--until <HH:MM>", "a deadline: no run starts after it, and a run going past it is stopped as by its own --timeout")
    .option("--max-tokens <n>", "model tokens for the whole batch; a run gets at most what is left (docs/batch.md)", (v) => cliCount(v, "--max-tokens", BUDGET_LIMITS.maxTokens))
    .option("--quiet", "no progress lines")
    .option("--json", "print the summary as JSON (progress as JSON lines on stderr)");
}

async function startBatch(io: CliIo, planFile: string, opts: BatchOptions): Promise<number> {
  if (opts.out === undefined) throw new BatchOptionError("--out", "--out DIR is required: the batch folder (new or empty)");
  const now = new Date();
  const deadline = deadlineOf(opts.until, now);
  const planPath = resolve(io.cwd, planFile);
  const text = await readFile(planPath, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new BatchPlanError([{ file: planFile, line: 1, column: 1, path: [], message: `cannot read the plan: ${e.code === "ENOENT" ? "no such file" : e.message}` }]);
  });
  const runs = await planRuns(parsePlan(text, planFile, dirname(planPath)), io.cwd);
  const dir = resolve(io.cwd, opts.out);
  await refuseUsedFolder(dir);
  await mkdir(join(dir, RUNS_FOLDER), { recursive: true });
  const unlock = await lockBatch(dir);
  try {
    await refuseUsedFolder(dir).catch((e: unknown) => {
      // Only our own lock and runs/ may be there: another process that started at the same moment lost the lock race.
      if (!(e instanceof BatchDirError) || /already holds a batch/.test(e.message)) throw e;
    });
    const settings: BatchSettings = { file: planFile, concurrency: opts.concurrency ?? 1, deadline, maxTokens: opts.maxTokens ?? null };
    const initial = newBatch(settings, runs, now);
    await writeBatchFile(dir, initial);
    return await runAndSummarise(io, dir, initial, opts);
  } finally {
    await unlock();
  }
}

async function resumeBatch(io: CliIo, dirArg: string, opts: BatchOptions): Promise<number> {
  const now = new Date();
  const dir = resolve(io.cwd, dirArg);
  const deadline = opts.until === undefined ? undefined : deadlineOf(opts.until, now);
  await readBatchFile(dir);
  const unlock = await lockBatch(dir);
  try {
    // Read again under the lock: what the last process wrote is what counts.
    const resumed = prepareResume(
      await readBatchFile(dir),
      { ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }), ...(deadline === undefined ? {} : { deadline }), ...(opts.maxTokens === undefined ? {} : { maxTokens: opts.maxTokens }) },
      now,
    );
    await writeBatchFile(dir, resumed);
    return await runAndSummarise(io, dir, resumed, opts);
  } finally {
    await unlock();
  }
}

async function runAndSummarise(io: CliIo, dir: string, batch: BatchFile, opts: BatchOptions): Promise<number> {
  const started = Date.now();
  if (!opts.quiet && !opts.json) {
    const plan = batch.plan;
    io.err(`${sandboxLine(await createSandboxRunner().probe())}\n`);
    io.err(
      `batch: ${plan.runs.length} run${plan.runs.length === 1 ? "" : "s"} from ${plan.file}, ${plan.concurrency} at a time` +
        `${plan.deadline === null ? "" : `, until ${plan.deadline.given} (${plan.deadline.at})`}` +
        `${plan.maxTokens === null ? "" : `, ${plan.maxTokens} tokens in all`}, in ${dir}\n`,
    );
  }
  // On a terminal, a live line under the progress lines: done, running, time to the deadline.
  const live = io.errIsTerminal === true && !opts.quiet && !opts.json ? new LiveStatus({ write: (t) => io.err(t), total: batch.plan.runs.length, deadline: batch.plan.deadline?.at ?? null }) : undefined;
  let final: BatchFile;
  try {
    final = await executeBatch(batch, {
      dir,
      runner: workflowRunner(io.cwd),
      onChange: (change) => {
        if (opts.quiet) return;
        if (live !== undefined) live.change(change.name, change.state, formatRunChange(change));
        else io.err(opts.json ? runChangeJson(change) : `${formatRunChange(change)}\n`);
      },
    });
  } finally {
    live?.stop();
  }
  const summary = await writeSummaries(dir, final);
  io.out(opts.json ? stableJson(summary) : formatSummaryText(summary, dir, Date.now() - started));
  return summary.exitCode;
}

function formatSummaryText(summary: BatchSummary, dir: string, wallMs: number): string {
  const rows = summary.runs.map((r) => [r.name, r.status, r.rounds === null ? "–" : String(r.rounds), r.tokens === null ? "–" : String(r.tokens), r.wallMs === null ? "–" : formatDuration(r.wallMs), r.folder]);
  const header = ["run", "status", "rounds", "tokens", "time", "folder"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `batch: ${formatCounts(summary)}; ${summary.tokens} tokens; ${formatDuration(wallMs)} in this process; exit ${summary.exitCode}`,
    `summary: ${join(dir, SUMMARY_MARKDOWN)} (also ${SUMMARY_HTML}, ${SUMMARY_JSON}, ${JUNIT_XML})`,
    "",
  ].join("\n");
}

function deadlineOf(until: string | undefined, now: Date): BatchSettings["deadline"] {
  return until === undefined ? null : { at: deadlineAt(until, now).toISOString(), given: until };
}

function reportBatchError(io: CliIo, e: unknown): number {
  if (e instanceof BatchPlanError || e instanceof BatchDirError || e instanceof BatchLockError || e instanceof BatchOptionError) {
    io.err(`error [${e.code}]: ${e.message}\n`);
    return EXIT.failure;
  }
  throw e;
}

function cliCount(value: string, option: string, max: number): number {
  try {
    return parseCount(value, option, max);
  } catch (e) {
    if (e instanceof BudgetError) throw new InvalidArgumentError(e.message.replace(`${option}: `, ""));
    throw e;
  }
}
