import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, GOLDEN_ROOT, goldenFiles } from "./golden-outputs.js";

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe.each(EXAMPLES)("golden output of examples/%s.yaml (npm run golden:update rewrites it)", (example) => {
  it("matches the committed files byte for byte, with none missing or extra", async () => {
    const root = join(GOLDEN_ROOT, example);
    const generated = await goldenFiles(example);
    expect(await listFiles(root)).toEqual(generated.map((f) => f.path).sort());
    for (const file of generated) {
      const committed = await readFile(join(root, file.path));
      const fresh = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
      expect(committed.equals(fresh), `${file.path} differs from the committed golden copy`).toBe(true);
    }
  });
});
