// The run's log, DIR/.protoforge/run.log (ignored by git): every progress
// event and every notable thing a node did, one JSON object per line, through
// winston. Tests pass `silentRunLog()`.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import winston from "winston";
import { STATE_DIR } from "./output-folder.js";
import type { ProgressSink } from "./progress.js";

export const RUN_LOG = `${STATE_DIR}/run.log`;

export interface RunLog {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export async function openRunLog(dir: string): Promise<RunLog> {
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  const logger = winston.createLogger({
    level: "info",
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.File({ filename: join(dir, RUN_LOG) })],
  });
  let closed: Promise<void> | undefined;
  return {
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
  return { info: () => undefined, warn: () => undefined, error: () => undefined, close: async () => undefined };
}

/** A progress sink that also writes every event to the log. */
export function loggedProgress(log: RunLog, sink: ProgressSink): ProgressSink {
  return {
    emit: (event) => {
      log.info(event.message, { stage: event.stage, round: event.round, ...(event.tests ? { tests: event.tests } : {}), ...(event.status ? { status: event.status } : {}) });
      sink.emit(event);
    },
  };
}
