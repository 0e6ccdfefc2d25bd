// Before git works on a run folder's repository (opening it, reading its
// history, every commit), protoforge checks that the repository's own state
// names nothing for git to run. The `-c` settings of safe-git.ts switch off
// hooks, fsmonitor and the pager whatever the repository says, but a filter,
// diff or merge driver, an alias or an include is defined by name in the
// repository's config, and no command-line setting can undo every name.
// protoforge writes only user.name and user.email there, so any such key
// came from someone else: an older protoforge, the user, or a tampered .git.
// The repository is refused, with what to remove, before git runs on it.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { SimpleGit } from "simple-git";
import { HistoryError } from "./history-error.js";

const RUNS_A_PROGRAM = "names a program git runs";

/** Lower-cased config keys (`section.sub.name`) and why each is refused. */
const UNSAFE_CONFIG: readonly (readonly [RegExp, string])[] = [
  [/^(include|includeif)\./, "pulls in another config file"],
  [/^(alias|filter|credential|gpg|pager|sequence|uploadpack|uploadarchive|receive|difftool|mergetool|guitool|browser|man|web|instaweb|sendemail|tar|trailer)\./, RUNS_A_PROGRAM],
  [/^core\.(fsmonitor|hookspath|pager|sshcommand|editor|askpass|gitproxy|alternaterefscommand)$/, RUNS_A_PROGRAM],
  [/^(diff\.(external|tool|guitool)|diff\..+\.(command|textconv)|merge\.(tool|guitool)|merge\..+\.driver|remote\..+\.(uploadpack|receivepack|vcs|proxy))$/, RUNS_A_PROGRAM],
  [/^core\.(worktree|attributesfile)$/, "points git at files outside the repository"],
  [/^(submodule|protocol|url)\./, "configures submodules or transports, which can run commands"],
  // Whatever git adds later: a last component that sounds like a program.
  [/(command|cmd|program|helper|hook|editor|pager|driver|textconv|askpass|proxy)[^.]*$/, RUNS_A_PROGRAM],
];

/** Why protoforge refuses a repository whose own config sets `key`; undefined when the key is harmless. */
export function unsafeConfigKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  return UNSAFE_CONFIG.find(([pattern]) => pattern.test(lower))?.[1];
}

/**
 * Throws `unsafe-repository` when the repository at `dir` (whose root `git`
 * works in) has, in its own config or the files it includes, a key
 * `unsafeConfigKey` refuses; a hook (anything in hooks/ but git's *.sample
 * files: they never run under protoforge, but would under the user's git);
 * a non-empty info/attributes; or a gitlink in its index or last commit.
 */
export async function checkRepository(dir: string, git: SimpleGit): Promise<void> {
  // Not `--git-path hooks`: that follows core.hooksPath, which is /dev/null here.
  const [common = "", attributes = ""] = (
    await git.raw(["rev-parse", "--path-format=absolute", "--git-common-dir", "--git-path", "info/attributes"])
  ).split("\n");
  const problems = [
    ...(await configProblems(dir, git)),
    ...(await hookProblems(dir, join(common, "hooks"))),
    ...(await attributeProblems(dir, attributes)),
    ...(await gitlinkProblems(git)),
  ];
  if (problems.length === 0) return;
  throw new HistoryError(
    "unsafe-repository",
    dir,
    `protoforge will not run git in ${dir}: its repository names things git would run, which protoforge never writes there:\n` +
      problems.map((p) => `  - ${p}`).join("\n") +
      "\nRemove them and run protoforge again. If you did not put them there, the folder's content did: treat it as hostile.",
  );
}

/** Every key of the repository's config (local, worktree, included), not the `-c` ones. */
async function configProblems(dir: string, git: SimpleGit): Promise<string[]> {
  const fields = (await git.raw(["config", "--list", "--show-scope", "--show-origin", "-z"])).split("\0");
  const problems: string[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [scope = "", origin = "", entry = ""] = fields.slice(i, i + 3);
    if (scope === "command") continue;
    const key = entry.split("\n", 1)[0] ?? "";
    const why = unsafeConfigKey(key);
    if (why === undefined) continue;
    const file = origin.replace(/^file:/, "");
    problems.push(`${file} sets ${key}, which ${why}: remove it (git config --file ${quote(resolve(dir, file))} --unset-all ${quote(key)})`);
  }
  return problems;
}

async function hookProblems(dir: string, hooks: string): Promise<string[]> {
  const names = await readdir(hooks).catch(absentAs<string[]>([]));
  return names
    .filter((name) => !name.endsWith(".sample"))
    .sort()
    .map((name) => `${relative(dir, resolve(hooks, name))} is a hook (protoforge installs none): delete it`);
}

async function attributeProblems(dir: string, file: string): Promise<string[]> {
  const text = await readFile(file, "utf8").catch(absentAs(""));
  const set = text.split("\n").some((line) => line.trim() !== "" && !line.trim().startsWith("#"));
  return set ? [`${relative(dir, file)} sets attributes, which can name filter and diff programs: empty it`] : [];
}

/** A gitlink (mode 160000) makes git run status and diff inside that folder's own repository. */
async function gitlinkProblems(git: SimpleGit): Promise<string[]> {
  const staged = (await git.raw(["ls-files", "--stage", "-z"])).split("\0");
  const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD"]).catch(() => "")).trim();
  const committed = head === "" ? [] : (await git.raw(["ls-tree", "-r", "-z", "--full-tree", "HEAD"])).split("\0");
  const links = new Set([...staged, ...committed].filter((record) => record.startsWith("160000 ")).map((record) => record.slice(record.indexOf("\t") + 1)));
  return [...links]
    .sort()
    .map((path) => `the index or the last commit holds ${path} as a nested repository (a gitlink), which protoforge never commits: git rm --cached ${quote(path)}, then commit`);
}

function absentAs<T>(value: T): (e: unknown) => T {
  return (e) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return value;
    throw e;
  };
}

/** For the commands in messages: as is when plain, else single-quoted for a POSIX shell. */
function quote(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
