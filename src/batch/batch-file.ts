// DIR/batch.json on disk: written whole to a temporary file and renamed over
// the old one at every state change, so a kill -9 or a power cut leaves the
// last complete version, never half of one.
import { open, readdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import { stableJson } from "../run/report/stable-json.js";
import { batchFileSchema, type BatchFile } from "./batch-state.js";
import { BatchDirError } from "./errors.js";

export const BATCH_FILE = "batch.json";

export async function writeBatchFile(dir: string, batch: BatchFile): Promise<void> {
  const target = join(dir, BATCH_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(stableJson(batchFileSchema.parse(batch)));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, target);
}

export async function readBatchFile(dir: string): Promise<BatchFile> {
  let text: string;
  try {
    text = await readFile(join(dir, BATCH_FILE), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new BatchDirError("no-batch", dir, `${dir} holds no batch (no ${BATCH_FILE}); start one with \`protoforge batch RUNS.yaml --out ${dir}\``);
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BatchDirError("bad-batch-file", dir, `${join(dir, BATCH_FILE)} is not JSON: ${(e as Error).message}`);
  }
  const parsed = batchFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BatchDirError("bad-batch-file", dir, `${join(dir, BATCH_FILE)} is not a batch file: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** A new batch goes into a new or empty folder only. */
export async function refuseUsedFolder(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    if (code === "ENOTDIR") throw new BatchDirError("out-not-empty", dir, `${dir} exists and is not a folder`);
    throw e;
  }
  if (entries.includes(BATCH_FILE)) throw new BatchDirError("out-not-empty", dir, `${dir} already holds a batch; continue it with \`protoforge batch resume ${dir}\`, or choose another folder`);
  if (entries.length > 0) throw new BatchDirError("out-not-empty", dir, `${dir} is not empty; a batch goes into a new or empty folder`);
}
