// `--log-level` and `--quiet` of the commands that run the workflow (generate,
// resume): the level of the run log's console transport (stderr). The log
// file keeps everything whatever the level (src/run/progress-log.ts).
import { Option } from "commander";
import { LOG_LEVELS, type ConsoleLog, type LogLevel } from "../run/progress-log.js";
import type { ProgressSink } from "../run/progress.js";
import type { CliIo } from "./io.js";

export interface LogOptions {
  readonly logLevel?: LogLevel | undefined;
  readonly quiet?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/** Refused by the parser unless one of LOG_LEVELS (exit 2, with the list). */
export function logLevelOption(): Option {
  return new Option("--log-level <level>", "what stderr shows: error, warn, info (the progress lines; default) or debug (each step's details too); the run log keeps everything").choices(LOG_LEVELS);
}

/** `--quiet` is `--log-level error`, and wins over it. */
export function consoleLevel(opts: LogOptions): LogLevel {
  return opts.quiet === true ? "error" : (opts.logLevel ?? "info");
}

/** The console transport of the run log, on stderr: `progress` shows the
 *  progress events, other records are lines (JSON lines with --json). */
export function consoleLog(io: CliIo, opts: LogOptions, progress: ProgressSink): ConsoleLog {
  return { level: consoleLevel(opts), progress, write: (text) => io.err(text), json: opts.json ?? false };
}
