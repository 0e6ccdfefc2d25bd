// Rule: the coder's tests check something (pure). Two smells that leave a
// test green whatever the code does, and that counting assertions cannot see:
//
// - a tautological assertion: the same expression on both sides
//   (`assertEqual(x, x)`, `assert.strictEqual(a, a)`), or a constant
//   (`assertTrue(True)`, `assert True`, `assert.ok(true)`);
// - an unreachable assertion: one that follows a `return`, `raise` or
//   `throw` in the same block, so it never runs.
//
// Python blocks are read by indentation; JavaScript, Java and C++ blocks by
// braces. Strings and comments are blanked first so that their text cannot
// look like code.
import type { ReportFinding } from "../../../src/run/report/report-types.js";

interface Dialect {
  /** The text with comments removed and string contents blanked, line for line. */
  readonly blank: (text: string) => string;
  /** Calls whose first two arguments must differ (an equality check of them). */
  readonly pairCalls: RegExp;
  /** Calls whose single argument must not be a constant. */
  readonly truthCalls: RegExp;
  readonly constant: RegExp;
  /** A statement after which the rest of its block never runs. */
  readonly exit: RegExp;
  readonly assertion: RegExp;
}

const PYTHON: Dialect = {
  blank: blankPython,
  pairCalls: /\bself\.assert(?:Equal|Equals|Is|ListEqual|DictEqual|TupleEqual|SetEqual|SequenceEqual|CountEqual|MultiLineEqual|AlmostEqual|GreaterEqual|LessEqual)\s*\(/g,
  truthCalls: /\bself\.assert(?:True|IsNotNone)\s*\(/g,
  constant: /^(?:True|1|"[^"]*"|'[^']*'|\d+(?:\.\d+)?|not\s+False|not\s+None)$/,
  exit: /^(?:return\b|raise\b)/,
  assertion: /\bself\.assert\w*\s*\(|^assert\b|\bpytest\.raises\s*\(/,
};

const JAVASCRIPT: Dialect = {
  blank: blankJavascript,
  pairCalls: /\bassert\.(?:strictEqual|deepStrictEqual|equal|deepEqual)\s*\(/g,
  truthCalls: /\bassert(?:\.ok)?\s*\(/g,
  constant: /^(?:true|1|"[^"]*"|'[^']*'|`[^`]*`|\d+(?:\.\d+)?|!false|!0|!null|!undefined)$/,
  exit: /^(?:return\b|throw\b)/,
  assertion: /\bassert(?:\.\w+)?\s*\(|\bexpect\s*\(/,
};

const JAVA: Dialect = {
  blank: blankJava,
  // JUnit 5 (`assertEquals(expected, actual)`, also as `Assertions.assertEquals`) and AssertJ-free Hamcrest-free tests.
  pairCalls: /\bassert(?:Equals|ArrayEquals|IterableEquals|LinesMatch|Same)\s*\(/g,
  truthCalls: /\bassert(?:True|NotNull)\s*\(/g,
  constant: /^(?:true|1|"[^"]*"|\d+(?:\.\d+)?[lLfFdD]?|!false|Boolean\.TRUE)$/,
  exit: /^(?:return\b|throw\b)/,
  assertion: /\bassert[A-Z]\w*\s*\(|\bfail\s*\(/,
};

const CPP: Dialect = {
  blank: blankCpp,
  // GoogleTest: `EXPECT_EQ(a, b)`, `ASSERT_STREQ(a, b)`.
  pairCalls: /\b(?:EXPECT|ASSERT)_(?:EQ|STREQ|DOUBLE_EQ|FLOAT_EQ)\s*\(/g,
  truthCalls: /\b(?:EXPECT|ASSERT)_TRUE\s*\(/g,
  constant: /^(?:true|1|"[^"]*"|\d+(?:\.\d+)?[uUlLfF]*|!false)$/,
  exit: /^(?:return\b|throw\b|co_return\b)/,
  assertion: /\b(?:EXPECT|ASSERT)_[A-Z_]+\s*\(|\bFAIL\s*\(\s*\)/,
};

function dialectOf(path: string): Dialect | undefined {
  if (path.endsWith(".py")) return PYTHON;
  if (/\.(?:js|mjs|cjs)$/.test(path)) return JAVASCRIPT;
  if (path.endsWith(".java")) return JAVA;
  if (/\.(?:cpp|cc|cxx)$/.test(path)) return CPP;
  return undefined;
}

/** The smells of one test file (run-folder path), each an error finding at its line. */
export function findTestSmells(path: string, text: string): ReportFinding[] {
  const dialect = dialectOf(path);
  if (dialect === undefined) return [];
  // Blanking keeps every character's index, so a span found in `code` reads the same place in `text`.
  const code = dialect.blank(text);
  return [...tautologies(path, code, text, dialect), ...(dialect === PYTHON ? unreachablePython(path, code) : unreachableInBraces(path, code, dialect))].sort(
    (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0),
  );
}

function tautologies(path: string, code: string, text: string, dialect: Dialect): ReportFinding[] {
  const source = ([from, to]: Span): string => text.slice(from, to).trim();
  const out: ReportFinding[] = [];
  const report = (index: number, what: string) =>
    out.push({
      severity: "error",
      code: "assertion-tautological",
      message: `${path}:${lineOf(code, index)}: ${what}, so it holds whatever the code does. Compare the code's result with the value the requirement expects.`,
      location: { file: path, line: lineOf(code, index) },
    });
  for (const m of code.matchAll(dialect.pairCalls)) {
    const [first, second] = callArguments(code, m.index + m[0].length).map(source);
    if (first !== undefined && second !== undefined && first !== "" && squash(first) === squash(second)) report(m.index, `\`${m[0].replace(/\s*\($/, "")}\` compares \`${first}\` with itself`);
  }
  for (const m of code.matchAll(dialect.truthCalls)) {
    const [first] = callArguments(code, m.index + m[0].length).map(source);
    if (first !== undefined && dialect.constant.test(first)) report(m.index, `\`${m[0].replace(/\s*\($/, "")}(${first})\` checks a constant`);
  }
  if (dialect === PYTHON) {
    for (const m of code.matchAll(/^([ \t]*)assert[ \t]+([^\n]+)$/gm)) {
      const start = m.index + m[0].length - (m[2] ?? "").length;
      const comma = (m[2] ?? "").search(/,/);
      const body = text.slice(start, comma < 0 ? start + (m[2] ?? "").length : start + comma).trim();
      const sides = body.split(/\s*(?:==|\bis\b)\s*/);
      if (PYTHON.constant.test(body)) report(m.index + (m[1]?.length ?? 0), `\`assert ${body}\` checks a constant`);
      else if (sides.length === 2 && squash(sides[0] ?? "") === squash(sides[1] ?? "")) report(m.index + (m[1]?.length ?? 0), `\`assert ${body}\` compares \`${sides[0]}\` with itself`);
    }
  } else if (dialect === JAVASCRIPT) {
    for (const m of code.matchAll(/\bexpect\s*\(/g)) {
      const subject = callArguments(code, m.index + m[0].length).map(source);
      const close = closingParen(code, m.index + m[0].length);
      const tail = /^\s*\.\s*(?:toBe|toEqual|toStrictEqual)\s*\(/.exec(code.slice(close + 1));
      if (tail === null || subject.length !== 1) continue;
      const expected = callArguments(code, close + 1 + tail[0].length).map(source);
      if (expected.length === 1 && squash(expected[0] ?? "") === squash(subject[0] ?? "")) report(m.index, `\`expect(${subject[0]})\` is compared with itself`);
    }
  }
  return out;
}

/** Python: after `return`/`raise` at indent k, the following lines at indent ≥ k belong to the same block. */
function unreachablePython(path: string, code: string): ReportFinding[] {
  const lines = code.split("\n");
  const out: ReportFinding[] = [];
  let exitIndent: number | undefined;
  let exitLine = 0;
  let depth = 0;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    const continuation = depth > 0;
    depth = Math.max(0, depth + bracketBalance(line));
    if (trimmed === "" || continuation) return;
    if (exitIndent !== undefined && indent < exitIndent) exitIndent = undefined;
    if (exitIndent !== undefined && PYTHON.assertion.test(trimmed)) {
      out.push(unreachable(path, i + 1, exitLine));
      exitIndent = undefined;
      return;
    }
    if (exitIndent === undefined && PYTHON.exit.test(trimmed)) {
      exitIndent = indent;
      exitLine = i + 1;
    }
  });
  return out;
}

/** Brace languages: after `return`/`throw` at brace depth d, the following statements at depth ≥ d until that block closes. */
function unreachableInBraces(path: string, code: string, dialect: Dialect): ReportFinding[] {
  const lines = code.split("\n");
  const out: ReportFinding[] = [];
  let depth = 0;
  let exitDepth: number | undefined;
  let exitLine = 0;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    const atStart = depth;
    for (const ch of line) {
      if (ch === "{") depth++;
      else if (ch === "}") {
        depth--;
        if (exitDepth !== undefined && depth < exitDepth) exitDepth = undefined;
      }
    }
    if (trimmed === "" || trimmed.startsWith("}")) return;
    if (exitDepth !== undefined && atStart >= exitDepth && dialect.assertion.test(trimmed)) {
      out.push(unreachable(path, i + 1, exitLine));
      exitDepth = undefined;
      return;
    }
    // A `return` that opens a block (`return new Promise((resolve) => {`) does not end this one.
    if (exitDepth === undefined && dialect.exit.test(trimmed) && depth === atStart) {
      exitDepth = atStart;
      exitLine = i + 1;
    }
  });
  return out;
}

function unreachable(path: string, line: number, exitLine: number): ReportFinding {
  return {
    severity: "error",
    code: "assertion-unreachable",
    message: `${path}:${line}: this assertion never runs: line ${exitLine} leaves the block first. Remove the early exit so the test checks what it claims to.`,
    location: { file: path, line },
  };
}

type Span = readonly [number, number];

/** The spans of the top-level arguments of the call whose `(` ends just before `start`. */
function callArguments(code: string, start: number): Span[] {
  const end = closingParen(code, start);
  const args: Span[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      args.push([from, i]);
      from = i + 1;
    }
  }
  if (code.slice(from, end).trim() !== "") args.push([from, end]);
  return args;
}

/** The index of the `)` that closes the call whose arguments start at `start` (the text's end if none). */
function closingParen(code: string, start: number): number {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return code.length;
}

function bracketBalance(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === "(" || ch === "[" || ch === "{") n++;
    else if (ch === ")" || ch === "]" || ch === "}") n--;
  }
  return n;
}

const squash = (s: string): string => s.replace(/\s+/g, "");

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Blanks the contents of string literals and drops comments, keeping every line where it was. */
function blankStrings(text: string, quotes: readonly string[], lineComment: string, blockComment?: readonly [string, string]): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (blockComment !== undefined && text.startsWith(blockComment[0], i)) {
      const end = text.indexOf(blockComment[1], i + blockComment[0].length);
      const stop = end < 0 ? text.length : end + blockComment[1].length;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
      continue;
    }
    if (text.startsWith(lineComment, i)) {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
      continue;
    }
    const quote = quotes.find((q) => text.startsWith(q, i));
    if (quote === undefined) {
      out += text[i];
      i++;
      continue;
    }
    let j = i + quote.length;
    while (j < text.length && !text.startsWith(quote, j)) {
      if (text[j] === "\\") j++;
      else if (text[j] === "\n" && quote.length === 1 && quote !== "`") break;
      j++;
    }
    const stop = Math.min(text.length, j + quote.length);
    const body = text.slice(i + quote.length, j);
    out += quote + body.replace(/[^\n]/g, "_") + (j < text.length ? quote : "");
    i = stop;
  }
  return out;
}

function blankPython(text: string): string {
  return blankStrings(text, ['"""', "'''", '"', "'"], "#");
}

function blankJavascript(text: string): string {
  return blankStrings(text, ['"', "'", "`"], "//", ["/*", "*/"]);
}

function blankJava(text: string): string {
  return blankStrings(text, ['"""', '"', "'"], "//", ["/*", "*/"]);
}

function blankCpp(text: string): string {
  return blankStrings(text, ['"', "'"], "//", ["/*", "*/"]);
}
