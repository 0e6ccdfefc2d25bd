// Before a resumed run continues, the run folder goes back to its last
// commit: a step killed half-way may have left files written and not
// committed, and the step will run again from its start. First, a folder a
// killed tester left lent to the sandbox user is taken back, and a git lock
// left by a killed git is removed (the run's lock says no one else is
// working here). The checkpoints, the run's clock, the log, the lock and
// run.json are kept.
import { rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { SAFE_PATH, SANDBOX_UID } from "../../sandboxes/isolation/types.js";
import { gitAt } from "../../src/run/history/git-folder.js";
import { RUN_LOG } from "../../src/run/progress-log.js";
import { LOCK_FILE, CHECKPOINTS_FILE } from "./checkpoints.js";
import { CLOCK_FILE } from "./run-clock.js";
import { RUN_FILE } from "./run-file.js";

const KEPT = [".gitignore", RUN_FILE, `${CHECKPOINTS_FILE}*`, LOCK_FILE, CLOCK_FILE, RUN_LOG];

/** Returns the paths git removed or restored (for the log). */
export async function restoreToLastCommit(dir: string): Promise<string[]> {
  await reclaimFromSandbox(dir);
  await rm(join(dir, ".git", "index.lock"), { force: true });
  const git = gitAt(dir);
  const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "")).trim();
  const touched: string[] = [];
  if (head !== "") {
    const status = await git.raw(["status", "--porcelain", "--untracked-files=no"]);
    touched.push(...status.split("\n").filter((l) => l.trim() !== "").map((l) => l.slice(3)));
    await git.raw(["reset", "--hard", "--quiet", "HEAD"]);
  }
  const cleaned = await git.raw(["clean", "-fd", ...KEPT.flatMap((p) => ["-e", p])]);
  touched.push(...cleaned.split("\n").filter((l) => l.startsWith("Removing ")).map((l) => l.slice("Removing ".length)));
  return touched;
}

/**
 * The sandbox lends a language folder (OUT/<language>) to its user while the
 * tests run and gives it back afterwards; a run killed in between leaves it
 * lent. Everything the sandbox user owns in the run folder goes back to the
 * run folder's owner (or, when an older protoforge left the whole folder lent,
 * to its parent's), as the sandbox itself would (sandboxes/isolation/ownership.ts).
 */
export async function reclaimFromSandbox(dir: string): Promise<void> {
  if (process.geteuid?.() !== 0) return;
  const own = await stat(dir);
  const parent = own.uid === SANDBOX_UID ? await stat(dirname(dir)) : own;
  const owner = parent.uid === SANDBOX_UID ? { uid: 0, gid: 0 } : { uid: parent.uid, gid: parent.gid };
  await execa("chown", ["-R", "-P", "-h", `--from=${SANDBOX_UID}`, `${owner.uid}:${owner.gid}`, dir], { env: { PATH: SAFE_PATH }, extendEnv: false });
}
