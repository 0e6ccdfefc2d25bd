// A root runner drops the command to uid 65534, which cannot write the output
// folder it does not own. So the folder is lent: chowned to 65534 before the
// run, and everything 65534 owns in it afterwards (what was lent, and what the
// command created) is chowned back to the folder's owner. Runs that share a
// folder share one loan; the folder goes back when the last one ends.
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { execa } from "execa";
import { SandboxError } from "./errors.js";
import { SAFE_PATH, SANDBOX_GID, SANDBOX_UID } from "./types.js";

interface Owner {
  readonly uid: number;
  readonly gid: number;
}

interface Loan {
  count: number;
  owner: Owner | undefined;
  /** Lending and returning, one at a time. */
  queue: Promise<void>;
}

const loans = new Map<string, Loan>();

export type ReturnLoan = () => Promise<void>;

/** Lends `dir` (a real path) to the sandbox user; call the result after the run. */
export async function lendToSandbox(dir: string): Promise<ReturnLoan> {
  let loan = loans.get(dir);
  if (loan === undefined) {
    loan = { count: 0, owner: undefined, queue: Promise.resolve() };
    loans.set(dir, loan);
  }
  const l = loan;
  l.count++;
  try {
    await enqueue(l, async () => {
      if (l.owner !== undefined) return; // already lent to a run still going
      const owner = await ownerToRestore(dir);
      await chownTreeForLending(dir);
      l.owner = owner;
    });
  } catch (e) {
    l.count--;
    throw e;
  }
  let returned = false;
  return async () => {
    if (returned) return;
    returned = true;
    l.count--;
    await enqueue(l, async () => {
      if (l.count > 0 || l.owner === undefined) return; // another run still holds it
      await chownBack(dir, l.owner);
      l.owner = undefined;
    });
    if (l.count === 0 && l.owner === undefined && loans.get(dir) === l) loans.delete(dir);
  };
}

function enqueue(loan: Loan, step: () => Promise<void>): Promise<void> {
  const run = loan.queue.then(step);
  loan.queue = run.catch(() => undefined);
  return run;
}

/** The folder's owner; if a crashed run left it lent, its parent's owner. */
async function ownerToRestore(dir: string): Promise<Owner> {
  const own = await stat(dir);
  if (own.uid !== SANDBOX_UID) return { uid: own.uid, gid: own.gid };
  const parent = await stat(dirname(dir));
  if (parent.uid !== SANDBOX_UID) return { uid: parent.uid, gid: parent.gid };
  return { uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0 };
}

/** Chowns the tree to the sandbox user without following symlinks. A file
 *  with more than one link is left alone: a link to a file outside the folder
 *  must never become the sandbox's. (find and chown, not a walk in Node: ten
 *  times faster on a folder with a virtualenv or node_modules in it.) */
function chownTreeForLending(dir: string): Promise<void> {
  const args = [dir, "(", "-type", "d", "-o", "-links", "1", ")", "-exec", "chown", "-h", `${SANDBOX_UID}:${SANDBOX_GID}`, "{}", "+"];
  return run("find", args, `could not lend ${dir} to uid ${SANDBOX_UID}`, dir);
}

/** Everything the sandbox user owns in the folder goes back to `owner`.
 *  coreutils chown -R walks without following symlinks and works relative to
 *  open directories, so a leftover process cannot redirect it. */
function chownBack(dir: string, owner: Owner): Promise<void> {
  const args = ["-R", "-P", "-h", `--from=${SANDBOX_UID}`, `${owner.uid}:${owner.gid}`, dir];
  return run("chown", args, `could not give ${dir} back to uid ${owner.uid}`, dir);
}

async function run(file: string, args: readonly string[], failure: string, dir: string): Promise<void> {
  const result = await execa(file, args, { env: { PATH: SAFE_PATH }, extendEnv: false, reject: false });
  if (result.failed) throw new SandboxError("spawn-failed", `${failure}: ${result.stderr.trim() || (result.shortMessage ?? "")}`, dir);
}

/** The topmost directory above `path` that the sandbox user cannot search, if any. */
export async function unreachableAncestor(path: string): Promise<string | undefined> {
  const above: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    above.unshift(dir);
    if (dir === "/") break;
  }
  for (const dir of above) {
    if (!searchableBySandboxUser(await stat(dir))) return dir;
  }
  return undefined;
}

function searchableBySandboxUser(info: { readonly mode: number; readonly uid: number; readonly gid: number }): boolean {
  return (
    (info.mode & 0o001) !== 0 ||
    (info.uid === SANDBOX_UID && (info.mode & 0o100) !== 0) ||
    (info.gid === SANDBOX_GID && (info.mode & 0o010) !== 0)
  );
}

/** Throws unless the sandbox user can search every directory above `path`. */
export async function assertReachableBySandboxUser(path: string): Promise<void> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const info = await stat(dir);
    if (!searchableBySandboxUser(info)) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, "0");
      throw new SandboxError(
        "path-not-reachable",
        `the sandbox user (uid ${SANDBOX_UID}) cannot reach ${path}: ${dir} is not searchable by others (mode ${mode}); ` +
          `use a folder outside it, or allow search with chmod o+x ${dir}`,
        path,
      );
    }
    if (dir === "/") return;
  }
}
