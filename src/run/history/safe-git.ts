// The one place that says how protoforge starts git. The run folder's work
// tree is written by generated code that is assumed hostile, so git must run
// nothing that such code (or a tampered .git) could name: git runs only what
// its config, hooks and environment name, and here all three are protoforge's.
//
// - Config: no system or global config at all (GIT_CONFIG_NOSYSTEM,
//   GIT_CONFIG_GLOBAL=/dev/null); the repository's own config is written by
//   protoforge alone and checked before git works on it
//   (`checkRepository`); and the command-line `-c` settings below outrank
//   every config file and reach the git processes git itself starts (through
//   GIT_CONFIG_PARAMETERS), a nested repository's included.
// - Hooks: `core.hooksPath=/dev/null`, so git looks for /dev/null/<hook>,
//   which cannot exist (`--no-verify` alone leaves prepare-commit-msg,
//   post-commit, reference-transaction and post-index-change running).
// - Environment: built from nothing, not inherited: the parent's secrets
//   (OPENAI_API_KEY, …) and its GIT_* variables (GIT_DIR, GIT_CONFIG_*,
//   GIT_SSH_COMMAND, GIT_PAGER, …) never reach git.
import { dirname, resolve } from "node:path";
import { simpleGit, type SimpleGit, type SimpleGitOptions } from "simple-git";

/** `-c` settings of every git call; they outrank the repository's config. */
export const NEUTRAL_CONFIG: readonly string[] = [
  "core.hooksPath=/dev/null",
  "core.fsmonitor=false",
  "core.pager=cat",
  // Not ~/.config/git/attributes, which could name filter and diff drivers.
  "core.attributesFile=/dev/null",
  "submodule.recurse=false",
  // No `git status` or `git diff` inside a nested repository (it would run
  // that repository's filters); protoforge never commits one anyway.
  "diff.ignoreSubmodules=all",
  "commit.gpgsign=false",
  "tag.gpgsign=false",
  // No transport at all (ext:: runs commands); protoforge never fetches or pushes.
  "protocol.allow=never",
];

/** The parent's variables git gets; everything else is left out. */
const PASSED_ON = /^(PATH|HOME|LANG|LC_[A-Z_]+|TZ)$/;

/** The variables protoforge sets itself (simple-git refuses any other GIT_* one). */
const GIT_VARIABLES = [
  "GIT_CONFIG_NOSYSTEM",
  "GIT_CONFIG_GLOBAL",
  "GIT_ATTR_NOSYSTEM",
  "GIT_TERMINAL_PROMPT",
  "GIT_OPTIONAL_LOCKS",
  "GIT_CEILING_DIRECTORIES",
  "GIT_AUTHOR_DATE",
  "GIT_COMMITTER_DATE",
] as const;

export interface SafeGitOptions {
  /** Author and committer date of the commits this git makes. */
  readonly date?: Date;
}

/**
 * The whole environment of a git process working in `dir` (pure): PATH,
 * HOME, LANG, LC_* and TZ of `parent`, and protoforge's GIT_* settings.
 * `GIT_CEILING_DIRECTORIES` keeps git from using a repository above `dir`.
 */
export function gitEnvironment(dir: string, parent: NodeJS.ProcessEnv, options: SafeGitOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && PASSED_ON.test(key)) env[key] = value;
  }
  const own: Partial<Record<(typeof GIT_VARIABLES)[number], string>> = {
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    // Read-only calls (status) do not rewrite the index.
    GIT_OPTIONAL_LOCKS: "0",
    GIT_CEILING_DIRECTORIES: dirname(resolve(dir)),
  };
  if (options.date !== undefined) {
    own.GIT_AUTHOR_DATE = own.GIT_COMMITTER_DATE = `${Math.floor(options.date.getTime() / 1000)} +0000`;
  }
  return { ...env, ...own };
}

/**
 * simple-git's guard refuses `-c` settings and variables that can make git run
 * a program, because it assumes the arguments may come from a user. Here they
 * are constants that switch those programs off, so exactly the categories
 * `NEUTRAL_CONFIG` and `gitEnvironment` need are allowed: hooksPath, fsmonitor,
 * pager, protocol.allow, and GIT_CONFIG_GLOBAL (a "config path"). Every call's
 * arguments are protoforge's own, never taken from the run's content.
 */
const ALLOWED_BY_THE_GUARD = {
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafePager: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafeConfigPaths: true,
} as const;

/** A simple-git instance rooted at `dir` whose every call runs with the settings above. */
export function gitAt(dir: string, options: SafeGitOptions = {}): SimpleGit {
  const settings: Partial<SimpleGitOptions> = {
    baseDir: dir,
    config: [...NEUTRAL_CONFIG],
    unsafe: ALLOWED_BY_THE_GUARD,
    allowEnvironment: [...GIT_VARIABLES],
  };
  return simpleGit(settings).env(gitEnvironment(dir, process.env, options));
}
