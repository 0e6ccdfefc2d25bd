// Shared by the sandbox tests: throwaway folders, a fixed probe for the pure
// tests, and a look at the host's process table.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxLogger, SandboxProbe } from "../../sandboxes/isolation/index.js";

const made: string[] = [];

/** A fresh folder under the system temp dir (or `base`), removed by `removeTempDirs`. */
export async function tempDir(label: string, base = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(base, `protoforge-sbx-test-${label}-`));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A token unlikely to appear in any other process's command line. */
export function uniqueToken(): string {
  return `${1000 + Math.floor(Math.random() * 8000)}.${process.pid}${Date.now() % 100_000}`;
}

/** Live pids on the host whose argv is exactly `argv`. */
export async function hostProcesses(...argv: string[]): Promise<number[]> {
  const wanted = argv.map((a) => `${a}\0`).join("");
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline === wanted) pids.push(Number(entry)); // a zombie's cmdline is empty
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Polls `check` every 50 ms until it holds or `ms` pass; returns its last answer. */
export async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function collectingLogger(): SandboxLogger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => void warnings.push(message) };
}

export const isRoot = process.geteuid?.() === 0;

/** A fixed probe for the pure tests. */
export function fakeProbe(overrides: Partial<SandboxProbe> = {}): SandboxProbe {
  return {
    bwrap: true,
    disableUserns: true,
    namespaces: false,
    isRoot: true,
    hardLimits: { cpuSeconds: Infinity, memoryBytes: Infinity, fileSizeBytes: Infinity, processes: Infinity },
    tools: { bwrap: "/usr/bin/bwrap", setpriv: "/usr/bin/setpriv", prlimit: "/usr/bin/prlimit", unshare: "/usr/bin/unshare", ip: "/usr/sbin/ip" },
    ...overrides,
  };
}
