// Writing a generated project into its output folder without losing anything
// of the user's: a folder protoforge did not create is refused unless empty;
// files the user owns (handlers) are written once and then left alone;
// generated files that a new spec no longer produces are removed; every
// write is recorded in .protoforge/files.json.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";
import { OutputDirError } from "./write-files.js";
import { pathExists } from "../path-exists.js";

export const STATE_DIR = ".protoforge";
const FILES_RECORD = `${STATE_DIR}/files.json`;

interface FilesRecord {
  readonly generated: Record<string, string>;
}

export interface WriteReport {
  readonly written: readonly string[];
  /** User-owned files that existed and were kept as they are. */
  readonly kept: readonly string[];
  readonly removed: readonly string[];
}

/** Refuses a folder that is not empty and has no .protoforge/ of ours. */
export async function claimOutputFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new OutputDirError("not-a-directory", dir, `${dir} exists and is not a directory`);
    if (code !== "ENOENT") throw e;
    entries = [];
  }
  if (entries.length > 0 && !entries.includes(STATE_DIR)) {
    throw new OutputDirError(
      "not-ours",
      dir,
      `${dir} is not empty and was not created by protoforge (it has no ${STATE_DIR}/); nothing was written. Choose a new or empty folder.`,
    );
  }
  await mkdir(resolve(dir, STATE_DIR), { recursive: true });
}

export async function writeProjectFiles(dir: string, files: readonly GeneratedFile[]): Promise<WriteReport> {
  await claimOutputFolder(dir);
  const root = resolve(dir);
  const previous = await readRecord(root);
  const generated: Record<string, string> = {};
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) throw new OutputDirError("path-escape", dir, `refusing to write ${file.path} outside ${dir}`);
    if (file.ownership === "user" && (await pathExists(target))) {
      kept.push(file.path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    written.push(file.path);
    if (file.ownership !== "user") generated[file.path] = sha256(file.content);
  }
  const removed: string[] = [];
  for (const path of Object.keys(previous.generated)) {
    if (path in generated || files.some((f) => f.path === path)) continue;
    await rm(resolve(root, path), { force: true });
    removed.push(path);
  }
  const record: FilesRecord = { generated };
  await writeFile(resolve(root, FILES_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  return { written, kept, removed };
}

async function readRecord(root: string): Promise<FilesRecord> {
  try {
    return JSON.parse(await readFile(resolve(root, FILES_RECORD), "utf8")) as FilesRecord;
  } catch {
    return { generated: {} };
  }
}

function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
