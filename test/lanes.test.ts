// Every test file runs in exactly one lane (vitest.config.ts): vitest itself
// says which files each project would run, and that is compared with the
// test files on disk, so a file that no lane picks up (or two lanes both run)
// fails here instead of silently not running.
import { readdir } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { createVitest } from "vitest/node";
import { describe, expect, it } from "vitest";
import { TOOLCHAIN_FILES } from "../vitest.config.js";

async function testFilesOnDisk(): Promise<string[]> {
  const entries = await readdir("test", { recursive: true });
  return entries
    .filter((e) => e.endsWith(".test.ts"))
    .map((e) => `test/${e}`)
    .sort();
}

async function lanesByFile(): Promise<Map<string, string[]>> {
  const vitest = await createVitest("test", { config: resolve("vitest.config.ts"), watch: false });
  try {
    const lanes = new Map<string, string[]>();
    for (const spec of await vitest.globTestSpecifications()) {
      const file = relative(process.cwd(), spec.moduleId);
      lanes.set(file, [...(lanes.get(file) ?? []), spec.project.name].sort());
    }
    return lanes;
  } finally {
    await vitest.close();
  }
}

describe("the test lanes", () => {
  it("run every test file on disk in exactly one of unit and toolchain", async () => {
    const [files, lanes] = await Promise.all([testFilesOnDisk(), lanesByFile()]);
    const wrong = files.map((f) => [f, lanes.get(f) ?? []] as const).filter(([, l]) => l.length !== 1);
    expect(wrong).toEqual([]);
    expect([...lanes.keys()].sort()).toEqual(files);
    expect(new Set([...lanes.values()].flat())).toEqual(new Set(["unit", "toolchain"]));
  });

  it("name only files that exist in the toolchain list, each once", async () => {
    const files = new Set(await testFilesOnDisk());
    expect(TOOLCHAIN_FILES.filter((f) => !files.has(f))).toEqual([]);
    expect(TOOLCHAIN_FILES.filter((f, i) => TOOLCHAIN_FILES.indexOf(f) !== i)).toEqual([]);
  });
});
