// The run folder as a git repository: every agent step becomes exactly one
// commit (empty when the step changed nothing), so `git log` alone tells
// who did what in which round, with which model, tests and tokens.
import { lstat, mkdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { SimpleGit } from "simple-git";
import type { AgentStep } from "./agent-step.js";
import { formatCommitMessage, stepProblems } from "./commit-message.js";
import { gitAt, isRepositoryRoot, requireFolder, runGit } from "./git-folder.js";
import { ensureGitignore } from "./gitignore.js";
import { HistoryError } from "./history-error.js";
import { findNestedRepositories, planStaging } from "./nested-repositories.js";
import { checkRepository } from "./repository-check.js";

export const COMMIT_IDENTITY = { name: "protoforge", email: "protoforge@localhost" } as const;

export interface RunRepositoryOptions {
  /** Author and committer date of each commit; the real time when omitted. */
  readonly clock?: () => Date;
}

export class RunRepository {
  /** Commits run one after another even when steps are committed concurrently. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly git: SimpleGit,
    private readonly clock: (() => Date) | undefined,
  ) {}

  /**
   * Opens the run folder `dir`, creating it, a git repository in it (branch
   * `main`, local user protoforge <protoforge@localhost>) and its .gitignore
   * as needed. Commits nothing. An existing repository whose own git state
   * names something git would run is refused (`unsafe-repository`, see
   * repository-check.ts) before git works on it.
   */
  static async open(dir: string, options: RunRepositoryOptions = {}): Promise<RunRepository> {
    const root = resolve(dir);
    await mkdir(root, { recursive: true }).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    });
    await requireFolder(root);
    const git = gitAt(root);
    await runGit(root, "initialise the repository", async () => {
      if (!(await isRepositoryRoot(git))) await git.init(["--initial-branch=main", "--quiet"]);
      // Also after an init: one that re-initialised a repository the folder's
      // .git file or core.worktree points to keeps that repository's config.
      await checkRepository(root, git);
      for (const [key, value] of [
        ["user.name", COMMIT_IDENTITY.name],
        ["user.email", COMMIT_IDENTITY.email],
      ] as const) {
        const current = await git.getConfig(key, "local");
        if (current.value === null) await git.addConfig(key, value, false, "local");
      }
    });
    await ensureGitignore(root);
    return new RunRepository(root, git, options.clock);
  }

  /**
   * Stages the step's paths (all changes when it names none) and commits them
   * as one commit, `--allow-empty`, with the subject `[round N] agent: summary`
   * and the trailers of `formatCommitMessage`. Returns the commit hash.
   * Nested git repositories are left out and named in `Excluded:` trailers;
   * the repository is checked again first (`unsafe-repository`).
   */
  commitStep(step: AgentStep): Promise<string> {
    const next = this.queue.then(() => this.commitNow(step));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The hash of the last commit, or undefined before the first. */
  async head(): Promise<string | undefined> {
    const out = await this.git.raw(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "");
    return out.trim() || undefined;
  }

  private async commitNow(step: AgentStep): Promise<string> {
    const problems = stepProblems(step);
    if (problems.length > 0) throw new HistoryError("invalid-step", this.dir, `cannot commit this step: ${problems.join("; ")}`);
    const paths = step.paths?.map((p) => this.relativePath(p));
    const staging = planStaging(paths, await findNestedRepositories(this.dir), await this.folders(paths ?? []));
    const message = formatCommitMessage(step, staging.excluded);
    const git = this.clock === undefined ? this.git : gitAt(this.dir, { date: this.clock() });
    return runGit(this.dir, `commit the ${step.agent}'s step of round ${step.round}`, async () => {
      await checkRepository(this.dir, git);
      if (staging.pathspecs !== undefined) await git.raw(["add", "--all", "--", ...staging.pathspecs]);
      await git.raw(["commit", "--allow-empty", "--no-verify", "--quiet", "--cleanup=whitespace", "-m", message]);
      return (await git.revparse(["HEAD"])).trim();
    });
  }

  /** Those of `paths` that are folders (not links to one). */
  private async folders(paths: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const path of paths) {
      const info = await lstat(join(this.dir, path)).catch(() => undefined);
      if (info?.isDirectory()) found.add(path);
    }
    return found;
  }

  private relativePath(path: string): string {
    const target = resolve(this.dir, path);
    const rel = relative(this.dir, target);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) {
      throw new HistoryError("invalid-step", this.dir, `cannot commit ${path}: it is not inside ${this.dir}`);
    }
    return rel.split(sep).join("/");
  }
}

