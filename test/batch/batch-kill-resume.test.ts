// The overnight batch for real (built CLI, offline runs, the sandboxed
// tester): 6 runs, 2 at a time, the batch process group killed with SIGKILL
// once a run has finished and others are mid-way; a second batch on the same
// folder refused; `batch resume` finishes it. Every run ends exactly once:
// one commit writes its report, no step is committed twice, runs finished
// before the kill are left alone, and the summary's counts match the run
// folders. Needs `npm run build` (npm run test:toolchain does it).
import { execFile, spawn } from "node:child_process";
import { access, readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchFile } from "../../src/batch/batch-state.js";
import type { BatchSummary } from "../../src/batch/summary.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { tempDir } from "../agents/support/run-helpers.js";
import { fillDependencyCachesPerTransport } from "../integration/dependency-caches.js";

const run = promisify(execFile);
const BIN = resolve("dist/src/cli/main.js");
const SPEC = resolve("examples/sensor-telemetry.yaml");
const ENV = { ...process.env, PROTOFORGE_MODEL: "" };
const NAMES = ["s1", "s2", "s3", "s4", "u5", "u6"];

const PLAN = [
  "defaults:",
  "  model: offline",
  "  languages: [python]",
  "  maxRounds: 2",
  "  timeout: 10m",
  "runs:",
  ...NAMES.flatMap((name) => [`  - name: ${name}`, `    spec: ${SPEC}`, `    transport: ${name.startsWith("u") ? "udp" : "tcp"}`]),
  "",
].join("\n");

async function readBatch(dir: string): Promise<BatchFile | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, "batch.json"), "utf8")) as BatchFile;
  } catch {
    return undefined;
  }
}

async function commits(dir: string, ...path: string[]): Promise<string[]> {
  const out = await run("git", ["-C", dir, "log", "--format=%H", ...(path.length ? ["--", ...path] : [])]).then(
    (r) => r.stdout,
    () => "",
  );
  return out.split("\n").filter((l) => l !== "");
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  if (!(await exists(BIN))) throw new Error(`${BIN} is missing: run \`npm run build\` first`);
  await fillDependencyCachesPerTransport(["python"]);
}, 600_000);

