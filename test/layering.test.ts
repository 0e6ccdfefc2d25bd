// Dependencies flow one way (docs/architecture.md, "Which folder imports
// which"): the import lines of every .ts file are read as text, each relative
// module named is resolved against the file, and an import that runs the
// wrong way fails here, naming the file and the module.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROLE_FOLDERS = ["agents/architect", "agents/coder", "agents/reviewer", "agents/tester"];

/**
 * Imports from src/ into agents/ or sandboxes/ that exist today, each
 * `file -> module`. An entry that no longer occurs fails too, so the list
 * only shrinks.
 */
const KNOWN_SRC_EXCEPTIONS: readonly string[] = [
  // The conformance runner reads the `listening` line a demo server prints;
  // its parser lives with the interop driver, which reads the same line.
  "src/verify/conformance/server-process.ts -> sandboxes/interop/index.ts",
  // The run's closing summary names the sandbox isolation used; the type is
  // the sandbox's own.
  "src/run/progress-summary.ts -> sandboxes/isolation/types.ts",
];

/** src/cli/ is the entry point: it assembles the workflow (agents/) and the
 *  sandbox runner (sandboxes/), so it stands above both and may import them. */
const SRC_ENTRY_POINT = "src/cli/";

// `import … from "m"`, `export … from "m"` (also over several lines),
// `import "m"`, and `import("m")`.
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s+from\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

async function tsFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true });
  return entries
    .filter((e) => e.endsWith(".ts"))
    .map((e) => join(folder, e).split("\\").join("/"))
    .sort();
}

/** Repository paths of the modules a file imports by a relative path (`.js` read as `.ts`). */
async function importedPaths(file: string): Promise<string[]> {
  const text = await readFile(join(ROOT, file), "utf8");
  const paths = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1] ?? "";
      if (!specifier.startsWith(".")) continue;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split("\\").join("/");
      paths.add(target.replace(/\.js$/, ".ts"));
    }
  }
  return [...paths].sort();
}

/** `file -> module` for every import of the files under `folders` into any of `forbidden`. */
async function importsInto(folders: readonly string[], forbidden: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of await tsFiles(folder)) {
      for (const target of await importedPaths(file)) {
        if (forbidden.some((f) => target.startsWith(`${f}/`))) found.push(`${file} -> ${target}`);
      }
    }
  }
  return found;
}

describe("the layering", () => {
  it("reads import lines of every form", async () => {
    const graphToRoles = await importsInto(["agents/graph"], ROLE_FOLDERS);
    expect(graphToRoles).toContain("agents/graph/nodes/coder-node.ts -> agents/coder/coder.ts");
  });

  it("the role folders of agents/ import nothing from agents/graph", async () => {
    expect(await importsInto(ROLE_FOLDERS, ["agents/graph"])).toEqual([]);
  });

  it("agents/shared imports neither agents/graph nor a role folder", async () => {
    expect(await importsInto(["agents/shared"], ["agents/graph", ...ROLE_FOLDERS])).toEqual([]);
  });

  it("src/ imports nothing from sandboxes/ or agents/ but its entry point and the known exceptions", async () => {
    const found = (await importsInto(["src"], ["sandboxes", "agents"])).filter((i) => !i.startsWith(SRC_ENTRY_POINT));
    expect(found.filter((i) => !KNOWN_SRC_EXCEPTIONS.includes(i))).toEqual([]);
    expect(KNOWN_SRC_EXCEPTIONS.filter((e) => !found.includes(e))).toEqual([]);
  });
});
