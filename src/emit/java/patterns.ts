// Spec patterns (ECMAScript regular expressions, `u` flag, whole-string
// match; docs/wire-format.md section 5) as java.util.regex patterns used with
// `matcher(s).matches()`. Java's `\d \w` are ASCII like ECMAScript's without
// flags; what differs is spelled out: `.` does not match a line terminator
// (ECMAScript's four, not Java's six), `$` only matches at the very end
// (`\z`), `\s \S` are ECMAScript's white space, `\v` is U+000B (in Java a
// class), `\0` is U+0000, `\u{...}` is `\x{...}`, `[]` matches nothing and
// `[^]` anything, and `[` and `&` inside a class are escaped (Java reads them
// as union and intersection).
import { symbols, type FileSet } from "../index.js";
import type { PatternNames } from "./checks.js";
import { javaStr } from "./literals.js";
import type { JavaModel } from "./model.js";

const SPACE = "\\t\\n\\x0B\\f\\r \\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
const DOT = "[^\\n\\r\\u2028\\u2029]";

export class JavaPatternError extends Error {
  override readonly name = "JavaPatternError";
  readonly code = "java-pattern-untranslatable";
}

/** The Java form of an ECMAScript pattern (without the anchors: `matches()` anchors it). */
export function javaPattern(source: string): string {
  const cps = [...source];
  let i = 0;
  let out = "";
  const fail = (why: string): never => {
    throw new JavaPatternError(`pattern /${source}/: ${why}`);
  };
  const escape = (inClass: boolean): string => {
    const c = cps[i++];
    if (c === undefined) return fail("ends with a backslash");
    switch (c) {
      case "s":
        return inClass ? SPACE : `[${SPACE}]`;
      case "S":
        return inClass ? fail("\\S inside a character class") : `[^${SPACE}]`;
      case "v":
        return "\\x0B";
      case "0":
        return "\\x00";
      case "u":
        if (cps[i] === "{") {
          const close = cps.indexOf("}", i);
          if (close < 0) return fail("unclosed \\u{");
          const hex = cps.slice(i + 1, close).join("");
          i = close + 1;
          return `\\x{${hex}}`;
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
    } else if (c === "$") {
      out += "\\z";
    } else if (c === "[") {
      if (cps[i] === "]") {
        i++;
        out += "(?!)";
        continue;
      }
      if (cps[i] === "^" && cps[i + 1] === "]") {
        i += 2;
        out += "(?s:.)";
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
        if (d === "\\") out += escape(true);
        else if (d === "[" || d === "&") out += `\\${d}`;
        else out += d;
      }
      if (!closed) fail("unclosed character class");
      out += "]";
    } else {
      out += c;
    }
  }
  return out;
}

export function patternSources(model: JavaModel): string[] {
  const sources = new Set<string>();
  for (const c of model.composites) for (const f of c.fields) if (f.constraints.pattern !== undefined) sources.add(f.constraints.pattern);
  return [...sources];
}

export function patternNames(model: JavaModel): PatternNames {
  const sources = patternSources(model);
  return {
    name(source) {
      const i = sources.indexOf(source);
      if (i < 0) throw new Error(`java layer: pattern /${source}/ was not collected`);
      return `Patterns.P${i + 1}`;
    },
  };
}

/** Patterns.java: the spec's distinct patterns, compiled once. */
export function patternsFile(files: FileSet, model: JavaModel): void {
  const sources = patternSources(model);
  if (sources.length === 0) return;
  const f = files.file(`java/src/main/java/${model.pkgDir}/Patterns.java`, "java", { module: model.pkg, localNames: ["Patterns"] });
  f.addImport(symbols.java.type("java.util.regex.Pattern"));
  f.doc("The spec's patterns, matched against whole strings (docs/wire-format.md section 5).");
  f.block("final class Patterns {", () => {
    sources.forEach((s, i) => {
      f.doc(`/${s}/`);
      f.print(`static final Pattern P${i + 1} = Pattern.compile(${javaStr(javaPattern(s))});`);
    });
    f.print();
    f.block("private Patterns() {", () => {}, "}");
  });
}
