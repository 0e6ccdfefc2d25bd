// Reads a run's agent steps back from git alone: `git log` of HEAD with each
// commit's trailers, oldest first. Commits that are not agent steps (a
// user's own, say) are left out.
import { resolve } from "node:path";
import type { HistoryEntry } from "./agent-step.js";
import { gitAt, isRepositoryRoot, requireFolder, runGit } from "./git-folder.js";
import { HistoryError } from "./history-error.js";
import { parseStepCommit, type LoggedCommit } from "./parse-step-commit.js";
import { checkRepository } from "./repository-check.js";

const FIELD = "\x1f";
const RECORD = "\x1e";
const FORMAT = `--format=%H${FIELD}%cI${FIELD}%s${FIELD}%(trailers:only,unfold)${RECORD}`;

/**
 * Throws `HistoryError` (`not-a-directory`, `not-a-repository`, `not-a-run`)
 * when `dir` holds no run, and `unsafe-repository` when its repository's own
 * git state names something git would run (repository-check.ts).
 */
export async function readHistory(dir: string): Promise<HistoryEntry[]> {
  const root = resolve(dir);
  await requireFolder(root);
  const git = gitAt(root);
  if (!(await runGit(dir, "inspect the folder", () => isRepositoryRoot(git)))) {
    throw new HistoryError("not-a-repository", dir, `${dir} is not a protoforge run: it is not a git repository`);
  }
  await runGit(dir, "check the repository", () => checkRepository(root, git));
  const head = await git.raw(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "");
  if (head.trim() === "") throw new HistoryError("not-a-run", dir, `${dir} is not a protoforge run: its git repository has no commits`);
  const log = await runGit(dir, "read the log", () => git.raw(["log", "--topo-order", "--reverse", FORMAT, "HEAD"]));
  const entries = parseLog(log).flatMap((c) => parseStepCommit(c) ?? []);
  if (entries.length === 0) {
    throw new HistoryError("not-a-run", dir, `${dir} is not a protoforge run: none of its commits has an Agent: trailer`);
  }
  return entries;
}

function parseLog(log: string): LoggedCommit[] {
  return log
    .split(RECORD)
    .map((record) => record.replace(/^\n+/, ""))
    .filter((record) => record !== "")
    .map((record) => {
      const [hash = "", date = "", subject = "", trailers = ""] = record.split(FIELD);
      return { hash, date, subject, trailers };
    });
}
