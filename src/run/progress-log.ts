// The run's log, through winston, with two transports. The file,
// DIR/.protoforge/run.log (ignored by git), keeps everything down to debug:
// every progress event and every notable thing a node did, one JSON object per
// line. The console (stderr, from the CLI) shows what its level lets through
// (`--log-level`, `--quiet` = error): progress events are info, warnings warn,
// the nodes' details (run started, each step's commit, …) debug. Tests pass
// `silentRunLog()`.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import winston from "winston";
import { STATE_DIR } from "./output-folder.js";
import type { TestTally } from "./history/agent-step.js";
import type { ProgressEvent, ProgressSink, ProgressStage } from "./progress.js";

export const RUN_LOG = `${STATE_DIR}/run.log`;

/** The levels, most severe first; a transport at a level shows it and those before it. */
export const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the file keeps: everything. */
export const FILE_LOG_LEVEL: LogLevel = "debug";

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export interface RunLog {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** The console transport: its level, how it shows a progress event, where other records go. */
export interface ConsoleLog {
  readonly level: LogLevel;
  /** Shows a progress event (text lines, or JSON lines with `json`). */
  readonly progress: ProgressSink;
  /** Writes another record, rendered by `renderRecord`. */
  readonly write: (text: string) => void;
  readonly json?: boolean;
}

export interface RunLogTransports {
  /** The log file (absolute); none when omitted. */
  readonly file?: string;
  readonly console?: ConsoleLog;
}

/** One record as a transport sees it. */
export interface LogRecord {
  readonly level: string;
  readonly message: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** The winston logger behind a RunLog: the file at debug, the console at its level. */
export function createRunLogger(transports: RunLogTransports): winston.Logger {
  const list: winston.transport[] = [];
  if (transports.file !== undefined) list.push(new winston.transports.File({ filename: transports.file, level: FILE_LOG_LEVEL }));
  if (transports.console !== undefined) list.push(consoleTransport(transports.console));
  return winston.createLogger({
    level: FILE_LOG_LEVEL,
    levels: winston.config.npm.levels,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: list,
  });
}

export async function openRunLog(dir: string, consoleLog?: ConsoleLog): Promise<RunLog> {
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  return runLogOf(createRunLogger({ file: join(dir, RUN_LOG), ...(consoleLog === undefined ? {} : { console: consoleLog }) }));
}

export function runLogOf(logger: winston.Logger): RunLog {
  let closed: Promise<void> | undefined;
  return {
    debug: (message, meta) => void logger.debug(message, meta),
    info: (message, meta) => void logger.info(message, meta),
    warn: (message, meta) => void logger.warn(message, meta),
    error: (message, meta) => void logger.error(message, meta),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        logger.on("finish", () => resolve());
        logger.end();
      })),
  };
}

export function silentRunLog(): RunLog {
  return { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, close: async () => undefined };
}

/** A progress sink that writes every event to the log (info); the log's console shows it. */
export function loggedProgress(log: RunLog, sink: ProgressSink): ProgressSink {
  return {
    emit: (event) => {
      log.info(event.message, progressMeta(event));
      sink.emit(event);
    },
  };
}

function progressMeta(event: ProgressEvent): Record<string, unknown> {
  return { stage: event.stage, round: event.round, ...(event.tests ? { tests: event.tests } : {}), ...(event.status ? { status: event.status } : {}) };
}

/** The progress event a record carries (those written by loggedProgress have a stage), or undefined. Pure. */
export function progressEventOf(record: LogRecord): ProgressEvent | undefined {
  const { stage, round, tests, status } = record.meta;
  if (typeof stage !== "string" || typeof round !== "number") return undefined;
  return {
    stage: stage as ProgressStage,
    round,
    message: record.message,
    ...(tests === undefined ? {} : { tests: tests as TestTally }),
    ...(typeof status === "string" ? { status } : {}),
  };
}

/** A record that is not progress, for the console: `warn: MESSAGE {meta}`, or a JSON line. Pure. */
export function renderRecord(record: LogRecord, json: boolean): string {
  if (json) return `${JSON.stringify({ type: "log", level: record.level, message: record.message, ...record.meta })}\n`;
  const meta = Object.keys(record.meta).length === 0 ? "" : ` ${JSON.stringify(record.meta)}`;
  return `${record.level}: ${record.message}${meta}\n`;
}

/** winston's fields of an info object, apart from the caller's meta. */
const WINSTON_FIELDS = new Set(["level", "message", "timestamp"]);

function recordOf(info: Record<string, unknown>): LogRecord {
  const meta = Object.fromEntries(Object.entries(info).filter(([k]) => !WINSTON_FIELDS.has(k)));
  return { level: String(info["level"]), message: String(info["message"]), meta };
}

/** winston hands a stream transport its records synchronously, so the console
 *  keeps the order of the calls. */
function consoleTransport(target: ConsoleLog): winston.transport {
  const stream = new Writable({
    objectMode: true,
    write(info: Record<string, unknown>, _encoding, done) {
      const record = recordOf(info);
      const event = progressEventOf(record);
      if (event !== undefined) target.progress.emit(event);
      else target.write(renderRecord(record, target.json ?? false));
      done();
    },
  });
  return new winston.transports.Stream({ stream, level: target.level });
}
