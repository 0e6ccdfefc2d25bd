// The folder of protoforge's package.json, found by walking up from this
// module, so that data folders (prompts/, runtime assets) resolve the same from src/ (tests,
// tsx) and from dist/src/ (the installed CLI).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "protoforge") {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`protoforge's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
