// Sample strings for string fields: one that matches a pattern with a UTF-8
// length as close as possible to a target inside [minBytes, maxBytes], and
// one that does not match (for invalid vectors). Deterministic: the same
// pattern and bounds give the same string.
import { wholeMatch } from "../constraints.js";
import { utf8Length } from "../utf8.js";
import { parseRegex, type RegexNode, UnsupportedRegex } from "./regex-parse.js";

export interface ByteBounds {
  readonly minBytes: number;
  readonly maxBytes: number;
}

/** Strings tried when the generator cannot handle a pattern. */
const CANDIDATES = [
  "",
  "a",
  "A",
  "0",
  "abc",
  "ABC",
  "123",
  "a1",
  "example",
  "user@example.com",
  "https://example.com/",
  "2024-01-01",
  "2024-01-01T00:00:00Z",
  "00000000-0000-0000-0000-000000000000",
  "192.168.0.1",
  "+12345678901",
];
const FILLERS = ["a", "A", "0", "x", "_", "-", " ", "!", "~", "#", "é"];

export function samplePattern(pattern: string, bounds: ByteBounds, target: number): string | undefined {
  const re = wholeMatch(pattern);
  const fits = (s: string): boolean => {
    const n = utf8Length(s);
    return n >= bounds.minBytes && n <= bounds.maxBytes && re.test(s);
  };
  let ast: RegexNode | undefined;
  try {
    ast = parseRegex(pattern);
  } catch (e) {
    if (!(e instanceof UnsupportedRegex)) throw e;
  }
  if (ast) {
    const targets = [target, bounds.minBytes, bounds.maxBytes, ...Array.from({ length: 16 }, (_, i) => bounds.minBytes + i + 1)];
    for (const t of targets) {
      if (!Number.isFinite(t)) continue;
      const s = generate(ast, t);
      if (fits(s)) return s;
    }
  }
  return fixedCandidates(bounds).find(fits);
}

/** A string within the bounds that does not match `pattern`, if one is found. */
export function mismatchPattern(pattern: string, bounds: ByteBounds): string | undefined {
  const re = wholeMatch(pattern);
  return fixedCandidates(bounds).find((s) => {
    const n = utf8Length(s);
    return n >= bounds.minBytes && n <= bounds.maxBytes && !re.test(s);
  });
}

function fixedCandidates(bounds: ByteBounds): string[] {
  const out = [...CANDIDATES];
  const top = Math.min(bounds.maxBytes, bounds.minBytes + 8);
  for (let n = bounds.minBytes; n <= top; n++) for (const f of FILLERS) out.push(f.repeat(Math.ceil(n / utf8Length(f))));
  return out;
}

interface Span {
  readonly min: number;
  readonly max: number;
}

function span(node: RegexNode): Span {
  switch (node.t) {
    case "char": {
      const w = utf8Length(node.chars[0] ?? "");
      return { min: w, max: w };
    }
    case "seq":
      return node.items.map(span).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), { min: 0, max: 0 });
    case "alt": {
      const spans = node.alts.map(span);
      return { min: Math.min(...spans.map((s) => s.min)), max: Math.max(...spans.map((s) => s.max)) };
    }
    case "rep": {
      const s = span(node.node);
      return { min: node.min * s.min, max: node.max === 0 || s.max === 0 ? 0 : node.max * s.max };
    }
  }
}

/** Generates a string of `node` whose byte length is as close to `target` as the node allows. */
export function generate(node: RegexNode, target: number): string {
  let counter = 0;
  const out: string[] = [];
  const gen = (n: RegexNode, t: number): void => {
    switch (n.t) {
      case "char":
        out.push(n.chars[counter++ % n.chars.length] as string);
        return;
      case "seq": {
        const spans = n.items.map(span);
        let extra = t - spans.reduce((a, s) => a + s.min, 0);
        n.items.forEach((item, i) => {
          const s = spans[i] as Span;
          const add = Math.max(0, Math.min(extra, s.max - s.min));
          extra -= add;
          gen(item, s.min + add);
        });
        return;
      }
      case "alt": {
        const spans = n.alts.map(span);
        const dist = (s: Span): number => (t < s.min ? s.min - t : t > s.max ? t - s.max : 0);
        let best = 0;
        spans.forEach((s, i) => {
          if (dist(s) < dist(spans[best] as Span)) best = i;
        });
        gen(n.alts[best] as RegexNode, t);
        return;
      }
      case "rep": {
        const s = span(n.node);
        let k = n.min;
        if (s.max > 0) k = Math.max(k, Math.ceil(t / s.max));
        if (s.min > 0) k = Math.min(k, Math.max(n.min, Math.floor(t / s.min)));
        k = Math.min(k, n.max);
        let left = t;
        for (let i = 0; i < k; i++) {
          const share = Math.max(s.min, Math.min(s.max, Math.ceil(left / (k - i))));
          gen(n.node, share);
          left -= share;
        }
        return;
      }
    }
  };
  gen(node, target);
  return out.join("");
}
