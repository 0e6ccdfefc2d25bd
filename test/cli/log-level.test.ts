// `--log-level` on a real (offline, timed-out at once) run: warn hides the
// info progress lines on stderr, debug adds each step's details, and the run
// log in the folder keeps the debug records whatever the level.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SENSOR_DESCRIPTION } from "../agents/support/answers.js";
import { tempDir } from "../agents/support/run-helpers.js";
import { cli } from "./run-cli.js";

async function generate(...extra: string[]): Promise<{ err: string; log: string }> {
  const dir = join(await tempDir(), "out");
  const run = await cli("generate", SENSOR_DESCRIPTION, "--out", dir, "--model", "offline", "--timeout", "1ms", ...extra);
  expect(run.code, run.err).toBe(5);
  return { err: run.err, log: await readFile(join(dir, ".protoforge", "run.log"), "utf8") };
}

describe("generate --log-level", () => {
  it("info (the default) shows the progress lines; warn hides them; debug adds the details; the file keeps debug", async () => {
    const info = await generate();
    expect(info.err).toMatch(/^start: /m);
    expect(info.err).toMatch(/^done: timed-out: /m);
    expect(info.err).not.toContain("debug: ");

    for (const quiet of [["--log-level", "warn"], ["--log-level", "error"], ["--quiet"]]) {
      const run = await generate(...quiet);
      expect(run.err, quiet.join(" ")).not.toMatch(/^(start|done|sandbox): /m);
      expect(run.err, quiet.join(" ")).toBe("");
    }

    const debug = await generate("--log-level", "debug");
    expect(debug.err).toMatch(/^start: /m);
    expect(debug.err).toMatch(/^debug: run started \{"threadId":/m);
    expect(debug.err).toMatch(/^debug: run ended \{"status":"timed-out"/m);

    for (const run of [info, debug]) {
      const records = run.log.trim().split("\n").map((l) => JSON.parse(l) as { level: string; message: string });
      expect(records.filter((r) => r.level === "debug").map((r) => r.message)).toEqual(expect.arrayContaining(["run started", "run ended"]));
      expect(records.some((r) => r.level === "info" && r.message.startsWith("timed-out: "))).toBe(true);
    }
  });
});
