// Runtime assets: hand-written source files (per target language) that are
// copied verbatim into every generated project, e.g. the Python wire
// primitives. They live as real source files under src/emit/<lang>/runtime/
// so they can be read, linted and tested as code; this module finds them
// from both src/ (tests) and dist/ (the installed CLI). They are static
// inputs, read once, so generators that use them stay deterministic.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "protoforge") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("protoforge's package.json was not found above the emitter");
    dir = parent;
  }
}

const cache = new Map<string, readonly RuntimeAsset[]>();

export interface RuntimeAsset {
  /** Path relative to the runtime folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** Every file under src/emit/<language>/runtime/, sorted by path. */
export function runtimeAssets(language: string): readonly RuntimeAsset[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const root = join(findPackageRoot(), "src", "emit", language, "runtime");
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".pyc") && !e.parentPath.includes("__pycache__"))
    .map((e) => join(e.parentPath, e.name));
  const assets = files
    .map((file) => ({ path: relative(root, file).split(sep).join("/"), content: readFileSync(file, "utf8") }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  cache.set(language, assets);
  return assets;
}
