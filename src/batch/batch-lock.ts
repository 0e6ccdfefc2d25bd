// DIR/batch.lock: one batch process per batch folder. Created exclusively
// (two processes starting at once: one wins); a lock whose process is gone
// (kill -9), or that was taken before the machine rebooted, is taken over.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BatchLockError } from "./errors.js";

export const BATCH_LOCK = "batch.lock";

interface LockRecord {
  readonly pid: number;
  readonly boot: string;
}

/** Takes the lock and returns its release; throws BatchLockError while another live batch holds it. */
export async function lockBatch(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, BATCH_LOCK);
  const mine: LockRecord = { pid: process.pid, boot: await bootId() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(mine)}\n`, { flag: "wx" });
      return async () => {
        const now = await readLock(file);
        if (now?.pid === mine.pid && now.boot === mine.boot) await rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = await readLock(file);
    if (holder !== undefined && holder.boot === mine.boot && holder.pid !== mine.pid && isAlive(holder.pid)) throw new BatchLockError(dir, holder.pid);
    await rm(file, { force: true });
  }
  throw new BatchLockError(dir, 0);
}

async function readLock(file: string): Promise<LockRecord | undefined> {
  try {
    const json = JSON.parse(await readFile(file, "utf8")) as Partial<LockRecord>;
    return typeof json.pid === "number" && typeof json.boot === "string" ? { pid: json.pid, boot: json.boot } : undefined;
  } catch {
    return undefined;
  }
}

/** This boot of the machine (Linux); elsewhere one constant, and the pid alone decides. */
async function bootId(): Promise<string> {
  return (await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "unknown")).trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
