// Runtime assets: hand-written source files (per target language) that are
// copied verbatim into every generated project, e.g. the Python wire
// primitives. They live as real source files under src/emit/<lang>/runtime/
// so they can be read, linted and tested as code; this module finds them
// from both src/ (tests) and dist/ (the installed CLI). They are static
// inputs, read once, so generators that use them stay deterministic.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { packageRoot } from "../package-root.js";

const cache = new Map<string, readonly RuntimeAsset[]>();

export interface RuntimeAsset {
  /** Path relative to the runtime folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** Every file under src/emit/<language>/<folder>/ (default `runtime`), sorted by path. */
export function runtimeAssets(language: string, folder = "runtime"): readonly RuntimeAsset[] {
  const key = `${language}/${folder}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const root = join(packageRoot(), "src", "emit", language, folder);
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".pyc") && !e.parentPath.includes("__pycache__"))
    .map((e) => join(e.parentPath, e.name));
  const assets = files
    .map((file) => ({ path: relative(root, file).split(sep).join("/"), content: readFileSync(file, "utf8") }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  cache.set(key, assets);
  return assets;
}
