// `protoforge generate "DESCRIPTION" | --request FILE | --spec FILE --out DIR`:
// runs the agent workflow (architect, coder, tester, reviewer; see
// docs/workflow.md) until every test passes and the reviewer approves, or a
// budget runs out, committing every step to git in DIR. Progress goes to
// stderr; the result table and the final status to stdout (JSON with --json).
// Exit 0 succeeded, 1 failed, 3 stuck, 4 budget exhausted, 5 timed out, 2
// could not run (RUN_EXIT). `--no-test` only writes the files (no tests, no history).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { DesignError } from "../../../agents/architect/offline/errors.js";
import { parseDesignRequest, type DesignRequest } from "../../../agents/architect/request.js";
import { ArchitectError, designOffline, recordGivenSpec } from "../../../agents/graph/architect/design.js";
import { checkSpecText } from "../../../agents/shared/check-spec.js";
import { RunLockError } from "../../../agents/graph/checkpoints.js";
import { RunFileError } from "../../../agents/graph/run-file.js";
import type { RunInput, RunRequest } from "../../../agents/graph/run-request.js";
import { RunSetupError, type RunResult } from "../../../agents/graph/run-result.js";
import { startRun } from "../../../agents/graph/start-run.js";
import type { ModelChoice } from "../../../agents/graph/run-deps.js";
import { tallyResults } from "../../../agents/tester/tally.js";
import { SandboxError } from "../../../sandboxes/isolation/errors.js";
import { createSandboxRunner, isolationOf, type Isolation, type SandboxProbe } from "../../../sandboxes/isolation/index.js";
import { emitLayer } from "../../../agents/coder/emit-layer.js";
import { TargetError, targetLanguage } from "../../../targets/index.js";
import { EmitError } from "../../emit/emit-error.js";
import { TARGET_LANGUAGES, TRANSPORTS, type TargetLanguage, type Transport } from "../../emit/language.js";
import { createEmitterRegistry } from "../../emit/emitter-registry.js";
import { CassetteFileError, CassetteMissError } from "../../llm/cassette-errors.js";
import { ModelConfigError, PromptError } from "../../llm/errors.js";
import { BUDGET_LIMITS, BudgetError, DEFAULT_BUDGETS, formatBudgetDuration, parseCount, parseDuration, type Budgets } from "../../run/budget.js";
import { HistoryError } from "../../run/history/history-error.js";
import type { RunStatus } from "../../run/report/report-types.js";
import { readFinalReport, REPORT_MARKDOWN } from "../../run/report/write-report.js";
import { formatRunSummary, runSummaryJson, type RunSummary } from "../../run/progress-summary.js";
import { jsonProgress, silentProgress, textProgress, type ProgressSink } from "../../run/progress.js";
import { OutputDirError } from "../../run/write-files.js";
import { EXIT, type CliIo } from "../io.js";
import { consoleLog, logLevelOption, type LogOptions } from "../log-option.js";
import type { ConsoleLog, LogLevel } from "../../run/progress-log.js";
import { sandboxLine } from "./doctor.js";
import type { CommandRegistrar } from "./index.js";

interface GenerateOptions {
  readonly request?: string;
  readonly spec?: string;
  readonly lang?: readonly TargetLanguage[];
  readonly transport?: Transport;
  readonly out?: string;
  readonly model?: string;
  readonly baseUrl?: string;
  readonly prompts?: string;
  readonly temperature?: number;
  readonly record?: string;
  readonly replay?: string;
  readonly maxRounds?: number;
  readonly maxTokens?: number;
  readonly timeout?: number;
  readonly quiet?: boolean;
  readonly logLevel?: LogLevel;
  readonly json?: boolean;
  readonly test: boolean;
}

