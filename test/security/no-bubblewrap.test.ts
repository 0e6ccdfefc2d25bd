// A host without bubblewrap, for real: the runner starts in a private mount
// namespace where /usr/bin/bwrap is covered (as on a fresh machine that
// followed the README), detects that on its own, with no override, and
// isolates with util-linux unshare.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { SandboxProbe, SandboxResult } from "../../sandboxes/isolation/index.js";
import { isRoot, removeTempDirs, tempDir } from "../sandbox/helpers.js";

const fixture = fileURLToPath(new URL("../sandbox/fixtures/run-as-user.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

afterAll(removeTempDirs);

describe.runIf(isRoot)("a runner on a host without bubblewrap", () => {
  it("finds bwrap missing by itself, says why, and isolates with namespaces", async () => {
    const dir = await tempDir("no-bwrap");
    const hide = `${existsSync("/usr/bin/bwrap") ? "mount --bind /dev/null /usr/bin/bwrap && " : ""}exec "$0" "$@"`;
    const args = ["--mount", "--propagation", "private", "--", "/bin/sh", "-c", hide, process.execPath, "--import", "tsx", fixture, "detect", dir];
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile("unshare", args, { cwd: repoRoot, timeout: 60_000, env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", OPENAI_API_KEY: "sk-test-must-not-leak" } }, (error, out, err) => {
        if (error) reject(new Error(`${error.message}\n${err}`));
        else resolve(out);
      });
    });
    const report = JSON.parse(stdout) as { probe: SandboxProbe; result: SandboxResult; warnings: string[] };
    expect(report.probe).toMatchObject({ bwrap: false, bwrapReason: "bwrap is not installed (Debian package bubblewrap)", namespaces: true });
    expect(report.result).toMatchObject({ exitCode: 0, isolation: "namespaces", stderr: "" });
    expect(report.result.stdout).toContain("65534\n");
    expect(report.result.stdout).not.toContain("OPENAI_API_KEY");
    expect(report.warnings).toEqual([]);
  }, 60_000);
});
