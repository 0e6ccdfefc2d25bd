// A scripted tester: every `def test_*` of python/tests/*.py is a test case
// that passes, and every `BROKEN:name` marker in handlers.py adds a failing
// case `name` (so a model's handler decides what fails). It records each call.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LanguageResult, TestCaseResult } from "../../../src/results/types.js";
import { summarise } from "../../../src/results/types.js";
import type { TestRunner } from "../../../agents/tester/test-runner.js";
import { HANDLERS } from "./fake-emitter.js";

export interface FakeTester {
  readonly run: TestRunner;
  readonly calls: number[];
}

export function fakeTester(options: { readonly skipped?: string } = {}): FakeTester {
  const calls: number[] = [];
  const run: TestRunner = async ({ outDir, languages }) => {
    calls.push(Date.now());
    return { languages: await Promise.all(languages.map((language) => testLanguage(outDir, language, options.skipped))), interop: [] };
  };
  return { run, calls };
}

async function testLanguage(dir: string, language: string, skipped: string | undefined): Promise<LanguageResult> {
  if (skipped !== undefined) {
    return { language, toolchain: "fake", ok: false, skippedReason: skipped, steps: [], summary: summarise([]), cases: [] };
  }
  const cases: TestCaseResult[] = [];
  const testsDir = join(dir, language, "tests");
  const files = (await readdir(testsDir).catch(() => [] as string[])).filter((f) => f.endsWith(".py")).sort();
  for (const file of files) {
    const text = await readFile(join(testsDir, file), "utf8");
    for (const m of text.matchAll(/def (test_\w+)\(/g)) {
      cases.push({ suite: `tests.${file.slice(0, -3)}.Tests`, name: m[1] ?? "?", status: "passed", durationMs: 1, location: { file: `tests/${file}` } });
    }
  }
  const handlers = await readFile(join(dir, HANDLERS), "utf8").catch(() => "");
  for (const m of handlers.matchAll(/BROKEN:(\w+)/g)) {
    cases.push({ suite: "tests.test_behaviour_reports.Tests", name: m[1] ?? "?", status: "failed", durationMs: 1, message: `AssertionError: ${m[1]} is broken`, location: { file: "tests/test_behaviour_reports.py", line: 3 } });
  }
  const summary = summarise(cases);
  const ok = summary.failed === 0 && summary.errored === 0;
  return {
    language,
    toolchain: "fake python",
    ok,
    steps: [{ step: "test", name: "pytest", ok, command: ["pytest"], exitCode: ok ? 0 : 1, timedOut: false, durationMs: 5, outputTail: "", diagnostics: [] }],
    summary,
    cases,
  };
}
