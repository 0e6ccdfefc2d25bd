// `generate --lang` and a request file's languages accept exactly the target
// languages (those with a complete descriptor in targets/index.ts); a planned
// language is refused before anything runs, with the supported list, exit 2.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

const DESCRIPTION = "a thermometer sends a reading to a collector every minute; the collector acknowledges each one";

describe("generate --lang", () => {
  it("refuses a planned language as not supported yet, naming the supported ones, exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-lang-"));
    for (const lang of ["cpp", "python,cpp"]) {
      const run = await cli("generate", DESCRIPTION, "--lang", lang, "--out", join(dir, "out"), "--no-test");
      expect([run.code, run.out], lang).toEqual([2, ""]);
      expect(run.err, lang).toContain("--lang cpp: not supported yet; supported: python, javascript, java");
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses an unknown language with the supported and planned ones", async () => {
    const run = await cli("generate", DESCRIPTION, "--lang", "cobol", "--out", "unused", "--no-test");
    expect(run.code).toBe(2);
    expect(run.err).toContain("--lang cobol: unknown language; supported: python, javascript, java (planned: cpp)");
  });

  it("lists the target languages in its help", async () => {
    const run = await cli("generate", "--help");
    expect(run.out.replace(/\s+/g, " ")).toContain("comma-separated target languages (python, javascript, java)");
  });

  it("refuses a request file that asks for a planned language, exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-lang-"));
    const request = join(dir, "request.yaml");
    await writeFile(request, `description: ${DESCRIPTION}\nprogramming_languages: [python, c++]\n`);
    const run = await cli("generate", "--request", request, "--out", join(dir, "out"), "--no-test");
    expect(run.code).toBe(2);
    expect(run.err).toBe(`error [unsupported-language]: ${request}: programming_language cpp: not supported yet; supported: python, javascript, java\n`);
    expect(await readdir(dir)).toEqual(["request.yaml"]);
  });
});
