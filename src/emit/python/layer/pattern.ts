// Spec patterns (ECMAScript regular expressions, `u` flag, whole-string
// match; wire format section 5) translated to Python `re` patterns that are
// compiled with re.ASCII and used with `fullmatch`. re.ASCII gives `\d \w \b`
// ECMAScript's ASCII meaning; what still differs is spelled out: `.` does not
// match any line terminator, `$` only matches at the very end, `\s` is
// ECMAScript's (Unicode) white space, `[]` matches nothing and `[^]` anything,
// and `[`, `&`, `~`, `|` and `-` inside a class are escaped (Python warns about
// possible set operations). Lookbehind, named groups, back-references and
// property escapes are refused by the spec validator and throw here.

/** ECMAScript's WhiteSpace and LineTerminator, as items of a Python class. */
const SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
const DOT = "[^\\n\\r\\u2028\\u2029]";
const CONTROL_CODES: { readonly [k: string]: number } = { t: 9, n: 10, r: 13, f: 12, v: 11 };
const CLASS_SPECIAL = new Set(["\\", "]", "[", "^", "-", "&", "~", "|"]);

export class PatternTranslationError extends Error {
  override readonly name = "PatternTranslationError";
}

/** Half of a class item: one character (escaped for Python), a class escape, or `\S`. */
type ClassAtom = { readonly kind: "char" | "set"; readonly py: string } | { readonly kind: "nonspace" };

const hex = (cp: number, width: number): string => cp.toString(16).padStart(width, "0");
const pyCodePoint = (cp: number): string => (cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`);

class Translator {
  private i = 0;
  constructor(
    private readonly cps: readonly string[],
    private readonly source: string,
  ) {}

  private fail(why: string): never {
    throw new PatternTranslationError(`pattern /${this.source}/: ${why}`);
  }

  private next(): string {
    const c = this.cps[this.i++];
    if (c === undefined) this.fail("unexpected end");
    return c;
  }

  translate(): string {
    const out: string[] = [];
    while (this.i < this.cps.length) {
      const c = this.next();
      switch (c) {
        case "\\":
          out.push(this.escape());
          break;
        case "[":
          out.push(this.charClass());
          break;
        case ".":
          out.push(DOT);
          break;
        case "$":
          out.push("\\Z");
          break;
        case "(":
          out.push(this.group());
          break;
        case "{":
          out.push(this.braces());
          break;
        default:
          out.push(c);
      }
    }
    return out.join("");
  }

  private group(): string {
    if (this.cps[this.i] !== "?") return "(";
    const kind = this.cps[this.i + 1];
    if (kind === ":" || kind === "=" || kind === "!") {
      this.i += 2;
      return `(?${kind}`;
    }
    return this.fail("lookbehind and named groups are not supported");
  }

  private braces(): string {
    const rest = this.cps.slice(this.i).join("");
    const m = /^(\d+)(,\d*)?\}/.exec(rest);
    if (!m) return this.fail("a lone { (not a quantifier)");
    this.i += m[0].length;
    return `{${m[0]}`;
  }

  /** The code point of a `\u` escape (a surrogate pair counts as one). */
  private unicodeEscape(): number {
    const rest = this.cps.slice(this.i).join("");
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest);
    if (braced) {
      this.i += braced[0].length;
      return Number.parseInt(braced[1] as string, 16);
    }
    const four = /^[0-9A-Fa-f]{4}/.exec(rest);
    if (!four) return this.fail("malformed \\u escape");
    this.i += 4;
    const cp = Number.parseInt(four[0], 16);
    const low = /^\\u(d[c-fC-F][0-9A-Fa-f]{2})/i.exec(this.cps.slice(this.i).join(""));
    if (cp >= 0xd800 && cp <= 0xdbff && low) {
      this.i += 6;
      return 0x10000 + ((cp - 0xd800) << 10) + (Number.parseInt(low[1] as string, 16) - 0xdc00);
    }
    return cp;
  }

  /** An escape that stands for one character, as a code point, or undefined. */
  private characterEscape(c: string): number | undefined {
    const control = CONTROL_CODES[c];
    if (control !== undefined) return control;
    if (c === "0" && !/[0-9]/.test(this.cps[this.i] ?? "")) return 0;
    if (c === "c") {
      const letter = this.next();
      if (!/[A-Za-z]/.test(letter)) return this.fail("malformed \\c escape");
      return (letter.codePointAt(0) as number) % 32;
    }
    if (c === "x") {
      const two = /^[0-9A-Fa-f]{2}/.exec(this.cps.slice(this.i).join(""));
      if (!two) return this.fail("malformed \\x escape");
      this.i += 2;
      return Number.parseInt(two[0], 16);
    }
    if (c === "u") return this.unicodeEscape();
    return undefined;
  }

  /** After a backslash, outside a class. */
  private escape(): string {
    const c = this.next();
    if ("dDwWbB".includes(c)) return `\\${c}`;
    if (c === "s") return `[${SPACE}]`;
    if (c === "S") return `[^${SPACE}]`;
    const cp = this.characterEscape(c);
    if (cp !== undefined) return pyCodePoint(cp);
    if (/[1-9]/.test(c) || c === "k") return this.fail("back-references are not supported");
    if (c === "p" || c === "P") return this.fail("Unicode property escapes are not supported");
    if (/[A-Za-z0-9]/.test(c)) return this.fail(`unknown escape \\${c}`);
    return c === "/" ? "/" : `\\${c}`;
  }

  private classAtom(): ClassAtom {
    const c = this.next();
    if (c !== "\\") return { kind: "char", py: CLASS_SPECIAL.has(c) ? `\\${c}` : c };
    const e = this.next();
    if ("dDwW".includes(e)) return { kind: "set", py: `\\${e}` };
    if (e === "s") return { kind: "set", py: SPACE };
    if (e === "S") return { kind: "nonspace" };
    if (e === "b") return { kind: "char", py: "\\x08" };
    const cp = this.characterEscape(e);
    if (cp !== undefined) return { kind: "char", py: pyCodePoint(cp) };
    if (/[A-Za-z0-9]/.test(e)) return this.fail(`unknown escape \\${e} in a class`);
    return { kind: "char", py: `\\${e}` };
  }

  private charClass(): string {
    const negated = this.cps[this.i] === "^";
    if (negated) this.i++;
    const items: string[] = [];
    let space = false;
    let nonspace = false;
    while (this.cps[this.i] !== "]") {
      const lo = this.classAtom();
      if (lo.kind === "nonspace") {
        nonspace = true;
        continue;
      }
      if (lo.kind === "char" && this.cps[this.i] === "-" && this.cps[this.i + 1] !== "]" && this.cps[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.classAtom();
        if (hi.kind !== "char") return this.fail("a class escape as the end of a range");
        items.push(`${lo.py}-${hi.py}`);
        continue;
      }
      if (lo.kind === "set" && lo.py === SPACE) space = true;
      items.push(lo.py);
    }
    this.i++;
    const body = items.join("");
    if (nonspace) {
      if (space) return negated ? "(?!)" : "[\\s\\S]";
      if (negated) return body === "" ? `[${SPACE}]` : `(?![${body}])[${SPACE}]`;
      return body === "" ? `[^${SPACE}]` : `(?:[${body}]|[^${SPACE}])`;
    }
    if (body === "") return negated ? "[\\s\\S]" : "(?!)";
    return `[${negated ? "^" : ""}${body}]`;
  }
}

/** The Python `re` pattern (for re.ASCII and fullmatch) of a spec pattern. */
export function pythonPattern(source: string): string {
  return new Translator(Array.from(source), source).translate();
}
