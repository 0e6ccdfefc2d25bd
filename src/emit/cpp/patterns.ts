// Spec patterns (ECMAScript regular expressions, `u` flag, whole-string
// match; docs/wire-format.md section 5) as std::wregex patterns (ECMAScript
// grammar) matched with std::regex_match against the string's code points
// (one wchar_t each: wchar_t is 32 bits on the targets). What std::regex
// reads differently is spelled out: `.` excludes ECMAScript's four line
// terminators (libstdc++'s only \n and \r), `\d \w \s` and their negations
// are explicit ASCII digits and word characters and ECMAScript's white space
// (not the locale's), `\u{...}` is the code point itself. The translation is
// printed as a wide string literal of universal character names, so no
// escape in it depends on what follows.
import type { FileSet } from "../index.js";
import { inNamespace } from "./literals.js";
import type { PatternNames } from "./checks.js";
import type { CppModel } from "./model.js";

const SPACE = "\\u0009\\u000A\\u000B\\u000C\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
const DOT = "[^\\u000A\\u000D\\u2028\\u2029]";
const DIGIT = "0-9";
const WORD = "A-Za-z0-9_";

export class CppPatternError extends Error {
  override readonly name = "CppPatternError";
  readonly code = "cpp-pattern-untranslatable";
}

const hex4 = (cp: number): string => cp.toString(16).toUpperCase().padStart(4, "0");

/** The std::regex (ECMAScript grammar, over code points) form of an ECMAScript pattern. */
export function cppPattern(source: string): string {
  const cps = [...source];
  let i = 0;
  let out = "";
  const fail = (why: string): never => {
    throw new CppPatternError(`pattern /${source}/: ${why}`);
  };
  const codePoint = (cp: number): string => (cp <= 0xffff ? `\\u${hex4(cp)}` : String.fromCodePoint(cp));
  const escape = (inClass: boolean): string => {
    const c = cps[i++];
    if (c === undefined) return fail("ends with a backslash");
    switch (c) {
      case "d":
        return inClass ? DIGIT : `[${DIGIT}]`;
      case "D":
        return inClass ? fail("\\D inside a character class") : `[^${DIGIT}]`;
      case "w":
        return inClass ? WORD : `[${WORD}]`;
      case "W":
        return inClass ? fail("\\W inside a character class") : `[^${WORD}]`;
      case "s":
        return inClass ? SPACE : `[${SPACE}]`;
      case "S":
        return inClass ? fail("\\S inside a character class") : `[^${SPACE}]`;
      case "v":
        return "\\u000B";
      case "0":
        return "\\u0000";
      case "u":
        if (cps[i] === "{") {
          const close = cps.indexOf("}", i);
          if (close < 0) return fail("unclosed \\u{");
          const cp = Number.parseInt(cps.slice(i + 1, close).join(""), 16);
          i = close + 1;
          return codePoint(cp);
        }
        return "\\u";
      case "/":
        return "/";
      default:
        return `\\${c}`;
    }
  };
  while (i < cps.length) {
    const c = cps[i++] as string;
    if (c === "\\") {
      out += escape(false);
    } else if (c === ".") {
      out += DOT;
    } else if (c === "[") {
      if (cps[i] === "]") {
        i++;
        out += "(?!)";
        continue;
      }
      if (cps[i] === "^" && cps[i + 1] === "]") {
        i += 2;
        out += "[\\s\\S]";
        continue;
      }
      out += "[";
      if (cps[i] === "^") {
        out += "^";
        i++;
      }
      let closed = false;
      while (i < cps.length) {
        const d = cps[i++] as string;
        if (d === "]") {
          closed = true;
          break;
        }
        out += d === "\\" ? escape(true) : d;
      }
      if (!closed) fail("unclosed character class");
      out += "]";
    } else {
      out += c;
    }
  }
  return out;
}

/** A wide string literal of `text`: printable ASCII as is, everything else as a universal character name. */
export function wideLiteral(text: string): string {
  let out = 'L"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\\" || ch === '"') out += `\\${ch}`;
    else if (ch === "?") out += "\\?";
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += `\\U${cp.toString(16).toUpperCase().padStart(8, "0")}`;
  }
  return `${out}"`;
}

/**
 * The longest string (in bytes, so at most as many code points) a pattern is
 * matched against. libstdc++'s regex executor recurses once per character:
 * measured with g++ 12, a 1 MiB stack overflows at 5000 characters (plain and
 * under ASan), an 8 MiB one at 65000 (20000 under ASan); 1024 characters stay
 * far below that on any thread. Every check matches only after the length
 * check, so a pattern never sees more than the field's maxLength.
 */
export const MAX_PATTERN_INPUT = 1024;

export function patternSources(model: CppModel): string[] {
  const sources = new Set<string>();
  for (const c of model.composites) {
    for (const f of c.fields) {
      const { pattern, maxLength } = f.constraints;
      if (pattern === undefined) continue;
      if (maxLength === undefined || maxLength > MAX_PATTERN_INPUT) {
        throw new CppPatternError(
          `${c.name}.${f.name}: a pattern needs maxLength <= ${MAX_PATTERN_INPUT} in C++ (got ${maxLength ?? "none"}): std::regex recurses once per character, and a longer hostile string could overflow the stack`,
        );
      }
      sources.add(pattern);
    }
  }
  return [...sources];
}

export function patternNames(model: CppModel): PatternNames {
  const sources = patternSources(model);
  return {
    name(source) {
      const i = sources.indexOf(source);
      if (i < 0) throw new Error(`cpp layer: pattern /${source}/ was not collected`);
      return `pattern_${i + 1}()`;
    },
  };
}

/** src/patterns.hpp and .cpp (internal): the spec's distinct patterns, each compiled once on first use. */
export function patternsFiles(files: FileSet, model: CppModel): void {
  const sources = patternSources(model);
  if (sources.length === 0) return;
  const h = files.file("cpp/src/patterns.hpp", "cpp");
  h.preamble("#pragma once");
  h.print("#include <regex>");
  h.print();
  inNamespace(h, `${model.ns}::detail`, () => {
    h.print();
    sources.forEach((s, i) => {
      h.doc(`/${s}/, matched against a whole string's code points.`);
      h.print(`const std::wregex& pattern_${i + 1}();`);
    });
    h.print();
  });
  h.finish();
  const f = files.file("cpp/src/patterns.cpp", "cpp");
  f.print('#include "patterns.hpp"');
  f.print();
  inNamespace(f, `${model.ns}::detail`, () => {
    sources.forEach((s, i) => {
      f.print();
      f.block(`const std::wregex& pattern_${i + 1}() {`, () => {
        f.print(`static const std::wregex compiled(${wideLiteral(cppPattern(s))}, std::regex::ECMAScript);`);
        f.print("return compiled;");
      });
    });
    f.print();
  });
  f.finish();
}
