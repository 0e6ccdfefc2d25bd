// A parser for the common subset of ECMAScript regular expressions (u mode)
// that spec patterns use: literals, escapes, classes, `.`, groups,
// alternation and quantifiers. Anything else (lookaround, backreferences,
// \b, \p{...}) is reported as unsupported, and callers fall back to fixed
// candidates. Only used to generate sample strings, never to match.

export type RegexNode =
  | { readonly t: "seq"; readonly items: readonly RegexNode[] }
  | { readonly t: "alt"; readonly alts: readonly RegexNode[] }
  | { readonly t: "rep"; readonly node: RegexNode; readonly min: number; readonly max: number }
  /** One character: any of `chars`, all of the same UTF-8 width, most preferred first. */
  | { readonly t: "char"; readonly chars: readonly string[] };

export class UnsupportedRegex extends Error {
  override readonly name = "UnsupportedRegex";
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
/** Printable ASCII, in the order samples prefer. */
const PREFERRED = [...`${LOWER}${UPPER}${DIGITS}_-. `, ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => !/[A-Za-z0-9_\-. ]/.test(c))];

type CharTest = (c: number) => boolean;
const isDigit: CharTest = (c) => c >= 0x30 && c <= 0x39;
const isWord: CharTest = (c) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isSpace: CharTest = (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const not = (f: CharTest): CharTest => (c) => !f(c);
const CLASS_ESCAPES: { readonly [k: string]: CharTest } = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };
const CONTROL_ESCAPES: { readonly [k: string]: string } = { t: "\t", n: "\n", r: "\r", f: "\f", v: "\v", "0": "\0" };

export function parseRegex(pattern: string): RegexNode {
  const p = new Parser(Array.from(pattern));
  const node = p.alternation();
  if (!p.done()) throw new UnsupportedRegex(`unexpected ${p.peek() ?? "end"}`);
  return node;
}

/** A character node from a membership test: the preferred members if any, else `fallback`. */
function charNode(test: CharTest, fallback?: string): RegexNode {
  const members = PREFERRED.filter((c) => test(c.codePointAt(0) as number));
  if (members.length > 0) return { t: "char", chars: members };
  if (fallback !== undefined && test(fallback.codePointAt(0) as number)) return { t: "char", chars: [fallback] };
  throw new UnsupportedRegex("character class without a printable ASCII member");
}

class Parser {
  private i = 0;
  constructor(private readonly s: readonly string[]) {}

  done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
  private next(): string {
    const c = this.s[this.i++];
    if (c === undefined) throw new UnsupportedRegex("unexpected end of pattern");
    return c;
  }
  private eat(c: string): boolean {
    if (this.s[this.i] !== c) return false;
    this.i++;
    return true;
  }

  alternation(): RegexNode {
    const alts = [this.sequence()];
    while (this.eat("|")) alts.push(this.sequence());
    return alts.length === 1 ? (alts[0] as RegexNode) : { t: "alt", alts };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (!this.done() && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { t: "seq", items };
  }

  private quantified(atom: RegexNode): RegexNode {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let range: [number, number] | undefined;
      if (c === "*") range = [0, Infinity];
      else if (c === "+") range = [1, Infinity];
      else if (c === "?") range = [0, 1];
      else if (c === "{") range = this.braces();
      if (!range) return node;
      if (c !== "{") this.i++;
      this.eat("?");
      node = { t: "rep", node, min: range[0], max: range[1] };
    }
  }

  private braces(): [number, number] {
    const rest = this.s.slice(this.i).join("");
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) throw new UnsupportedRegex("malformed {n,m} quantifier");
    this.i += Array.from(m[0]).length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" || m[3] === undefined ? Infinity : Number(m[3]);
    return [min, max];
  }

  /** One atom, or undefined for an anchor. */
  private atom(): RegexNode | undefined {
    const c = this.next();
    switch (c) {
      case "^":
      case "$":
        return undefined;
      case ".":
        return charNode((x) => x !== 0x0a && x !== 0x0d && x !== 0x2028 && x !== 0x2029);
      case "[":
        return this.charClass();
      case "(": {
        if (this.eat("?")) {
          if (this.eat(":")) {
            // non-capturing group
          } else if (this.peek() === "<" && this.s[this.i + 1] !== "=" && this.s[this.i + 1] !== "!") {
            while (this.next() !== ">");
          } else throw new UnsupportedRegex("lookaround");
        }
        const inner = this.alternation();
        if (!this.eat(")")) throw new UnsupportedRegex("unclosed group");
        return inner;
      }
      case "\\":
        return this.escape(false);
      case "*":
      case "+":
      case "?":
      case "{":
      case ")":
      case "]":
      case "}":
      case "|":
        throw new UnsupportedRegex(`unexpected ${c}`);
      default:
        return { t: "char", chars: [c] };
    }
  }

  /** After a backslash; inside a class `\b` is a backspace and `\-` a dash. */
  private escape(inClass: boolean): RegexNode {
    const c = this.next();
    const cls = CLASS_ESCAPES[c];
    if (cls) return charNode(cls);
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return { t: "char", chars: [control] };
    if (c === "x" || c === "u") return { t: "char", chars: [this.hexEscape(c)] };
    if (inClass && c === "b") return { t: "char", chars: ["\b"] };
    if (/[A-Za-z0-9]/.test(c)) throw new UnsupportedRegex(`escape \\${c}`);
    return { t: "char", chars: [c] };
  }

  private hexEscape(kind: "x" | "u"): string {
    const rest = this.s.slice(this.i).join("");
    const m = kind === "x" ? /^[0-9A-Fa-f]{2}/.exec(rest) : (/^\{[0-9A-Fa-f]{1,6}\}/.exec(rest) ?? /^[0-9A-Fa-f]{4}/.exec(rest));
    if (!m) throw new UnsupportedRegex(`malformed \\${kind} escape`);
    this.i += m[0].length;
    const cp = Number.parseInt(m[0].replace(/[{}]/g, ""), 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new UnsupportedRegex("escape of a surrogate or beyond U+10FFFF");
    return String.fromCodePoint(cp);
  }

  private charClass(): RegexNode {
    const negate = this.eat("^");
    const tests: CharTest[] = [];
    let first: string | undefined;
    while (!this.eat("]")) {
      const lo = this.classAtom();
      if (typeof lo !== "string") {
        tests.push(lo);
        continue;
      }
      first ??= lo;
      if (this.peek() === "-" && this.s[this.i + 1] !== "]" && this.s[this.i + 1] !== undefined) {
        this.i++;
        const hi = this.classAtom();
        if (typeof hi !== "string") throw new UnsupportedRegex("class escape as a range end");
        const a = lo.codePointAt(0) as number;
        const b = hi.codePointAt(0) as number;
        tests.push((x) => x >= a && x <= b);
      } else {
        const a = lo.codePointAt(0) as number;
        tests.push((x) => x === a);
      }
    }
    const member: CharTest = (x) => tests.some((t) => t(x));
    return charNode(negate ? not(member) : member, negate ? undefined : first);
  }

  /** A single character of a class, or a class escape's test. */
  private classAtom(): string | CharTest {
    const c = this.next();
    if (c !== "\\") return c;
    const e = this.peek();
    if (e !== undefined && CLASS_ESCAPES[e]) {
      this.i++;
      return CLASS_ESCAPES[e] as CharTest;
    }
    if (e === "-") {
      this.i++;
      return "-";
    }
    const node = this.escape(true);
    if (node.t !== "char") throw new UnsupportedRegex("escape in class");
    return node.chars[0] as string;
  }
}
