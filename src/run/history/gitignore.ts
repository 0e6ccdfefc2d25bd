// The .gitignore of a run folder: toolchain caches, virtual environments and
// build output, the sandbox's raw results, and protoforge's own checkpoints
// and log, none of which belong in the history.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const IGNORED_PATTERNS: readonly string[] = [
  ".venv/",
  "node_modules/",
  "build/",
  "target/",
  "__pycache__/",
  ".mypy_cache/",
  "*.egg-info/",
  ".pytest_cache/",
  ".protoforge-results/",
  ".protoforge/checkpoints*",
  ".protoforge/run.log",
];

const HEADER = "# Written by protoforge: not part of the run's history.";

/** The file content for a new run folder. */
export function gitignoreContent(): string {
  return `${HEADER}\n${IGNORED_PATTERNS.join("\n")}\n`;
}

/** Writes .gitignore, or appends the patterns an existing one lacks; keeps the user's lines. */
export async function ensureGitignore(dir: string): Promise<void> {
  const file = join(dir, ".gitignore");
  let existing: string;
  try {
    existing = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await writeFile(file, gitignoreContent());
    return;
  }
  const present = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED_PATTERNS.filter((p) => !present.has(p));
  if (missing.length === 0) return;
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await writeFile(file, `${existing}${separator}${HEADER}\n${missing.join("\n")}\n`);
}
