// What the coder may write, how tests are audited, the locked-file rule and
// the budgets' parsing.
import { describe, expect, it } from "vitest";
import { isCodeFile, isTestFile, judgeWrite } from "../../agents/coder/file-policy.js";
import { behaviourTargets } from "../../agents/tester/behaviour-targets.js";
import { checkLockedFiles } from "../../agents/reviewer/rules/locked-files.js";
import { checkTestIntegrity } from "../../agents/reviewer/rules/test-integrity.js";
import { auditTestFile, strongest } from "../../agents/reviewer/test-audit.js";
import { BudgetError, formatBudgetDuration, parseCount, parseDuration } from "../../src/run/budget.js";

const rules = { locked: new Set(["python/src/pkg/codec.py", "python/tests/test_vectors.py"]), userOwned: new Set(["python/src/pkg/handlers.py"]) };

describe("judgeWrite", () => {
  it("allows behaviour files and the coder's own tests", () => {
    expect(judgeWrite("python", "src/pkg/handlers.py", rules)).toEqual({ ok: true, path: "python/src/pkg/handlers.py", kind: "behaviour" });
    expect(judgeWrite("python", "python/src/pkg/handlers.py", rules)).toMatchObject({ ok: true, path: "python/src/pkg/handlers.py" });
    expect(judgeWrite("python", "tests/test_behaviour_reports.py", rules)).toMatchObject({ ok: true, kind: "coder-test" });
    expect(judgeWrite("python", "src/pkg/behaviour_store.py", rules)).toMatchObject({ ok: true, kind: "behaviour" });
  });

  it("refuses locked files, golden-vector tests included, and anything else", () => {
    expect(judgeWrite("python", "src/pkg/codec.py", rules)).toMatchObject({ ok: false, code: "locked-file" });
    expect(judgeWrite("python", "tests/test_vectors.py", rules)).toMatchObject({ ok: false, code: "locked-file" });
    expect(judgeWrite("python", "tests/test_other.py", rules)).toMatchObject({ ok: false, code: "not-editable" });
    expect(judgeWrite("python", "pyproject.toml", rules)).toMatchObject({ ok: false, code: "not-editable" });
  });

  it("in C++, takes the tests and modules the generated CMakeLists.txt picks up by name, and nothing else", () => {
    const cpp = { locked: new Set(["cpp/include/chat/codec.hpp", "cpp/src/codec.cpp", "cpp/test/vectors_test.cpp", "cpp/CMakeLists.txt"]), userOwned: new Set(["cpp/include/chat/server_handlers.hpp"]) };
    expect(judgeWrite("cpp", "include/chat/server_handlers.hpp", cpp)).toEqual({ ok: true, path: "cpp/include/chat/server_handlers.hpp", kind: "behaviour" });
    expect(judgeWrite("cpp", "test/behaviour_x_test.cpp", cpp)).toEqual({ ok: true, path: "cpp/test/behaviour_x_test.cpp", kind: "coder-test" });
    expect(judgeWrite("cpp", "include/chat/behaviour_store.hpp", cpp)).toMatchObject({ ok: true, kind: "behaviour" });
    expect(judgeWrite("cpp", "src/behaviour_store.cpp", cpp)).toMatchObject({ ok: true, kind: "behaviour" });
    for (const locked of ["include/chat/codec.hpp", "src/codec.cpp", "test/vectors_test.cpp", "CMakeLists.txt"]) expect(judgeWrite("cpp", locked, cpp)).toMatchObject({ ok: false, code: "locked-file" });
    // tests/ is not where the project's tests live; a header in src/ or a source under include/ is compiled by nobody.
    for (const stray of ["tests/behaviour_x_test.cpp", "test/behaviour_x.cpp", "test/x_test.cpp", "src/behaviour_store.hpp", "include/chat/behaviour_store.cpp", "include/behaviour_store.hpp", "src/store.cpp"]) {
      expect(judgeWrite("cpp", stray, cpp)).toMatchObject({ ok: false, code: "not-editable" });
    }
    expect(judgeWrite("cpp", "tests/behaviour_x_test.cpp", cpp)).toMatchObject({ reason: expect.stringContaining("test/behaviour_reports_test.cpp") });
    expect(isTestFile("cpp", "cpp/test/behaviour_x_test.cpp") && isTestFile("cpp", "cpp/test/vectors_test.cpp")).toBe(true);
    expect(isTestFile("cpp", "cpp/tests/behaviour_x_test.cpp")).toBe(false);
    expect(isCodeFile("cpp", "cpp/include/chat/behaviour_store.hpp")).toBe(true);
  });

  it("in C++, the behaviour proof gets the coder's tests in test/, the changed handlers and the added modules", () => {
    const targets = behaviourTargets({
      language: "cpp",
      files: [
        { path: "cpp/include/chat/server_handlers.hpp", text: "rule" },
        { path: "cpp/include/chat/client_handlers.hpp", text: "default" },
        { path: "cpp/include/chat/behaviour_store.hpp", text: "store" },
        { path: "cpp/test/behaviour_moderation_test.cpp", text: "TEST" },
        { path: "cpp/test/vectors_test.cpp", text: "TEST" },
        { path: "cpp/tests/behaviour_stray_test.cpp", text: "TEST" },
      ],
      defaults: new Map([
        ["cpp/include/chat/server_handlers.hpp", "default"],
        ["cpp/include/chat/client_handlers.hpp", "default"],
      ]),
      generated: new Set(["cpp/test/vectors_test.cpp"]),
    });
    expect(targets.tests).toEqual(["cpp/test/behaviour_moderation_test.cpp"]);
    expect(targets.behaviour).toEqual([
      { path: "cpp/include/chat/server_handlers.hpp", text: "rule", defaultText: "default" },
      { path: "cpp/include/chat/behaviour_store.hpp", text: "store", defaultText: undefined },
    ]);
  });

  it("refuses paths that leave the project or are not plain", () => {
    for (const path of ["../x.py", "/etc/passwd", "tests/../../x.py", "tests//test_behaviour_a.py", "", "tests/"]) {
      expect(judgeWrite("python", path, rules)).toMatchObject({ ok: false, code: "bad-path" });
    }
  });
});

