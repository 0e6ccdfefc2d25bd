// Spec patterns (ECMAScript, u flag, whole string) translated for Python's
// re: each translation is compiled by python3 (warnings as errors) and must
// accept exactly the strings JavaScript accepts.
import { describe, expect, it } from "vitest";
import { PatternTranslationError, pythonPattern } from "../../src/emit/python/layer/pattern.js";
import { python } from "./support.js";

const PATTERNS = [
  "[A-Za-z0-9_-]+",
  "[a-z][a-z0-9_]*",
  "[A-Z][a-z]+(-[A-Z][a-z]+)*",
  "\\d{3}-\\d{4}",
  "\\w+@\\w+\\.com",
  "\\s*\\S+\\.\\d{2,}$|[^\\s]",
  "[\\S\\n]+",
  "[^\\S\\n]",
  "[\\s\\S]",
  ".+",
  "a|ab",
  "(?:ab)+$",
  "^abc",
  "[]",
  "[^]",
  "[\\d.-]+",
  "\\u00e9+",
  "\\u{1F30D}",
  "\\uD83C\\uDF0D",
  "[\\u0041-\\u005A]+",
  "\\x41\\cJ?",
  "a\\0?",
  "[\\b]",
  "\\bfoo\\b",
  "(?=a)ab",
  "(?!b)\\w",
  "[&~|]+",
  "[\\[\\]]+",
  "[[]",
  "a{2,}",
  "a{1,3}?b",
  "\\/\\.",
  "[.]",
  "日本+",
  "\\t\\v\\f",
  "[-a]+",
  "[a-]+",
  "[^-]",
  "\\W\\D",
  "(a)(b)?",
];

const STRINGS = [
  "", "a", "ab", "abc", "A", "Ab", "Ab-Cd", "abc-def", "123-4567", "x@y.com", " ", "\t", "\n", "\r", "\u000b", "\u000c", "\u00a0",
  "\u2028", "\u2029", "\ufeff", "\u0085", "\u180e", "\u200b", "\u3000", "é", "éé", "🌍", "\ud83c", "日本本", "a b", "foo", "foo bar",
  "[", "]", "[]", "&~|", "aa", "aaa", "aab", "b", "/.", ".", "-", "0.5", "\b", "\u0000", "a\u0000", "x.12", "  y.123", "A\n", "AB",
  "Grüße 🌍 日本", "abc\n", "_", "a-", "٣", "ａ",
];

describe("pythonPattern", () => {
  it("accepts exactly what the ECMAScript pattern accepts, in python3 with warnings as errors", () => {
    const translated = PATTERNS.map(pythonPattern);
    const expected = PATTERNS.map((p) => STRINGS.map((s) => new RegExp(`^(?:${p})$`, "u").test(s)));
    const script = [
      "import json, re, sys",
      "data = json.load(sys.stdin)",
      "print(json.dumps([[re.compile(p, re.ASCII).fullmatch(s) is not None for s in data['strings']] for p in data['patterns']]))",
    ].join("\n");
    const actual = JSON.parse(python(["-W", "error", "-c", script], JSON.stringify({ patterns: translated, strings: STRINGS }))) as boolean[][];
    const mismatches = PATTERNS.flatMap((p, i) =>
      STRINGS.flatMap((s, j) => (actual[i]?.[j] === expected[i]?.[j] ? [] : [`/${p}/ (python ${translated[i]}) on ${JSON.stringify(s)}: js ${expected[i]?.[j]}, python ${actual[i]?.[j]}`])),
    );
    expect(mismatches).toEqual([]);
  });

  it("spells out what Python's re reads differently", () => {
    expect(pythonPattern(".")).toBe("[^\\n\\r\\u2028\\u2029]");
    expect(pythonPattern("a$")).toBe("a\\Z");
    expect(pythonPattern("[a-z_-]")).toBe("[a-z_\\-]");
    expect(pythonPattern("[]")).toBe("(?!)");
  });

  it("refuses what the spec validator refuses", () => {
    for (const p of ["(?<=a)b", "(?<name>a)", "(a)\\1", "\\p{L}"]) expect(() => pythonPattern(p)).toThrow(PatternTranslationError);
  });
});