export const registerGenerate: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("generate")
    .description("design the spec, generate the code, test it in the sandbox, repair and review it, round after round; every step is a commit in the output folder")
    .argument("[description]", "the protocol, in plain language")
    .option("--request <file>", "a request file (YAML): description, network_protocol, programming_languages, … (instead of a description)")
    .option("--spec <file>", "a ready spec (YAML or JSON): the architect only validates it")
    .option("--lang <languages>", `comma-separated target languages (${TARGET_LANGUAGES.join(", ")}); default python`, parseLanguages)
    .option("--transport <transport>", `${TRANSPORTS.join(", ")}; default tcp`, parseTransport)
    .option("--out <dir>", "output folder (new, empty, or created by protoforge before)")
    .option("--model <model>", "`offline` or `openai:MODEL` (default: PROTOFORGE_MODEL, the config file, or offline)")
    .option("--base-url <url>", "an OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1")
    .option("--prompts <dir>", "another prompt set: a folder of agent-task.md files like the package's prompts/ (resume uses it again)")
    .option("--temperature <t>", "the model's sampling temperature, 0 to 2 (default: the config file's, or the endpoint's)", parseTemperature)
    .option("--record <dir>", "record every model exchange to a cassette in this folder (docs/models.md, \"Record and replay\"); resume goes on recording")
    .option("--replay <dir>", "answer every model call from the cassette in this folder: no endpoint, the recorded model; a request not recorded stops the run (cassette-miss)")
    .option("--max-rounds <n>", `rounds of testing at most (default ${DEFAULT_BUDGETS.maxRounds})`, (v) => cliCount(v, "--max-rounds", BUDGET_LIMITS.maxRounds))
    .option("--max-tokens <n>", `model tokens at most (default ${DEFAULT_BUDGETS.maxTokens})`, (v) => cliCount(v, "--max-tokens", BUDGET_LIMITS.maxTokens))
    .option("--timeout <duration>", `wall clock at most: 90s, 15m, 1h (default ${formatBudgetDuration(DEFAULT_BUDGETS.timeoutMs)})`, cliDuration)
    .option("--quiet", "no progress lines (--log-level error)")
    .addOption(logLevelOption())
    .option("--json", "print the result as JSON (progress as JSON lines on stderr)")
    .option("--no-test", "write the files only: no tests, no repairs, no history")
    .action(async (description: string | undefined, opts: GenerateOptions) => {
      try {
        const request = await buildRequest(io, description, opts);
        const out = opts.out ?? (request.input.kind === "request" ? request.input.request.output_directory : undefined);
        if (out === undefined) throw new UsageError("--out is required (or output_directory in the request file)");
        const dir = resolve(io.cwd, out);
        checkEmitters(request.languages);
        if (!opts.test) {
          await writeFilesOnly(io, dir, request, opts);
          return;
        }
        const budgets: Budgets = {
          maxRounds: opts.maxRounds ?? DEFAULT_BUDGETS.maxRounds,
          maxTokens: opts.maxTokens ?? DEFAULT_BUDGETS.maxTokens,
          timeoutMs: opts.timeout ?? DEFAULT_BUDGETS.timeoutMs,
        };
        const probe = await createSandboxRunner().probe();
        const result = await startRun({
          dir,
          request,
          budgets,
          model: { spec: opts.model, baseUrl: opts.baseUrl, temperature: opts.temperature, cassette: cassetteChoice(io, opts) },
          prompts: opts.prompts === undefined ? undefined : resolve(io.cwd, opts.prompts),
          overrides: { console: runConsole(io, opts, probe), cwd: io.cwd },
        });
        await printResult(io, result, opts, isolationOf(probe));
        setExit(exitCodeOf(result));
      } catch (e) {
        setExit(reportError(io, e));
      }
    });
};

/** The final table and status, as text or JSON (with `isolation` when this
 *  process ran the run: not for a run that was already finished). Shared with `resume`. */
export async function printResult(io: CliIo, result: RunResult, opts: { readonly json?: boolean | undefined }, isolation?: Isolation): Promise<void> {
  const summary = await summaryOf(result, result.alreadyFinished ? undefined : isolation);
  io.out(opts.json ? runSummaryJson(summary) : formatRunSummary(summary));
}

/**
 * The exit code of `generate` and `resume` for each way a run ends: 0
 * succeeded, one code per kind of stop, and 2 (EXIT.failure) when the
 * command could not run at all.
 */
export const RUN_EXIT: { readonly [S in RunStatus]: number } = {
  succeeded: EXIT.ok,
  // The run did all it could: the layer passes everything; the report lists
  // the requirements left to the handlers (offline: no model writes them).
  "layer-complete": EXIT.ok,
  failed: 1,
  stuck: 3,
  "budget-exhausted": 4,
  "timed-out": 5,
};

