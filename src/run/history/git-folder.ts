// The git side of a run folder shared by the writer and the reader: a
// simple-git instance rooted at the folder (`gitAt`, built in safe-git.ts,
// the only way protoforge starts git), whether the folder is a repository's
// root, and git failures turned into `HistoryError`s.
import { stat } from "node:fs/promises";
import { CheckRepoActions, GitError, type SimpleGit } from "simple-git";
import { HistoryError } from "./history-error.js";

export { gitAt } from "./safe-git.js";

/** Throws `not-a-directory` when `dir` is missing or a file. */
export async function requireFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  });
  if (info === undefined) throw new HistoryError("not-a-directory", dir, `${dir} does not exist`);
  if (!info.isDirectory()) throw new HistoryError("not-a-directory", dir, `${dir} is not a directory`);
}

export async function isRepositoryRoot(git: SimpleGit): Promise<boolean> {
  return git.checkIsRepo(CheckRepoActions.IS_REPO_ROOT);
}

/** Runs a git call, turning simple-git's `GitError` into a `git-failed` `HistoryError`. */
export async function runGit<T>(dir: string, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    throw new HistoryError("git-failed", dir, `git failed to ${what} in ${dir}: ${e.message.trim()}`, { cause: e });
  }
}
