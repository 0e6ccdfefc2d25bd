// `generate --lang` and a request file's languages accept exactly the target
// languages (those with a complete descriptor in targets/index.ts); any other
// name is refused before anything runs, with the supported list, exit 2.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

const DESCRIPTION = "a thermometer sends a reading to a collector every minute; the collector acknowledges each one";

describe("generate --lang", () => {
  it("refuses an unknown language with the supported ones, exit 2, before writing anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-lang-"));
    for (const lang of ["cobol", "python,cobol"]) {
      const run = await cli("generate", DESCRIPTION, "--lang", lang, "--out", join(dir, "out"), "--no-test");
      expect([run.code, run.out], lang).toEqual([2, ""]);
      expect(run.err, lang).toContain("--lang cobol: unknown language; supported: python, javascript, java, cpp");
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it("lists the target languages in its help", async () => {
    const run = await cli("generate", "--help");
    expect(run.out.replace(/\s+/g, " ")).toContain("comma-separated target languages (python, javascript, java, cpp)");
  });

  it("writes a C++ project for --lang cpp", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-lang-"));
    const run = await cli("generate", DESCRIPTION, "--lang", "cpp", "--out", join(dir, "out"), "--no-test");
    expect(run.code, run.err).toBe(0);
    expect(await readdir(join(dir, "out"))).toContain("cpp");
    expect(await readdir(join(dir, "out", "cpp"))).toEqual(expect.arrayContaining(["CMakeLists.txt", "README.md", "demo"]));
  });

  it("refuses a request file that asks for an unknown language, exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-lang-"));
    const request = join(dir, "request.yaml");
    await writeFile(request, `description: ${DESCRIPTION}\nprogramming_languages: [python, cobol]\n`);
    const run = await cli("generate", "--request", request, "--out", join(dir, "out"), "--no-test");
    expect(run.code).toBe(2);
    expect(run.err).toContain('programming_languages.1: Invalid option: expected one of "python"|"javascript"|"java"|"cpp"');
    expect(await readdir(dir)).toEqual(["request.yaml"]);
  });
});