export function exitCodeOf(result: RunResult): number {
  return RUN_EXIT[result.status];
}

/** With `probe`, text progress opens the run (its "start" event) with the
 *  sandbox line; resuming a finished run starts nothing, so it has none. */
export function progressSink(io: CliIo, opts: { readonly quiet?: boolean | undefined; readonly json?: boolean | undefined }, probe?: SandboxProbe): ProgressSink {
  if (opts.quiet) return silentProgress;
  if (opts.json) return jsonProgress((s) => io.err(s));
  const text = textProgress((s) => io.err(s));
  if (probe === undefined) return text;
  let announced = false;
  return {
    emit(event) {
      if (!announced && event.stage === "start") {
        announced = true;
        io.err(`${sandboxLine(probe)}\n`);
      }
      text.emit(event);
    },
  };
}

/** The run log's console transport on stderr, at the level of --log-level or --quiet. Shared with `resume`. */
export function runConsole(io: CliIo, opts: LogOptions, probe?: SandboxProbe): ConsoleLog {
  return consoleLog(io, opts, progressSink(io, { json: opts.json }, probe));
}

/** Prints a run's setup error and returns exit 2; rethrows what is a bug. */
export function reportError(io: CliIo, e: unknown): number {
  if (e instanceof UsageError || e instanceof ArchitectError) io.err(`error: ${e.message}\n`);
  else if (e instanceof SandboxError) {
    // The run stays resumable: fix the environment, then `protoforge resume DIR`.
    io.err(`error [${e.code}]: the sandbox could not run the tests: ${e.message}\nFix it, then continue with \`protoforge resume\` on the output folder.\n`);
  }
  else if (
    e instanceof DesignError ||
    e instanceof ModelConfigError ||
    e instanceof PromptError ||
    e instanceof OutputDirError ||
    e instanceof EmitError ||
    e instanceof TargetError ||
    e instanceof RunSetupError ||
    e instanceof RunFileError ||
    e instanceof RunLockError ||
    e instanceof BudgetError ||
    e instanceof HistoryError ||
    e instanceof CassetteMissError ||
    e instanceof CassetteFileError
  ) {
    io.err(`error [${e.code}]: ${e.message}\n`);
  } else throw e;
  return EXIT.failure;
}

async function summaryOf(result: RunResult, isolation: Isolation | undefined): Promise<RunSummary> {
  const state = result.state;
  const report = await readFinalReport(result.dir);
  return {
    dir: result.dir,
    status: result.status,
    reason: result.reason,
    rounds: state.round,
    durationMs: Math.round(state.elapsedMs),
    tokens: state.usage.reduce((n, e) => n + e.promptTokens + e.completionTokens, 0),
    tests: state.results.length === 0 ? null : tallyResults(state.results, state.interop, state.conformance),
    results: state.results,
    interop: state.interop,
    conformance: state.conformance,
    findings: state.findings.map(({ agent: _a, round: _r, ...f }) => f),
    report: report === undefined ? null : REPORT_MARKDOWN,
    alreadyFinished: result.alreadyFinished,
    ...(isolation === undefined ? {} : { isolation }),
  };
}

