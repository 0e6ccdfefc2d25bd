// The target table: one complete descriptor per target language, and a
// language without one does not compile (the fixtures below are checked by
// `tsc -p tsconfig.json`, which covers test/: if an expected error
// disappears, the type check fails).
import { access, readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { KNOWN_LANGUAGES, PLANNED_LANGUAGES, TARGET_LANGUAGES, type TargetLanguage } from "../../src/emit/target.js";
import { LANGUAGE_POLICIES } from "../../agents/coder/file-policy.js";
import { auditTestFile } from "../../agents/reviewer/test-audit.js";
import { targetDescriptors, TARGETS, TargetError, targetLanguage, type TargetDescriptor, type TargetTable } from "../../targets/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// A fourth language, to show what the table demands of one.
type Fake = TargetLanguage | "ruby";
const ruby: TargetDescriptor<"ruby"> = {
  language: "ruby",
  emitter: TARGETS.python.emitter,
  profile: TARGETS.python.profile,
  install: "apt-get install ruby",
  demo: TARGETS.python.demo,
  filePolicy: LANGUAGE_POLICIES.python,
  testAudit: TARGETS.python.testAudit,
  mutation: TARGETS.python.mutation,
  contract: "docs/targets/ruby-contract.md",
};
// With every piece, the fake language compiles…
const complete: TargetTable<Fake> = { ...TARGETS, ruby };
const { profile: _profile, ...rubyWithoutProfile } = ruby;
const incomplete: TargetTable<Fake> = {
  ...TARGETS,
  // @ts-expect-error …without its toolchain profile it does not.
  ruby: rubyWithoutProfile,
};
// @ts-expect-error A language with no descriptor at all does not compile either.
const missing: TargetTable<Fake> = { ...TARGETS };
// @ts-expect-error The contract is the language's own.
const wrongContract: TargetDescriptor<"ruby"> = { ...ruby, contract: "docs/targets/python-contract.md" };

describe("the target table", () => {
  it("has one descriptor per target language, in TARGET_LANGUAGES order, each naming its own language", () => {
    expect(Object.keys(TARGETS)).toEqual([...TARGET_LANGUAGES]);
    expect(targetDescriptors().map((t) => t.language)).toEqual(["python", "javascript", "java", "cpp"]);
    for (const [language, t] of Object.entries(TARGETS)) {
      expect([t.language, t.emitter.language, t.profile.language, t.filePolicy.language], language).toEqual([language, language, language, language]);
    }
  });

  it("points at each language's contract, which exists", async () => {
    for (const t of targetDescriptors()) await expect(access(`${ROOT}${t.contract}`)).resolves.toBeUndefined();
  });

  it("audits each language's test files with its own patterns", () => {
    expect(TARGETS.python.testAudit.file.test("tests/test_behaviour_x.py")).toBe(true);
    expect(TARGETS.javascript.testAudit.file.test("test/behaviour-x.test.js")).toBe(true);
    expect(TARGETS.java.testAudit.file.test("src/test/java/dev/protoforge/chat/BehaviourRoomsTest.java")).toBe(true);
    expect(TARGETS.cpp.testAudit.file.test("tests/behaviour_reports_test.cpp")).toBe(true);
    expect(TARGETS.cpp.testAudit.file.test("tests/behaviour_reports_test.py")).toBe(false);
    expect(auditTestFile("test/a.test.js", "test('a', () => { assert.strictEqual(1, 1); });\n")).toEqual({ tests: 1, assertions: 1, strict: 1, skips: 0 });
  });

  it("the type fixtures are the table and its fake fourth language", () => {
    expect(Object.keys(complete)).toEqual(["python", "javascript", "java", "cpp", "ruby"]);
    expect(Object.keys(incomplete)).toEqual(["python", "javascript", "java", "cpp", "ruby"]);
    expect(Object.keys(missing)).toEqual(["python", "javascript", "java", "cpp"]);
    expect(wrongContract.language).toBe("ruby");
  });
});

describe("who imports targets/", () => {
  it("only the command line: no folder a piece comes from imports the table", async () => {
    const importers: string[] = [];
    for (const folder of ["src", "sandboxes", "agents"]) {
      for (const file of await readdir(`${ROOT}${folder}`, { recursive: true })) {
        if (!file.endsWith(".ts") || `${folder}/${file}`.startsWith("src/cli/")) continue;
        if (/from\s+"(?:\.\.\/)+targets\//.test(await readFile(`${ROOT}${folder}/${file}`, "utf8"))) importers.push(`${folder}/${file}`);
      }
    }
    expect(importers).toEqual([]);
  });
});

describe("targetLanguage", () => {
  it("accepts a target language", () => {
    expect(TARGET_LANGUAGES.map((l) => targetLanguage(l, "--lang"))).toEqual(["python", "javascript", "java", "cpp"]);
  });

  it("has no planned language left: every known one is a target", () => {
    expect(PLANNED_LANGUAGES).toEqual([]);
    expect(KNOWN_LANGUAGES.filter((l) => !(TARGET_LANGUAGES as readonly string[]).includes(l))).toEqual([]);
  });

  it("refuses any other name as unknown, naming the supported ones", () => {
    expect(() => targetLanguage("cobol", "--lang")).toThrow(new TargetError("unknown-language", "--lang cobol: unknown language; supported: python, javascript, java, cpp"));
    expect(() => targetLanguage("c++", "--lang")).toThrow(expect.objectContaining({ code: "unknown-language" }));
  });

  it("the one list: target languages, then planned ones", () => {
    expect(KNOWN_LANGUAGES).toEqual([...TARGET_LANGUAGES, ...PLANNED_LANGUAGES]);
  });
});
