// The run's checkpoints: LangGraph's SQLite checkpointer in
// DIR/.protoforge/checkpoints.sqlite (ignored by git), and a lock file next
// to it so that two processes never work on the same run.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { STATE_DIR } from "../../src/run/output-folder.js";

export const CHECKPOINTS_FILE = `${STATE_DIR}/checkpoints.sqlite`;
/** Matches the ignored `.protoforge/checkpoints*`. */
export const LOCK_FILE = `${STATE_DIR}/checkpoints.lock`;

export async function openCheckpointer(dir: string): Promise<SqliteSaver> {
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  return SqliteSaver.fromConnString(join(dir, CHECKPOINTS_FILE));
}

export function closeCheckpointer(saver: SqliteSaver): void {
  if (saver.db.open) saver.db.close();
}

export class RunLockError extends Error {
  override readonly name = "RunLockError";
  readonly code = "run-in-progress";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`${dir} is being worked on by another protoforge process (pid ${pid}); wait for it, or stop it first`);
  }
}

/** Takes the run's lock; a lock left by a process that no longer exists (kill -9) is taken over. */
export async function lockRun(dir: string, pid = process.pid): Promise<() => Promise<void>> {
  const file = join(dir, LOCK_FILE);
  const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
  if (Number.isSafeInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) throw new RunLockError(dir, holder);
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  await writeFile(file, `${pid}\n`);
  return async () => {
    const now = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (now === pid) await rm(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