async function buildRequest(io: CliIo, description: string | undefined, opts: GenerateOptions): Promise<RunRequest> {
  const given = [description !== undefined, opts.request !== undefined, opts.spec !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of "DESCRIPTION", --request FILE or --spec FILE');
  let input: RunInput;
  let fromRequest: DesignRequest | undefined;
  if (opts.spec !== undefined) {
    const file = resolve(io.cwd, opts.spec);
    const specText = await readInputFile(file, opts.spec);
    const check = checkSpecText(specText, opts.spec);
    if (!check.ok) throw new ArchitectError(`the spec ${opts.spec} does not validate:\n${check.findings.map((f) => f.text).join("\n")}`);
    input = { kind: "spec", file: opts.spec, specText };
  } else if (opts.request !== undefined) {
    fromRequest = parseDesignRequest(await readInputFile(resolve(io.cwd, opts.request), opts.request), opts.request);
    if (fromRequest.description.trim() === "") throw new UsageError(`${opts.request}: the description is empty`);
    input = { kind: "request", file: opts.request, request: fromRequest };
  } else {
    const text = (description ?? "").trim();
    if (text === "") throw new UsageError("the description is empty; describe the protocol: who talks to whom, what they exchange and how often");
    input = { kind: "description", description: text };
  }
  const requestLanguages = fromRequest?.programming_languages ?? (fromRequest?.programming_language ? [fromRequest.programming_language] : undefined);
  // A request may name a planned language (the architect designs for it); generating it is refused here.
  const fromFile = opts.lang === undefined ? requestLanguages?.map((l) => targetLanguage(l, `${opts.request ?? "request"}: programming_language`)) : undefined;
  const languages = [...new Set<TargetLanguage>(opts.lang ?? fromFile ?? ["python"])];
  const transport = opts.transport ?? fromRequest?.network_protocol ?? "tcp";
  return { input, languages, transport };
}

/** --record DIR or --replay DIR, resolved; a replay takes its model from the cassette, so no model flag goes with it. */
function cassetteChoice(io: CliIo, opts: GenerateOptions): ModelChoice["cassette"] {
  if (opts.record !== undefined && opts.replay !== undefined) throw new UsageError("give --record DIR or --replay DIR, not both");
  if (opts.replay !== undefined) {
    const given = [opts.model && "--model", opts.baseUrl && "--base-url", opts.temperature !== undefined && "--temperature"].filter((f): f is string => typeof f === "string");
    if (given.length > 0) throw new UsageError(`--replay answers with the recorded model; drop ${given.join(", ")}`);
    return { mode: "replay", dir: resolve(io.cwd, opts.replay) };
  }
  return opts.record === undefined ? undefined : { mode: "record", dir: resolve(io.cwd, opts.record) };
}

function checkEmitters(languages: readonly TargetLanguage[]): void {
  const registry = createEmitterRegistry();
  for (const language of languages) registry.get(language);
}

/** --no-test: the spec (offline, or the given one) compiled into DIR; nothing tested, nothing committed. */
async function writeFilesOnly(io: CliIo, dir: string, request: RunRequest, opts: GenerateOptions): Promise<void> {
  const input = request.input;
  const design =
    input.kind === "spec"
      ? recordGivenSpec(input.specText, input.file)
      : designOffline(input.kind === "request" ? input.request : { description: input.description }, request.transport);
  const check = checkSpecText(design.specYaml);
  if (!check.ok) throw new ArchitectError("the spec does not validate");
  const layer = await emitLayer({ dir, spec: check.spec, specYaml: design.specYaml, languages: request.languages, transport: request.transport, emitters: createEmitterRegistry() });
  const written = { dir, generated: layer.generatedCount, behaviour: layer.userFiles, kept: layer.keptUserFiles, spec: design.summary };
  if (opts.json) io.out(`${JSON.stringify({ type: "files", ...written }, null, 2)}\n`);
  else {
    io.out(`${dir}: ${design.summary}; wrote ${layer.paths.length - 1} files (${layer.generatedCount} generated${layer.keptUserFiles.length ? `, kept ${layer.keptUserFiles.length} of yours` : ""}); not tested (--no-test)\n`);
  }
}

async function readInputFile(file: string, shown: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = "usage";
}

function parseLanguages(value: string): TargetLanguage[] {
  const langs = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (langs.length === 0) throw new InvalidArgumentError("name at least one language");
  try {
    return langs.map((l) => targetLanguage(l, "--lang"));
  } catch (e) {
    if (e instanceof TargetError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

function parseTransport(value: string): Transport {
  if (!(TRANSPORTS as readonly string[]).includes(value)) throw new InvalidArgumentError(`unknown transport \`${value}\`; choose from ${TRANSPORTS.join(", ")}`);
  return value as Transport;
}

function parseTemperature(value: string): number {
  const t = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(t >= 0 && t <= 2)) throw new InvalidArgumentError(`expected a number from 0 to 2, got \`${value}\``);
  return t;
}

function cliCount(value: string, option: string, max: number): number {
  try {
    return parseCount(value, option, max);
  } catch (e) {
    if (e instanceof BudgetError) throw new InvalidArgumentError(e.message.replace(`${option}: `, ""));
    throw e;
  }
}

function cliDuration(value: string): number {
  try {
    return parseDuration(value);
  } catch (e) {
    if (e instanceof BudgetError) throw new InvalidArgumentError(e.message.replace("--timeout: ", ""));
    throw e;
  }
}