describe("protoforge batch, killed with SIGKILL and resumed", () => {
  it("finishes every run exactly once, and its summary matches the run folders", { timeout: 900_000 }, async () => {
    const base = await tempDir("pf-batch-");
    const dir = join(base, "out");
    await writeFile(join(base, "runs.yaml"), PLAN);
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, "batch", "runs.yaml", "--out", dir, "--concurrency", "2", "--json"], { cwd: base, detached: true, stdio: "ignore", env: ENV });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on("exit", (_code, signal) => r(signal)));

    // Kill once a run finished and another has committed a step and is still running.
    let atKill: BatchFile | undefined;
    for (const deadline = Date.now() + 600_000; atKill === undefined; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > deadline) throw new Error("the batch never got to a run finished with others mid-way");
      const batch = await readBatch(dir);
      if (batch === undefined) continue;
      const states = Object.entries(batch.states);
      const finished = states.filter(([, s]) => s.state === "finished");
      const running = states.filter(([, s]) => s.state === "running").map(([n]) => n);
      if (finished.length < 1 || running.length < 1) continue;
      const midway = await Promise.all(running.map(async (n) => (await commits(join(dir, "runs", n))).length >= 1 && !(await exists(join(dir, "runs", n, "REPORT.md")))));
      if (midway.some(Boolean)) atKill = batch;
    }
    process.kill(-(child.pid ?? 0), "SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // What batch.json says after the kill is what the batch had done: a run can start between the
    // poll above and the kill (on a loaded machine it did: s3 read pending, its folder then existed).
    // batch.json marks a run running before its folder is made, so a run pending here has none.
    atKill = (await readBatch(dir)) ?? atKill;
    const killedAfterMs = Date.now() - started;
    const finishedBefore = Object.entries(atKill.states).filter(([, s]) => s.state === "finished").map(([n]) => n);
    const runningAtKill = Object.entries(atKill.states).filter(([, s]) => s.state === "running").map(([n]) => n);
    const headsBefore = new Map(await Promise.all(finishedBefore.map(async (n) => [n, (await commits(join(dir, "runs", n)))[0]] as const)));
    const neverStarted = NAMES.filter((n) => atKill?.states[n]?.state === "pending");
    for (const n of neverStarted) expect(await exists(join(dir, "runs", n)), n).toBe(false);

    // A second batch on the folder while the lock names a live process: refused, nothing touched.
    const lock = join(dir, "batch.lock");
    const killedLock = await readFile(lock, "utf8");
    const boot = (await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "unknown")).trim();
    await writeFile(lock, `${JSON.stringify({ pid: process.pid, boot })}\n`);
    const refused = await run(process.execPath, [BIN, "batch", "resume", dir], { env: ENV }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error [batch-in-progress]: ${dir} is being worked on by another protoforge batch (pid ${process.pid})`);
    expect(await readBatch(dir)).toEqual(await readBatch(dir));
    await writeFile(lock, killedLock);

    // Resume: the killed process's lock is taken over.
    const resumeStarted = Date.now();
    const resumed = await run(process.execPath, [BIN, "batch", "resume", dir, "--json"], { env: ENV, timeout: 900_000 });
    const resumeMs = Date.now() - resumeStarted;
    const changes = resumed.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { name: string; state: string; resumed?: boolean });
    const summary = JSON.parse(resumed.stdout) as BatchSummary;

    // Nothing finished is run again; what was cut off continues; the rest starts; each once.
    expect(changes.filter((c) => c.state === "running").map((c) => c.name).sort()).toEqual(NAMES.filter((n) => !finishedBefore.includes(n)).sort());
    expect(changes.filter((c) => c.resumed).map((c) => c.name).sort()).toEqual([...runningAtKill].sort());
    for (const [n, head] of headsBefore) expect((await commits(join(dir, "runs", n)))[0], n).toBe(head);

    // Every run folder ends exactly once: one commit writes its report, no step twice, the history readable.
    expect((await readdir(join(dir, "runs"))).sort()).toEqual([...NAMES].sort());
    for (const n of NAMES) {
      const folder = join(dir, "runs", n);
      expect(await commits(folder, ".protoforge/report.json"), n).toHaveLength(1);
      const steps = (await readHistory(folder)).map((h) => `${h.round} ${h.agent}`);
      expect(new Set(steps).size, `${n}: ${steps.join(", ")}`).toBe(steps.length);
      expect(steps.at(-1), n).toMatch(/ reviewer$/);
    }

    // The summary: one entry per run folder, counts adding up, files written.
    expect(summary.runs.map((r) => r.folder).sort()).toEqual(NAMES.map((n) => `runs/${n}`).sort());
    expect(Object.values(summary.counts).reduce((a, b) => a + (b ?? 0), 0)).toBe(NAMES.length);
    expect(summary.runs.every((r) => r.status === "layer-complete" || r.status === "succeeded"), JSON.stringify(summary.counts)).toBe(true);
    expect(summary.exitCode).toBe(0);
    expect(JSON.parse(await readFile(join(dir, "summary.json"), "utf8"))).toEqual(summary);
    expect((await readFile(join(dir, "junit.xml"), "utf8")).match(/<testcase /g)).toHaveLength(NAMES.length);
    const markdown = await readFile(join(dir, "SUMMARY.md"), "utf8");
    for (const n of NAMES) expect(markdown).toContain(`| \`${n}\` | `);
    expect(await exists(lock)).toBe(false);
    console.log(`batch kill/resume: killed after ${(killedAfterMs / 1000).toFixed(1)} s (${finishedBefore.length} finished, ${runningAtKill.length} running: ${runningAtKill.join(", ")}), resume took ${(resumeMs / 1000).toFixed(1)} s`);
  });
});
