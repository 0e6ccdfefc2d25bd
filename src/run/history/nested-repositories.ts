// Generated code can make a git repository of its own below the run folder
// (python/x/.git, a directory or a `gitdir:` file). `git add --all` would
// record it as a gitlink, which keeps none of its files, and from then on git
// status and diff would run inside it, under its config (fsmonitor, filters).
// So before each commit the run folder is walked for `.git` entries, and the
// folders holding one are left out of the commit by `:(exclude)` pathspecs
// and named in its `Excluded:` trailers. Their files stay on disk.
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { IGNORED_PATTERNS } from "./gitignore.js";
import { HistoryError } from "./history-error.js";

/**
 * Folders neither walked nor ever staged, at any depth: the folder patterns
 * of the run's .gitignore (node_modules, .venv, …). They are excluded by
 * pathspec too, so a .gitignore of the generated code that re-includes them
 * cannot stage a repository the walk did not look for.
 */
export const UNSTAGED_FOLDERS: readonly string[] = IGNORED_PATTERNS.filter((p) => /^[^/]+\/$/.test(p)).map((p) => p.slice(0, -1));

/** Entries the walk reads at most; beyond, the folder is refused rather than half checked. */
export const MAX_WALKED_ENTRIES = 200_000;

const UNSTAGED = UNSTAGED_FOLDERS.map((f) => new RegExp(`^${f.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`));

/**
 * The folders below `root` (relative, with `/`, sorted) that hold a `.git`
 * entry of any kind or letter case, root's own `.git` aside. It does not go
 * into `.git`, the `UNSTAGED_FOLDERS`, symbolic links, or a folder it found.
 */
export async function findNestedRepositories(root: string, maxEntries = MAX_WALKED_ENTRIES): Promise<string[]> {
  const found: string[] = [];
  const pending = [""];
  let read = 0;
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(unreadable);
    read += entries.length;
    if (read > maxEntries) {
      throw new HistoryError(
        "unsafe-repository",
        root,
        `${root} has more than ${maxEntries} files and folders outside ${UNSTAGED_FOLDERS.join(", ")}: protoforge cannot check them all for nested git repositories, so it commits nothing`,
      );
    }
    if (folder !== "" && entries.some(isGitEntry)) {
      found.push(folder);
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !isGitEntry(entry) && !UNSTAGED.some((p) => p.test(entry.name))) {
        pending.push(folder === "" ? entry.name : `${folder}/${entry.name}`);
      }
    }
  }
  return found.sort();
}

export interface Staging {
  /** The pathspecs of `git add --all --`; undefined when there is nothing to stage. */
  readonly pathspecs: readonly string[] | undefined;
  /** The nested repositories the commit leaves out (those the step's paths reach). */
  readonly excluded: readonly string[];
}

/**
 * What to stage for a step's `paths` (all of the folder when undefined), of
 * which `folders` are folders, with the `nested` repositories left out (pure).
 * A path inside a nested repository is dropped. Every `:(exclude)` lies inside
 * the named folder it guards, and named files get none: with an exclusion
 * outside the named paths, git 2.39 can stage nothing new below them
 * (`git add --all -- a/b/c ':(exclude)x'` adds nothing under a/b/c, nor
 * `git add --all -- .protoforge/rounds/1.json ':(exclude)x'` the file).
 */
export function planStaging(paths: readonly string[] | undefined, nested: readonly string[], folders: ReadonlySet<string>): Staging {
  if (paths === undefined) return { pathspecs: [".", ...exclusions(".", nested)], excluded: [...nested] };
  const excluded = nested.filter((n) => paths.some((p) => within(n, p) || within(p, n)));
  const kept = paths.filter((p) => !nested.some((n) => within(p, n)));
  if (kept.length === 0) return { pathspecs: undefined, excluded };
  return { pathspecs: [...kept, ...kept.filter((p) => folders.has(p)).flatMap((f) => exclusions(f, nested))], excluded };
}

/** The nested repositories and `UNSTAGED_FOLDERS` below `folder`, as exclusions. */
function exclusions(folder: string, nested: readonly string[]): string[] {
  const inside = folder === "." ? nested : nested.filter((n) => n.startsWith(`${folder}/`));
  const glob = folder === "." ? "" : `${folder.replace(/[*?[\]\\]/g, "\\$&")}/`;
  return [...inside.map((n) => `:(exclude,literal)${n}`), ...UNSTAGED_FOLDERS.map((f) => `:(exclude,glob)${glob}**/${f}/**`)];
}

/** Whether `path` is `folder` or below it (both relative, with `/`). */
function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

function isGitEntry(entry: Dirent): boolean {
  return entry.name.toLowerCase() === ".git";
}

/** A folder git cannot read either (gone, not a folder, too deep) holds nothing git would stage. */
function unreadable(e: unknown): Dirent[] {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR" || code === "EACCES" || code === "ENAMETOOLONG" || code === "ELOOP") return [];
  throw e;
}
