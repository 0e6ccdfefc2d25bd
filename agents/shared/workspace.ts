// Reading the run folder as the agents see it: the project files (without
// git, protoforge's state, virtual environments, caches and build output),
// their text, and the record of generated files with their sha256
// (.protoforge/files.json, written by src/run/output-folder.ts).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { STATE_DIR } from "../../src/run/output-folder.js";
import { readFileInside } from "../../src/read-inside.js";

const SKIPPED_DIRS = new Set([".git", STATE_DIR, ".venv", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", "build", "target", ".protoforge-results"]);
const MAX_TEXT_BYTES = 1_000_000;

export const FILES_RECORD = `${STATE_DIR}/files.json`;

export interface WorkspaceFile {
  /** Relative to the run folder, forward slashes. */
  readonly path: string;
  readonly text: string;
}

/** Every project file under `dir` (or under `dir/sub`), sorted; skips caches and build output. */
export async function listProjectFiles(dir: string, sub = ""): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.endsWith(".egg-info")) await walk(path);
      } else if (entry.isFile()) out.push(path);
    }
  };
  await walk(sub);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The text of each file that is text (no NUL byte) and not too large. */
export async function readTextFiles(dir: string, paths: readonly string[]): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  for (const path of paths) {
    const text = await readText(dir, path);
    if (text !== undefined) out.push({ path, text });
  }
  return out;
}

export async function readText(dir: string, path: string): Promise<string | undefined> {
  let data: Buffer;
  try {
    data = await readFileInside(dir, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  if (data.length > MAX_TEXT_BYTES || data.includes(0)) return undefined;
  return data.toString("utf8");
}

/** Generated file → sha256, as the coder's last emission recorded it (empty before the first). */
export async function readGeneratedRecord(dir: string): Promise<Record<string, string>> {
  try {
    const record = JSON.parse(await readFile(join(dir, FILES_RECORD), "utf8")) as { generated?: Record<string, string> };
    return record.generated ?? {};
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw e;
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256 of a file, or undefined when it does not exist. */
export async function fileSha256(dir: string, path: string): Promise<string | undefined> {
  try {
    return sha256(await readFileInside(dir, path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
