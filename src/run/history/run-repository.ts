// The run folder as a git repository: every agent step becomes exactly one
// commit (empty when the step changed nothing), so `git log` alone tells
// who did what in which round, with which model, tests and tokens.
import { mkdir } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { SimpleGit } from "simple-git";
import type { AgentStep } from "./agent-step.js";
import { formatCommitMessage, stepProblems } from "./commit-message.js";
import { gitAt, isRepositoryRoot, requireFolder, runGit } from "./git-folder.js";
import { ensureGitignore } from "./gitignore.js";
import { HistoryError } from "./history-error.js";

export const COMMIT_IDENTITY = { name: "protoforge", email: "protoforge@localhost" } as const;

export interface RunRepositoryOptions {
  /** Author and committer date of each commit; the real time when omitted. */
  readonly clock?: () => Date;
}

const DATE_VARIABLES = ["GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"] as const;

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
   * as needed. Commits nothing.
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
    const message = formatCommitMessage(step);
    const git = this.clock === undefined ? this.git : this.datedGit(this.clock());
    return runGit(this.dir, `commit the ${step.agent}'s step of round ${step.round}`, async () => {
      await git.raw(paths === undefined ? ["add", "--all"] : ["add", "--all", "--", ...paths]);
      await git.raw(["commit", "--allow-empty", "--no-verify", "--quiet", "--cleanup=whitespace", "-m", message]);
      return (await git.revparse(["HEAD"])).trim();
    });
  }

  private relativePath(path: string): string {
    const target = resolve(this.dir, path);
    const rel = relative(this.dir, target);
    if (rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) {
      throw new HistoryError("invalid-step", this.dir, `cannot commit ${path}: it is not inside ${this.dir}`);
    }
    return rel.split(sep).join("/");
  }

  private datedGit(date: Date): SimpleGit {
    const stamp = `${Math.floor(date.getTime() / 1000)} +0000`;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !GUARDED.test(key)) env[key] = value;
    }
    for (const name of DATE_VARIABLES) env[name] = stamp;
    return gitAt(this.dir, { allowEnvironment: DATE_VARIABLES }).env(env);
  }
}

/**
 * Variables simple-git refuses to pass on explicitly (it drops them from the
 * inherited environment anyway), so they are left out of the dated one.
 */
const GUARDED = /^(git_.*|editor|visual|pager|prefix|ssh_askpass)$/i;
