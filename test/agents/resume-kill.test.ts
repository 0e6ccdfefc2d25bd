// kill -9 in the middle of a real run, then `protoforge resume`: the run
// finishes as succeeded, and every step's commit is there exactly once.
// Each run keeps about one core busy: the two go concurrently (maxConcurrency
// of the toolchain project), from dependency caches filled beforehand.
import { execFile, spawn } from "node:child_process";
import { access, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { simpleGit } from "simple-git";
import { beforeAll, describe, type ExpectStatic, it } from "vitest";
import { readHistory } from "../../src/run/history/read-history.js";
import { SENSOR_DESCRIPTION } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { tempDir } from "./support/run-helpers.js";
import { fillDependencyCachesPerTransport } from "../integration/dependency-caches.js";

const run = promisify(execFile);
const CLI = ["--import", "tsx", "src/cli/main.ts"];
const GIT = ["-C"];

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

async function commitCount(dir: string): Promise<number> {
  const out = await run("git", [...GIT, dir, "rev-list", "--count", "HEAD"]).then(
    (r) => r.stdout,
    () => "0",
  );
  return Number(out.trim()) || 0;
}

/** Starts `generate` as a child process, kills its process group with SIGKILL once `ready(dir)`, and returns the steps committed by then. */
async function generateAndKill(expect: ExpectStatic, dir: string, ready: (dir: string) => Promise<boolean>, extra: readonly string[] = []): Promise<string[]> {
  const child = spawn(process.execPath, [...CLI, "generate", SENSOR_DESCRIPTION, "--lang", "python", "--transport", "tcp", "--out", dir, "--model", "offline", "--quiet", ...extra], {
    cwd: process.cwd(),
    detached: true,
    stdio: "ignore",
    env: { ...process.env, PROTOFORGE_MODEL: "" },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 120_000;
  while (!(await ready(dir))) {
    if (Date.now() > deadline) throw new Error("the run never got to the point where it should be killed");
    await new Promise((r) => setTimeout(r, 20));
  }
  process.kill(-(child.pid ?? 0), "SIGKILL");
  expect((await exited).signal).toBe("SIGKILL");
  // The sandbox only ever holds a language folder, so plain git and the history still read the run folder.
  const log = await run("git", [...GIT, dir, "log", "--reverse", "--format=%s"]);
  expect((await readHistory(dir)).length).toBe(log.stdout.split("\n").filter((l) => l !== "").length);
  return log.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^\[round (\d+)\] (\w+):.*$/, "$1 $2"));
}

/** The history after resume: every step exactly once, nothing committed before the kill lost or redone, nothing left uncommitted, the folder given back. */
async function expectFinishedHistory(expect: ExpectStatic, dir: string, before: readonly string[]): Promise<void> {
  const after = (await readHistory(dir)).map((h) => `${h.round} ${h.agent}`);
  expect(after).toEqual(["1 architect", "1 coder", "1 tester", "1 reviewer"]);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(await simpleGit(dir).raw(["status", "--porcelain", "--untracked-files=no"])).toBe("");
  if (process.geteuid?.() === 0) expect((await stat(join(dir, "python"))).uid).toBe(0);
}

const resume = (dir: string, ...extra: string[]) =>
  run(process.execPath, [...CLI, "resume", dir, ...extra], { cwd: process.cwd(), env: { ...process.env, PROTOFORGE_MODEL: "" }, timeout: 240_000 });

beforeAll(() => fillDependencyCachesPerTransport(["python"]), 600_000);

describe("protoforge resume after kill -9", () => {
  it(
    "continues after a kill right after the first commit",
    { concurrent: true, timeout: E2E_TIMEOUT_MS },
    async ({ expect }) => {
      const dir = join(await tempDir("pf-kill-"), "sensor");
      const before = await generateAndKill(expect, dir, async (d) => (await commitCount(d)) >= 1);
      expect(before.length).toBeGreaterThanOrEqual(1);
      expect(before.length).toBeLessThan(4);
      const resumed = await resume(dir);
      expect(resumed.stdout).toContain("status: succeeded");
      expect(resumed.stderr).toMatch(/^start: resuming /m);
      await expectFinishedHistory(expect, dir, before);
    },
  );

  // One run for both: the kill 4 s into the sandboxed tests is a kill in
  // their middle, with the language folder lent to the sandbox user.
  it(
    "continues after a kill in the middle of the sandboxed tests (the folder lent to the sandbox user), and counts the killed step's time toward --timeout",
    { concurrent: true, timeout: E2E_TIMEOUT_MS },
    async ({ expect }) => {
      const dir = join(await tempDir("pf-kill-"), "sensor");
      // Kill the tester 4 s after its tests began (the coder's commit is its start).
      let testerStarted: number | undefined;
      let testing: number | undefined;
      const ready = async (d: string) => {
        if (testerStarted === undefined && (await commitCount(d)) >= 2) testerStarted = Date.now();
        if (testing === undefined && testerStarted !== undefined && (await exists(join(d, "python", ".venv", "bin")))) testing = Date.now();
        return testing !== undefined && Date.now() - testing >= 4000;
      };
      const before = await generateAndKill(expect, dir, ready, ["--timeout", "10m"]);
      const killedStepMs = Date.now() - (testerStarted ?? Date.now());
      expect(before).toEqual(["1 architect", "1 coder"]);
      expect(killedStepMs).toBeGreaterThanOrEqual(4000);
      if (process.geteuid?.() === 0) expect((await stat(dir)).uid).toBe(0); // never lent: only OUT/python is

      const resumed = await resume(dir, "--json");
      const start = resumed.stderr
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as { stage: string; message: string })
        .find((e) => e.stage === "start");
      expect(start?.message).toMatch(/^resuming /);
      // The time used before the kill includes the killed step (less the last heartbeat's second).
      const used = Number(/\(round 1, (\d+) s used, (\d+) s of them in a step cut short\)/.exec(start?.message ?? "")?.[1]);
      expect(used, start?.message).toBeGreaterThanOrEqual(Math.floor(killedStepMs / 1000) - 2);
      const result = JSON.parse(resumed.stdout) as { status: string; durationMs: number };
      expect(result.status).toBe("succeeded");
      expect(result.durationMs).toBeGreaterThanOrEqual(killedStepMs - 2000);
      await expectFinishedHistory(expect, dir, before);
    },
  );
});
