// Running the real toolchains from tests: a throwaway folder and a command
// that returns its stdout (as bytes) or throws with its stderr.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether `command` runs on this machine (`versionFlag` must make it exit 0). */
export function hasTool(command: string, versionFlag = "--version"): boolean {
  return spawnSync(command, [versionFlag], { stdio: "ignore" }).status === 0;
}

/** Runs `fn` in a fresh temp folder, removed afterwards. */
export function inTempDir<T>(label: string, fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), `protoforge-emit-${label}-`));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function run(command: string, args: readonly string[], cwd: string, input?: string): Buffer {
  try {
    return execFileSync(command, args, { cwd, input, stdio: ["pipe", "pipe", "pipe"], timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`${command} ${args.join(" ")} failed:\n${stderr}`);
  }
}
