import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Transport } from "../../src/emit/target.js";
import { EXAMPLES, GOLDEN_ROOT, goldenLayout, TRANSPORTS } from "./golden-outputs.js";
import { FILE_LIST, parseFileList, transportFolder, type GoldenFile } from "./transport-layout.js";

/** The committed files of one transport, relative to the example's folder. */
async function committedPaths(exampleRoot: string, transport: Transport): Promise<string[]> {
  const folder = transportFolder(transport);
  const entries = await readdir(join(exampleRoot, folder), { withFileTypes: true, recursive: true });
  const paths = entries.filter((e) => e.isFile()).map((e) => relative(exampleRoot, join(e.parentPath, e.name)).split("\\").join("/"));
  // TCP's folder is the example's root, which also holds the other transports' folders.
  return paths.filter((p) => folder !== "" || !p.startsWith("transports/")).sort();
}

const layouts = new Map<string, ReturnType<typeof goldenLayout>>();
async function expectedFiles(example: string, transport: Transport): Promise<GoldenFile[]> {
  if (!layouts.has(example)) layouts.set(example, goldenLayout(example));
  return (await layouts.get(example))?.get(transport) ?? [];
}

const cases = EXAMPLES.flatMap((example) => TRANSPORTS.map((transport) => [example, transport] as const));

describe.each(cases)("golden output of examples/%s.yaml over %s (npm run golden:update rewrites it)", (example, transport) => {
  const root = join(GOLDEN_ROOT, example);

  it("keeps exactly the files it should, none missing or extra", async () => {
    const expected = (await expectedFiles(example, transport)).map((f) => f.path).sort();
    expect(await committedPaths(root, transport), `files under ${join(root, transportFolder(transport))}`).toEqual(expected);
  });

  it("matches the committed files byte for byte", async () => {
    const differing: string[] = [];
    for (const file of await expectedFiles(example, transport)) {
      const committed = await readFile(join(root, file.path)).catch(() => undefined);
      if (committed === undefined || !committed.equals(file.bytes)) differing.push(join(root, file.path));
    }
    expect(differing, "golden files that differ from (or are missing against) the fresh output").toEqual([]);
  });
});

const partialCases = cases.filter(([, transport]) => transportFolder(transport) !== "");

describe.each(partialCases)("files.txt of examples/%s.yaml over %s", (example, transport) => {
  it("lists every path of the transport's output, a file not kept in its folder being TCP's", async () => {
    const listPath = `${transportFolder(transport)}${FILE_LIST}`;
    const expected = (await expectedFiles(example, transport)).find((f) => f.path === listPath);
    const committed = await readFile(join(GOLDEN_ROOT, example, listPath), "utf8");
    expect(parseFileList(committed), join(GOLDEN_ROOT, example, listPath)).toEqual(parseFileList(expected?.bytes.toString("utf8") ?? ""));
  });
});
