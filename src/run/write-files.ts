// Writes generated files under a directory. Refuses to write into a
// non-empty directory unless it holds `marker` (a file protoforge wrote
// there before), so nothing of the user's is ever overwritten.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";

export class OutputDirError extends Error {
  override readonly name = "OutputDirError";
  constructor(
    readonly code: "not-ours" | "not-a-directory" | "path-escape",
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

export async function writeGeneratedFiles(dir: string, files: readonly GeneratedFile[], marker: string): Promise<void> {
  const root = resolve(dir);
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new OutputDirError("not-a-directory", dir, `${dir} exists and is not a directory`);
    if (code !== "ENOENT") throw e;
  }
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new OutputDirError("not-ours", dir, `${dir} is not empty and was not written by protoforge (no ${marker}); choose an empty or new directory`);
  }
  for (const file of files) {
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) throw new OutputDirError("path-escape", dir, `refusing to write ${file.path} outside ${dir}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

