// `protoforge resume DIR`: continues a run that was interrupted (kill -9
// included) from its last completed step, with the budget it had left, and
// prints the result like `generate`. A finished run only prints its result.
// Exit codes as for generate.
import { resolve } from "node:path";
import type { Command } from "commander";
import { resumeRun } from "../../../agents/graph/resume-run.js";
import { createSandboxRunner, isolationOf } from "../../../sandboxes/isolation/index.js";
import type { LogLevel } from "../../run/progress-log.js";
import { logLevelOption } from "../log-option.js";
import type { CommandRegistrar } from "./index.js";
import { exitCodeOf, printResult, reportError, runConsole } from "./generate.js";

interface ResumeOptions {
  readonly baseUrl?: string;
  readonly quiet?: boolean;
  readonly logLevel?: LogLevel;
  readonly json?: boolean;
}

export const registerResume: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("resume")
    .description("continue an interrupted run from its last completed step, with the budget it had left")
    .argument("<dir>", "the run's output folder")
    .option("--base-url <url>", "a new endpoint for the run's model")
    .option("--quiet", "no progress lines (--log-level error)")
    .addOption(logLevelOption())
    .option("--json", "print the result as JSON (progress as JSON lines on stderr)")
    .action(async (dir: string, opts: ResumeOptions) => {
      try {
        const probe = await createSandboxRunner().probe();
        const result = await resumeRun({
          dir: resolve(io.cwd, dir),
          ...(opts.baseUrl === undefined ? {} : { baseUrl: opts.baseUrl }),
          overrides: { console: runConsole(io, opts, probe), cwd: io.cwd },
        });
        await printResult(io, result, opts, isolationOf(probe));
        setExit(exitCodeOf(result));
      } catch (e) {
        setExit(reportError(io, e));
      }
    });
};
