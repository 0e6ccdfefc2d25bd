// The run log's winston factory: the file keeps every record down to debug
// whatever the console's level; the console shows what its level lets
// through, progress events through its progress sink, other records as lines.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { consoleLevel } from "../../src/cli/log-option.js";
import { createRunLogger, loggedProgress, LOG_LEVELS, progressEventOf, renderRecord, runLogOf, type ConsoleLog, type LogLevel } from "../../src/run/progress-log.js";
import { textProgress, type ProgressEvent } from "../../src/run/progress.js";

interface Captured {
  readonly console: ConsoleLog;
  readonly events: ProgressEvent[];
  text(): string;
}

function capture(level: LogLevel, json = false): Captured {
  const events: ProgressEvent[] = [];
  let text = "";
  const lines = textProgress((s) => void (text += s));
  return {
    console: { level, json, write: (s) => void (text += s), progress: { emit: (e) => (events.push(e), lines.emit(e)) } },
    events,
    text: () => text,
  };
}

/** One of each: a progress event (info), a detail (debug), a warning and an error. */
async function logOneOfEach(level: LogLevel, json = false): Promise<{ seen: Captured; file: Record<string, unknown>[] }> {
  const dir = await mkdtemp(join(tmpdir(), "protoforge-log-"));
  const file = join(dir, "run.log");
  const seen = capture(level, json);
  const log = runLogOf(createRunLogger({ file, console: seen.console }));
  loggedProgress(log, { emit: () => undefined }).emit({ stage: "tester", round: 2, message: "python: pytest", tests: { passed: 3, failed: 1 } });
  log.debug("run started", { threadId: "t-1" });
  log.warn("the prompt set changed since the run started", { was: "a", now: "b" });
  log.error("something broke");
  await log.close();
  const lines = (await readFile(file, "utf8")).trim().split("\n");
  return { seen, file: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the run log", () => {
  it("keeps every level in the file, whatever the console's level", async () => {
    for (const level of LOG_LEVELS) {
      const { file } = await logOneOfEach(level);
      expect(file.map((r) => [r["level"], r["message"]]), level).toEqual([
        ["info", "python: pytest"],
        ["debug", "run started"],
        ["warn", "the prompt set changed since the run started"],
        ["error", "something broke"],
      ]);
      expect(file[0]).toMatchObject({ stage: "tester", round: 2, tests: { passed: 3, failed: 1 } });
      expect(file[1]).toMatchObject({ threadId: "t-1", timestamp: expect.any(String) });
    }
  });

  it("shows on the console only what its level lets through", async () => {
    const shown = async (level: LogLevel): Promise<string[]> => (await logOneOfEach(level)).seen.text().trim().split("\n");
    expect(await shown("error")).toEqual(["error: something broke"]);
    expect(await shown("warn")).toEqual(['warn: the prompt set changed since the run started {"was":"a","now":"b"}', "error: something broke"]);
    expect(await shown("info")).toEqual([
      "[round 2] tester: python: pytest (3/4 passing)",
      'warn: the prompt set changed since the run started {"was":"a","now":"b"}',
      "error: something broke",
    ]);
    expect(await shown("debug")).toEqual([
      "[round 2] tester: python: pytest (3/4 passing)",
      'debug: run started {"threadId":"t-1"}',
      'warn: the prompt set changed since the run started {"was":"a","now":"b"}',
      "error: something broke",
    ]);
  });

  it("hands the console's progress sink the event as it was emitted", async () => {
    const { seen } = await logOneOfEach("info");
    expect(seen.events).toEqual([{ stage: "tester", round: 2, message: "python: pytest", tests: { passed: 3, failed: 1 } }]);
  });

  it("writes other records as JSON lines with --json", async () => {
    const { seen } = await logOneOfEach("warn", true);
    expect(seen.text().trim().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual([
      { type: "log", level: "warn", message: "the prompt set changed since the run started", was: "a", now: "b" },
      { type: "log", level: "error", message: "something broke" },
    ]);
  });

  it("tells progress records from the others by their stage and round", () => {
    expect(progressEventOf({ level: "info", message: "m", meta: { stage: "done", round: 3, status: "succeeded" } })).toEqual({ stage: "done", round: 3, message: "m", status: "succeeded" });
    expect(progressEventOf({ level: "debug", message: "[round 1] coder: wrote", meta: { commit: "abc", status: "running" } })).toBeUndefined();
    expect(renderRecord({ level: "debug", message: "m", meta: {} }, false)).toBe("debug: m\n");
  });
});

describe("--quiet and --log-level", () => {
  it("--quiet is --log-level error and wins over it; info by default", () => {
    expect(consoleLevel({})).toBe("info");
    expect(consoleLevel({ logLevel: "debug" })).toBe("debug");
    expect(consoleLevel({ quiet: true })).toBe("error");
    expect(consoleLevel({ quiet: true, logLevel: "debug" })).toBe("error");
  });
});
