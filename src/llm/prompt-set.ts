// The prompt set of a run: every prompts/*.md file (one per agent task, named
// agent-task.md) loaded at run time, with a hash over the sorted (name,
// content) pairs that the run records, so evals can tell prompt sets apart.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { PromptError } from "./errors.js";
import { packageRoot } from "../package-root.js";
import { renderPrompt, type PromptVars } from "./render-prompt.js";

export interface PromptSet {
  /** The folder the prompts were read from (absolute). */
  readonly dir: string;
  /** Prompt name (file name without .md) → template, line endings normalised to \n. */
  readonly prompts: Readonly<Record<string, string>>;
  /** sha256 (hex) of the set; see promptSetHash. */
  readonly hash: string;
}

/** Loads every *.md file of `dir` (README.md excepted); a relative dir is taken from the package root. */
export async function loadPromptSet(dir = "prompts"): Promise<PromptSet> {
  const abs = isAbsolute(dir) ? dir : join(packageRoot(), dir);
  let names: string[];
  try {
    names = (await readdir(abs, { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith(".md") && e.name.toLowerCase() !== "readme.md")
      .map((e) => e.name);
  } catch (e) {
    throw new PromptError("prompts-not-found", `cannot read the prompt folder ${abs}: ${(e as Error).message}`, { dir: abs });
  }
  if (names.length === 0) throw new PromptError("prompts-not-found", `no prompt files (*.md) in ${abs}`, { dir: abs });
  const prompts: Record<string, string> = {};
  for (const file of names.sort()) {
    const name = file.slice(0, -".md".length);
    const content = (await readFile(join(abs, file), "utf8")).replace(/\r\n?/g, "\n");
    if (content.trim() === "") throw new PromptError("empty-prompt", `prompt ${name} (${join(abs, file)}) is empty`, { prompt: name, dir: abs });
    prompts[name] = content;
  }
  return { dir: abs, prompts, hash: promptSetHash(prompts) };
}

/** sha256 over the JSON of the [name, content] pairs sorted by name: independent of file order, changed by any edit or rename. */
export function promptSetHash(prompts: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(prompts)
    .sort()
    .map((name) => [name, prompts[name] ?? ""]);
  return createHash("sha256").update(JSON.stringify(pairs)).digest("hex");
}

/** The first 12 hex digits, for commit trailers (`Prompt-Set: 3f2a…`). */
export function shortPromptSetHash(set: PromptSet): string {
  return set.hash.slice(0, 12);
}

export function getPrompt(set: PromptSet, name: string): string {
  const prompt = set.prompts[name];
  if (prompt === undefined) {
    throw new PromptError("unknown-prompt", `no prompt ${name} in ${set.dir} (have: ${Object.keys(set.prompts).sort().join(", ")})`, { prompt: name, dir: set.dir });
  }
  return prompt;
}

/** getPrompt + renderPrompt. */
export function renderNamedPrompt(set: PromptSet, name: string, vars: PromptVars): string {
  return renderPrompt(getPrompt(set, name), vars, name);
}
