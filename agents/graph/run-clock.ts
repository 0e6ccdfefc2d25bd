// The run's clock on disk, so that a step killed half-way still counts
// toward --timeout: while a step works, the run's elapsed time is written to
// DIR/.protoforge/checkpoints.clock.json every second (ignored by git, next
// to the checkpoints, kept by resume's clean-up). The checkpoint holds the
// elapsed time up to the last completed step; `resume` takes the run's
// elapsed time as at least what this file last said.
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { STATE_DIR } from "../../src/run/output-folder.js";

/** Matches the ignored `.protoforge/checkpoints*`. */
export const CLOCK_FILE = `${STATE_DIR}/checkpoints.clock.json`;
export const HEARTBEAT_MS = 1000;

export interface RunClockFile {
  /** The run's elapsed time (ms, over every process) when the file was written. */
  readonly elapsedMs: number;
  /** A step was working (the file is its heartbeat), or the last one had completed. */
  readonly running: boolean;
}

export interface StepHeartbeat {
  /** A step starts with the run's elapsed time at `baseMs`: write it now and every second. */
  start(baseMs: number): void;
  /** The step completed with the run's elapsed time at `elapsedMs`. */
  stop(elapsedMs: number): void;
  /** The process is done with the run: no more writes. */
  dispose(): void;
}

export function fileHeartbeat(dir: string, now: () => number = Date.now): StepHeartbeat {
  let timer: NodeJS.Timeout | undefined;
  const write = (record: RunClockFile) => {
    try {
      writeFileSync(join(dir, CLOCK_FILE), `${JSON.stringify(record)}\n`);
    } catch {
      // The clock is best effort: a run is never stopped for it.
    }
  };
  const clear = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return {
    start(baseMs) {
      clear();
      const started = now();
      const beat = () => write({ elapsedMs: Math.round(baseMs + Math.max(0, now() - started)), running: true });
      beat();
      timer = setInterval(beat, HEARTBEAT_MS);
      timer.unref();
    },
    stop(elapsedMs) {
      clear();
      write({ elapsedMs: Math.round(elapsedMs), running: false });
    },
    dispose: clear,
  };
}

/** What the clock file last said of the run's elapsed time (0 without one). */
export async function readRunClock(dir: string): Promise<RunClockFile | undefined> {
  try {
    const json = JSON.parse(await readFile(join(dir, CLOCK_FILE), "utf8")) as Partial<RunClockFile>;
    return typeof json.elapsedMs === "number" && Number.isFinite(json.elapsedMs) && json.elapsedMs >= 0 ? { elapsedMs: json.elapsedMs, running: json.running === true } : undefined;
  } catch {
    return undefined;
  }
}
