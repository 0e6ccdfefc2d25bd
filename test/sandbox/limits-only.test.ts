// The fallback when bubblewrap is missing or refused, forced here with
// `probe: { bwrap: false }`: the command still runs, under the limits, as an
// unprivileged user, with a scrubbed environment, and the runner says so once.
// (No network test here: without a network namespace a connect would leave the machine.)
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner, type SandboxCommand } from "../../sandboxes/isolation/index.js";
import { collectingLogger, eventually, hostProcesses, isRoot, removeTempDirs, tempDir, uniqueToken } from "./helpers.js";

const logger = collectingLogger();
const runner = createSandboxRunner({ logger, probe: { bwrap: false, namespaces: false } });
let out: string;

const cmd = (argv: string[], extra: Partial<SandboxCommand> = {}): SandboxCommand => ({
  argv,
  cwd: out,
  writableDir: out,
  limits: { wallClockMs: 20_000 },
  ...extra,
});

beforeAll(async () => {
  out = await tempDir("limits-only");
});
afterAll(removeTempDirs);

describe("runSandboxed with limits only", () => {
  it("runs the command, and warns exactly once, clearly, through the logger", async () => {
    const first = await runner.run(cmd(["sh", "-c", "echo ran; exit 3"]));
    const second = await runner.run(cmd(["true"]));
    expect(first).toMatchObject({ exitCode: 3, stdout: "ran\n", isolation: "limits-only", timedOut: false });
    expect(second).toMatchObject({ exitCode: 0, isolation: "limits-only" });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("disabled by the caller");
    expect(logger.warnings[0]).toContain("NOT isolated");
    expect(logger.warnings[0]).toContain("apt-get install bubblewrap");
  });

  it.runIf(isRoot)("drops root to uid 65534, writes its folder, and gives the files back", async () => {
    const result = await runner.run(cmd(["sh", "-c", "id -u; mkdir -p gen && echo x > gen/file"]));
    expect(result.stdout).toBe("65534\n");
    expect((await stat(join(out, "gen/file"))).uid).toBe(0);
    expect((await stat(out)).uid).toBe(0);
  });

  it("gives a private, fresh HOME and TMPDIR and removes it afterwards", async () => {
    const result = await runner.run(cmd(["sh", "-c", 'echo "$HOME"; touch "$TMPDIR/t" && echo ok']));
    const [home, ok] = result.stdout.trim().split("\n");
    expect(ok).toBe("ok");
    expect(home).toMatch(/protoforge-sandbox-/);
    await expect(stat(home ?? "")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("passes no secret from the runner's environment", async () => {
    process.env["OPENAI_API_KEY"] = "sk-test-must-not-leak";
    try {
      const result = await runner.run(cmd(["env"]));
      expect(result.stdout).not.toContain("sk-test-must-not-leak");
      expect(result.stdout.trim().split("\n").map((l) => l.split("=")[0]).sort()).toEqual(["HOME", "LANG", "PATH", "TMPDIR"]);
    } finally {
      delete process.env["OPENAI_API_KEY"];
    }
  });

  it("kills the whole process group on the wall clock", async () => {
    const token = uniqueToken();
    const running = runner.run(cmd(["sh", "-c", `sleep ${token} & sleep ${token}`], { limits: { wallClockMs: 1_500 } }));
    expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 2, 1_400)).toBe(true);
    const result = await running;
    expect(result).toMatchObject({ timedOut: true, signal: "SIGKILL", isolation: "limits-only" });
    expect(result.durationMs).toBeLessThan(3_000);
    expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 0, 1_000)).toBe(true);
  });

  it("stops a memory hog and a big write", async () => {
    const hog = "a = []\nwhile True: a.append(bytearray(16 * 1024 * 1024))";
    const memory = await runner.run(cmd(["python3", "-c", hog], { limits: { memoryBytes: 256 * 1024 * 1024 } }));
    expect(memory.stderr).toContain("MemoryError");
    const write = await runner.run(
      cmd(["dd", "if=/dev/zero", "of=big.bin", "bs=65536", "count=64"], { limits: { fileSizeBytes: 1024 * 1024 } }),
    );
    expect(write.signal).toBe("SIGXFSZ");
    expect((await stat(join(out, "big.bin"))).size).toBeLessThanOrEqual(1024 * 1024);
  });

  it("refuses a read-only mount at another path, which needs bubblewrap", async () => {
    const cache = await tempDir("cache");
    await expect(runner.run(cmd(["true"], { readOnlyMounts: [{ source: cache, target: "/deps" }] }))).rejects.toMatchObject({
      code: "mount-needs-bubblewrap",
    });
  });
});
