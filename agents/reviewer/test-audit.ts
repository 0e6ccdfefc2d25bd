// What a test file checks, counted (pure): test functions, assertions,
// strict assertions (exact equality, an expected exception) and skip markers
// (skip, xfail, expected failure, disabled). Comments and Python docstrings
// are left out, so commenting an assertion out counts as deleting it.
// Comparing a file's counts with the strongest version seen tells whether a
// test was deleted or weakened: fewer tests, fewer assertions, a loosened
// check (a strict assertion turned loose), or an added skip.
import type { KnownLanguage } from "../../src/emit/target.js";
import type { ReportFinding } from "../../src/run/report/report-types.js";

export interface TestFileAudit {
  readonly tests: number;
  readonly assertions: number;
  readonly strict: number;
  readonly skips: number;
}

/** How one language's test files are counted. */
export interface TestAuditPatterns {
  /** The test files these patterns read, by name. */
  readonly file: RegExp;
  readonly strip: (text: string) => string;
  readonly tests: RegExp;
  readonly assertions: readonly RegExp[];
  readonly strict: readonly RegExp[];
  readonly skips: readonly RegExp[];
}

const stripHashComments = (text: string): string =>
  text
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '""')
    .split("\n")
    .map((line) => (/^\s*#/.test(line) ? "" : line.replace(/\s+#(?!.*["']).*$/, "")))
    .join("\n");

const stripSlashComments = (text: string): string =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => (/^\s*\/\//.test(line) ? "" : line))
    .join("\n");

const PYTHON: TestAuditPatterns = {
  file: /\.py$/,
  strip: stripHashComments,
  tests: /^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(/gm,
  assertions: [/\bself\.assert\w+\s*\(/g, /^[ \t]*assert\b/gm, /\bpytest\.raises\s*\(/g, /\bself\.fail\s*\(/g],
  strict: [
    /\bself\.assert(?:Equal|Equals|Is|IsNone|Raises|RaisesRegex|DictEqual|ListEqual|TupleEqual|SetEqual|SequenceEqual|CountEqual|MultiLineEqual|NotEqual|IsNot|IsInstance)\s*\(/g,
    /^[ \t]*assert\b[^\n]*(?:==|!=|\bis\b)/gm,
    /\bpytest\.raises\s*\(/g,
  ],
  skips: [
    /@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/g,
    /@(?:pytest\.)?mark\.(?:skip|skipif|xfail)\b/g,
    /\b(?:self\.skipTest|pytest\.skip|pytest\.xfail)\s*\(/g,
    /\braise\s+(?:unittest\.)?SkipTest\b/g,
  ],
};

const JAVASCRIPT: TestAuditPatterns = {
  file: /\.(?:js|mjs|cjs|ts)$/,
  strip: stripSlashComments,
  tests: /\b(?:it|test)\s*\(/g,
  assertions: [/\bassert(?:\.\w+)?\s*\(/g, /\bexpect\s*\(/g],
  strict: [/\bassert\.(?:strictEqual|deepStrictEqual|equal|deepEqual|throws|rejects|notStrictEqual)\s*\(/g, /\.(?:toBe|toEqual|toStrictEqual|toThrow)\s*\(/g],
  skips: [/\b(?:it|test|describe)\.(?:skip|todo)\s*\(/g, /\bskip\s*:\s*true\b/g, /\bt\.skip\s*\(/g, /\bx(?:it|describe)\s*\(/g],
};

const JAVA: TestAuditPatterns = {
  file: /\.java$/,
  strip: stripSlashComments,
  tests: /@(?:Test|ParameterizedTest|RepeatedTest)\b/g,
  assertions: [/\bassert[A-Z]\w*\s*\(/g, /\bfail\s*\(/g],
  strict: [/\bassert(?:Equals|ArrayEquals|Same|Throws|IterableEquals|LinesMatch|NotEquals|Null)\s*\(/g],
  skips: [/@Disabled\b/g, /\bassume(?:True|False|That)\s*\(/g],
};

const CPP: TestAuditPatterns = {
  file: /\.(?:cpp|cc|cxx)$/,
  strip: stripSlashComments,
  tests: /\bTEST(?:_F|_P)?\s*\(/g,
  assertions: [/\b(?:EXPECT|ASSERT)_[A-Z_]+\s*\(/g, /\bFAIL\s*\(\s*\)/g],
  strict: [/\b(?:EXPECT|ASSERT)_(?:EQ|STREQ|THROW|NE|STRNE|DOUBLE_EQ|FLOAT_EQ)\s*\(/g],
  skips: [/\bGTEST_SKIP\b/g, /\bDISABLED_\w+/g],
};

/** The target languages' patterns, and the planned languages' ready for their descriptors. */
export const TEST_AUDIT_PATTERNS: { readonly [L in KnownLanguage]: TestAuditPatterns } = { python: PYTHON, javascript: JAVASCRIPT, java: JAVA, cpp: CPP };

function patternsFor(path: string): TestAuditPatterns | undefined {
  return Object.values(TEST_AUDIT_PATTERNS).find((p) => p.file.test(path));
}

const countAll = (text: string, patterns: readonly RegExp[]): number => patterns.reduce((n, p) => n + (text.match(p)?.length ?? 0), 0);

export function auditTestFile(path: string, content: string): TestFileAudit {
  const patterns = patternsFor(path);
  if (patterns === undefined) return { tests: 0, assertions: 0, strict: 0, skips: 0 };
  const text = patterns.strip(content);
  return {
    tests: text.match(patterns.tests)?.length ?? 0,
    assertions: countAll(text, patterns.assertions),
    strict: countAll(text, patterns.strict),
    skips: countAll(text, patterns.skips),
  };
}

/** The stronger of two audits, metric by metric: what a later version must not fall below. */
export function strongest(a: TestFileAudit | undefined, b: TestFileAudit): TestFileAudit {
  if (a === undefined) return b;
  return {
    tests: Math.max(a.tests, b.tests),
    assertions: Math.max(a.assertions, b.assertions),
    strict: Math.max(a.strict, b.strict),
    skips: Math.min(a.skips, b.skips),
  };
}

/** Findings for a test file that fell below its baseline (`current` undefined: the file is gone). */
export function compareWithBaseline(path: string, baseline: TestFileAudit, current: TestFileAudit | undefined): ReportFinding[] {
  const at = { location: { file: path } };
  if (current === undefined) {
    return [{ severity: "error", code: "test-deleted", message: `${path} was deleted; it had ${baseline.tests} test${baseline.tests === 1 ? "" : "s"} with ${baseline.assertions} assertions. Restore it.`, ...at }];
  }
  const findings: ReportFinding[] = [];
  if (current.tests < baseline.tests) {
    findings.push({ severity: "error", code: "test-removed", message: `${path} has ${current.tests} test functions, ${baseline.tests} before: a test was deleted. Restore it.`, ...at });
  }
  if (current.assertions < baseline.assertions) {
    findings.push({ severity: "error", code: "assertions-removed", message: `${path} has ${current.assertions} assertions, ${baseline.assertions} before: a test was weakened. Restore the assertions.`, ...at });
  } else if (current.strict < baseline.strict) {
    findings.push({
      severity: "error",
      code: "check-loosened",
      message: `${path} has ${current.strict} exact checks (equality, expected exceptions), ${baseline.strict} before: a check was loosened. Compare exactly again.`,
      ...at,
    });
  }
  if (current.skips > baseline.skips) {
    findings.push({ severity: "error", code: "test-skipped", message: `${path} has ${current.skips} skip or expected-failure markers, ${baseline.skips} before: a test was switched off. Remove the marker and fix the cause.`, ...at });
  }
  return findings;
}
