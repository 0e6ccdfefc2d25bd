// The runner started by an ordinary user (the test suite runs as root here and
// in CI, so it starts the runner as another uid): no uid change, the user's own
// files, bubblewrap's user namespace, and the limits-only fallback.
import { execFile } from "node:child_process";
import { chown, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { SandboxProbe, SandboxResult } from "../../sandboxes/isolation/index.js";
import { isRoot, removeTempDirs, tempDir } from "./helpers.js";

const USER = 4242; // any uid that is neither root nor the sandbox's 65534
const fixture = fileURLToPath(new URL("./fixtures/run-as-user.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url)); // where `--import tsx` resolves

interface Report {
  readonly probe: SandboxProbe;
  readonly result: SandboxResult;
  readonly warnings: string[];
}

async function runAsUser(mode: "bwrap" | "namespaces" | "limits-only"): Promise<{ report: Report; dir: string }> {
  const dir = await tempDir(`user-${mode}`);
  await chown(dir, USER, USER);
  // the runner's own environment holds a secret; the sandboxed command must not see it
  const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: dir, TMPDIR: dir, OPENAI_API_KEY: "sk-test-must-not-leak" };
  const args = [`--reuid=${USER}`, `--regid=${USER}`, "--clear-groups", process.execPath, "--import", "tsx", fixture, mode, dir];
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile("setpriv", args, { env, cwd: repoRoot, timeout: 60_000 }, (error, out, err) => {
      if (error) reject(new Error(`${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return { report: JSON.parse(stdout) as Report, dir };
}

afterAll(removeTempDirs);

describe.runIf(isRoot)("a non-root runner", () => {
  it("uses bubblewrap without changing uid, and the user's folder stays the user's", async () => {
    const { report, dir } = await runAsUser("bwrap");
    expect(report.probe).toMatchObject({ isRoot: false, bwrap: true });
    expect(report.warnings).toEqual([]);
    const [uid, envNames] = report.result.stdout.split("\n");
    expect(report.result).toMatchObject({ exitCode: 0, isolation: "bubblewrap", stderr: "" });
    expect(uid).toBe(String(USER));
    expect(envNames?.trim()).toBe("HOME LANG PATH PWD TMPDIR");
    expect((await stat(join(dir, "made-by-sandbox"))).uid).toBe(USER);
  });

  it("without bubblewrap, isolates with unshare in a user namespace of its own, as the user, without a warning", async () => {
    const { report, dir } = await runAsUser("namespaces");
    expect(report.probe).toMatchObject({ isRoot: false, bwrap: false, namespaces: true });
    expect(report.warnings).toEqual([]);
    const [uid, envNames] = report.result.stdout.split("\n");
    expect(report.result).toMatchObject({ exitCode: 0, isolation: "namespaces", stderr: "" });
    expect(uid).toBe(String(USER));
    expect(envNames?.trim()).toBe("HOME LANG PATH PWD TMPDIR");
    expect((await stat(join(dir, "made-by-sandbox"))).uid).toBe(USER);
  });

  it("falls back to limits only, warns once, and runs as the user", async () => {
    const { report, dir } = await runAsUser("limits-only");
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("as the current user");
    const [uid, envNames] = report.result.stdout.split("\n");
    expect(report.result).toMatchObject({ exitCode: 0, isolation: "limits-only", stderr: "" });
    expect(uid).toBe(String(USER));
    expect(envNames?.trim()).toBe("HOME LANG PATH PWD TMPDIR");
    expect((await stat(join(dir, "made-by-sandbox"))).uid).toBe(USER);
  });
});