describe("auditTestFile", () => {
  const base = `import unittest\n\n\nclass T(unittest.TestCase):\n    def test_a(self) -> None:\n        self.assertEqual(f(1), 1)\n        self.assertTrue(g())\n        assert h() == 3\n\n    def test_b(self) -> None:\n        self.assertRaises(ValueError, f, -1)\n`;

  it("counts tests, assertions, strict assertions and skips, without comments and docstrings", () => {
    expect(auditTestFile("t.py", base)).toEqual({ tests: 2, assertions: 4, strict: 3, skips: 0 });
    const commented = base.replace("        self.assertTrue(g())", "        # self.assertTrue(g())");
    expect(auditTestFile("t.py", commented).assertions).toBe(3);
    const docstring = `${base}\n    def test_c(self) -> None:\n        """self.assertEqual(1, 1)"""\n`;
    expect(auditTestFile("t.py", docstring)).toMatchObject({ tests: 3, assertions: 4 });
    const skipped = base.replace("    def test_b", "    @unittest.skip('later')\n    def test_b").replace("self.assertTrue(g())", "self.skipTest('x')");
    expect(auditTestFile("t.py", skipped).skips).toBe(2);
    expect(auditTestFile("t.py", "@pytest.mark.xfail\ndef test_x():\n    pass\n").skips).toBe(1);
  });

  it("reads JavaScript, Java and C++ tests too", () => {
    expect(auditTestFile("a.test.js", "test('x', () => { assert.strictEqual(1, 1); assert.ok(true); });\ntest.skip('y', () => {});")).toEqual({ tests: 1, assertions: 2, strict: 1, skips: 1 });
    expect(auditTestFile("ATest.java", "@Test void a() { assertEquals(1, 1); assertTrue(true); }\n@Disabled @Test void b() {}")).toEqual({ tests: 2, assertions: 2, strict: 1, skips: 1 });
    expect(auditTestFile("a_test.cpp", "TEST(A, b) { EXPECT_EQ(1, 1); EXPECT_TRUE(x); }\nTEST(A, DISABLED_c) { GTEST_SKIP(); }")).toEqual({ tests: 2, assertions: 2, strict: 1, skips: 2 });
  });

  it("keeps the strongest version seen, and compares with it", () => {
    const a = { tests: 2, assertions: 4, strict: 3, skips: 0 };
    expect(strongest(a, { tests: 3, assertions: 2, strict: 3, skips: 1 })).toEqual({ tests: 3, assertions: 4, strict: 3, skips: 0 });
    const path = "python/tests/test_behaviour_a.py";
    const now = (text: string) => checkTestIntegrity({ [path]: a }, new Map([[path, text]]));
    expect(now(base.replace('class T', 'class T'))).toEqual([]);
    expect(now(base.replace("        self.assertTrue(g())\n", "")).map((f) => f.code)).toEqual(["assertions-removed"]);
    expect(now(base.replace("self.assertEqual(f(1), 1)", "self.assertTrue(f(1))")).map((f) => f.code)).toEqual(["check-loosened"]);
    expect(now(base.replace(/    def test_b[\s\S]*/, "")).map((f) => f.code)).toEqual(["test-removed", "assertions-removed"]);
    expect(checkTestIntegrity({ [path]: a }, new Map([[path, undefined]])).map((f) => f.code)).toEqual(["test-deleted"]);
  });
});

describe("checkLockedFiles", () => {
  it("reports changed and deleted generated files", () => {
    const recorded = { "a.py": "1111", "b.py": "2222", "c.py": "3333" };
    const current = new Map<string, string | undefined>([
      ["a.py", "1111"],
      ["b.py", "9999"],
      ["c.py", undefined],
    ]);
    expect(checkLockedFiles(recorded, current).map((f) => [f.code, f.location?.file])).toEqual([
      ["locked-file-changed", "b.py"],
      ["locked-file-deleted", "c.py"],
    ]);
  });
});

describe("budgets", () => {
  it("parses durations: 90s, 15m, 1h, 1h30m, 500ms, bare seconds", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("45")).toBe(45_000);
    expect(formatBudgetDuration(1_800_000)).toBe("30m");
    expect(formatBudgetDuration(5_400_000)).toBe("1h30m");
  });

  it("refuses what is not a positive duration or count", () => {
    for (const bad of ["", "0s", "soon", "5 minutes", "-1m", "25h", "1x"]) expect(() => parseDuration(bad)).toThrow(BudgetError);
    expect(parseCount("5", "--max-rounds", 50)).toBe(5);
    expect(parseCount("200_000", "--max-tokens", 1e8)).toBe(200_000);
    for (const bad of ["0", "-3", "2.5", "x", "51"]) expect(() => parseCount(bad, "--max-rounds", 50)).toThrow(BudgetError);
  });
});
