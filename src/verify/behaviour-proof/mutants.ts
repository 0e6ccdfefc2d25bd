// Mutants of the behaviour code (pure): small, deliberate bugs in the lines
// the coder wrote, for the behaviour tests to catch. A test suite that lets
// most of them pass tests little of what the code does (docs/behaviour-proof.md).
//
// Only lines that differ from the emitter's default file are mutated: the
// default handlers are the emitter's, and behaviour tests answer for what the
// coder changed. Each operator rewrites one occurrence on one line, so every
// mutant names its file, line and change. The list is deterministic and, past
// `max`, thinned evenly over the candidates. What differs by language is one
// `MutationSyntax` per target language (`MUTATION_SYNTAX`, part of the
// language's descriptor in targets/index.ts).
import type { KnownLanguage } from "../../emit/target.js";

/** Target languages, and planned ones ready for their descriptors. */
export type MutantLanguage = KnownLanguage;

export interface Mutant {
  /** Run-folder path of the mutated file. */
  readonly path: string;
  readonly line: number;
  readonly operator: MutationOperator;
  /** The line before and after, trimmed. */
  readonly before: string;
  readonly after: string;
  /** The whole mutated file. */
  readonly text: string;
}

export type MutationOperator = "negate-comparison" | "flip-boolean" | "swap-logical" | "drop-not" | "swap-arithmetic" | "shift-constant" | "drop-statement" | "return-nothing";

interface Rewrite {
  readonly operator: MutationOperator;
  readonly pattern: RegExp;
  readonly replace: (match: string) => string;
}

const COMPARISON: Readonly<Record<string, string>> = { "==": "!=", "!=": "==", "===": "!==", "!==": "===", "<=": ">", ">=": "<", "<": ">=", ">": "<=" };

/** What the mutation operators know of one language's syntax. */
export interface MutationSyntax {
  readonly rewrites: readonly Rewrite[];
  /** A one-line statement that can go (drop-statement). */
  readonly statement: RegExp;
  /** What return-nothing returns. */
  readonly nothing: string;
  /** What drop-statement leaves in the statement's place. */
  readonly emptyStatement: string;
  /** The block comment or docstring a trimmed line starts with: its closer, and where on the line to look for it. */
  readonly blockStart: (trimmed: string) => { readonly closer: string; readonly from: number } | undefined;
  /** Is a trimmed line outside block comments code: not a comment, an import or a decorator? */
  readonly isCode: (trimmed: string) => boolean;
}

const PYTHON_REWRITES: readonly Rewrite[] = [
  // `->` (annotations), `<<`/`>>` and `=` alone are left alone.
  { operator: "negate-comparison", pattern: /(?<![<>=!-])(?:==|!=|<=|>=|<|>)(?![<>=])/g, replace: (m) => COMPARISON[m] ?? m },
  { operator: "flip-boolean", pattern: /\b(?:True|False)\b/g, replace: (m) => (m === "True" ? "False" : "True") },
  { operator: "swap-logical", pattern: /\b(?:and|or)\b/g, replace: (m) => (m === "and" ? "or" : "and") },
  { operator: "drop-not", pattern: /\bnot\s+(?!in\b)/g, replace: () => "" },
  { operator: "swap-arithmetic", pattern: /(?<=\s)[+-](?=\s)/g, replace: (m) => (m === "+" ? "-" : "+") },
  { operator: "shift-constant", pattern: /(?<![\w.])\d+(?![\w.])/g, replace: (m) => String(Number(m) + 1) },
];

const JAVASCRIPT_REWRITES: readonly Rewrite[] = [
  { operator: "negate-comparison", pattern: /(?<![<>=!])(?:===|!==|==|!=|<=|>=|<|>)(?![<>=])/g, replace: (m) => COMPARISON[m] ?? m },
  { operator: "flip-boolean", pattern: /\b(?:true|false)\b/g, replace: (m) => (m === "true" ? "false" : "true") },
  { operator: "swap-logical", pattern: /&&|\|\|/g, replace: (m) => (m === "&&" ? "||" : "&&") },
  { operator: "drop-not", pattern: /!(?!=)(?=[\w(])/g, replace: () => "" },
  { operator: "swap-arithmetic", pattern: /(?<=\s)[+-](?=\s)/g, replace: (m) => (m === "+" ? "-" : "+") },
  { operator: "shift-constant", pattern: /(?<![\w.$])\d+(?![\w.])/g, replace: (m) => String(Number(m) + 1) },
];

/** Java and C++ share JavaScript's operators but for `===`/`!==`; the brace languages' rewrites. */
const BRACE_REWRITES: readonly Rewrite[] = [
  // `->` (C++ member access, Java lambdas) and `<`/`>` of generics are no comparisons: `<` and `>` are taken only with spaces around them.
  { operator: "negate-comparison", pattern: /(?<![<>=!-])(?:==|!=|<=|>=)(?![<>=])|(?<=\s)[<>](?=\s)/g, replace: (m) => COMPARISON[m] ?? m },
  { operator: "flip-boolean", pattern: /\b(?:true|false)\b/g, replace: (m) => (m === "true" ? "false" : "true") },
  { operator: "swap-logical", pattern: /&&|\|\|/g, replace: (m) => (m === "&&" ? "||" : "&&") },
  { operator: "drop-not", pattern: /!(?!=)(?=[\w(])/g, replace: () => "" },
  { operator: "swap-arithmetic", pattern: /(?<=\s)[+-](?=\s)/g, replace: (m) => (m === "+" ? "-" : "+") },
  // Literal suffixes stay (`10L`, `3u`).
  { operator: "shift-constant", pattern: /(?<![\w.$])\d+(?=[lLuU]*(?![\w.]))/g, replace: (m) => String(Number(m) + 1) },
];

/** A one-line statement that can go: a call, an assignment or an augmented assignment, brackets balanced. */
const PYTHON_STATEMENT = /^(?:await\s+)?[\w.[\]"']+(?:\s*(?:[+\-*/]?=)\s*.+|\(.*\))$/;
const JAVASCRIPT_STATEMENT = /^(?:await\s+)?[\w.$[\]"']+(?:\s*(?:[+\-*/]?=)\s*.+|\(.*\));?$/;
/** Java and C++: a call or an assignment ending in `;` (`->` and `::` in the target: `self->count += 1;`, `log::info(x);`). */
const BRACE_STATEMENT = /^[\w.$[\]>:-]+(?:\s*(?:[+\-*/]?=)\s*.+|\(.*\));$/;
/** A C-style block comment or Javadoc. */
const slashStarBlock = (t: string): { readonly closer: string; readonly from: number } | undefined => (t.startsWith("/*") ? { closer: "*/", from: 2 } : undefined);

export const MUTATION_SYNTAX: { readonly [L in KnownLanguage]: MutationSyntax } = {
  python: {
    rewrites: PYTHON_REWRITES,
    statement: PYTHON_STATEMENT,
    nothing: "None",
    emptyStatement: "pass",
    blockStart: (t) => {
      const doc = /^[rRbBuU]?("""|''')/.exec(t);
      return doc === null ? undefined : { closer: doc[1] ?? '"""', from: doc[0].length };
    },
    isCode: (t) => !t.startsWith("#") && !/^(?:from\s+\S+\s+)?import\b/.test(t) && !t.startsWith("@"),
  },
  javascript: {
    rewrites: JAVASCRIPT_REWRITES,
    statement: JAVASCRIPT_STATEMENT,
    nothing: "undefined",
    emptyStatement: ";",
    blockStart: (t) => (t.startsWith("/*") ? { closer: "*/", from: 0 } : undefined),
    isCode: (t) => !t.startsWith("//") && !t.startsWith("*") && !/^import\b/.test(t) && !/^export\s+\{/.test(t),
  },
  java: {
    rewrites: BRACE_REWRITES,
    statement: BRACE_STATEMENT,
    nothing: "null",
    emptyStatement: ";",
    blockStart: slashStarBlock,
    isCode: (t) => !t.startsWith("//") && !t.startsWith("*") && !/^(?:import|package)\b/.test(t) && !t.startsWith("@"),
  },
  cpp: {
    rewrites: BRACE_REWRITES,
    statement: BRACE_STATEMENT,
    nothing: "{}",
    emptyStatement: ";",
    blockStart: slashStarBlock,
    isCode: (t) => !t.startsWith("//") && !t.startsWith("*") && !t.startsWith("#") && !/^(?:using|namespace)\b/.test(t),
  },
};

export interface MutantsInput {
  readonly language: MutantLanguage;
  /** Run-folder path of the file. */
  readonly path: string;
  readonly text: string;
  /** The emitter's default of this file; undefined for a file the coder added (every line is the coder's). */
  readonly defaultText: string | undefined;
}

/** Every candidate mutant of the lines the coder wrote, in file order. */
export function mutantsOf(input: MutantsInput): Mutant[] {
  const lines = input.text.split("\n");
  const changed = changedLines(input.defaultText, lines);
  const syntax = MUTATION_SYNTAX[input.language];
  const code = codeLines(syntax, lines);
  const out: Mutant[] = [];
  lines.forEach((line, i) => {
    if (!changed.has(i) || !code[i]) return;
    const at = (after: string, operator: MutationOperator) => {
      const text = [...lines.slice(0, i), after, ...lines.slice(i + 1)].join("\n");
      out.push({ path: input.path, line: i + 1, operator, before: line.trim(), after: after.trim(), text });
    };
    const masked = maskStrings(line);
    for (const rewrite of syntax.rewrites) {
      for (const m of masked.matchAll(rewrite.pattern)) {
        at(line.slice(0, m.index) + rewrite.replace(m[0]) + line.slice(m.index + m[0].length), rewrite.operator);
      }
    }
    const trimmed = line.trim();
    const nothing = syntax.nothing;
    const returned = /^return\s+(.+?);?$/.exec(trimmed);
    if (returned !== null && returned[1] !== nothing && balanced(masked)) at(line.replace(trimmed, `return ${nothing}${trimmed.endsWith(";") ? ";" : ""}`), "return-nothing");
    if (syntax.statement.test(trimmed) && balanced(masked) && !/[:,]$/.test(trimmed)) {
      at(line.replace(trimmed, syntax.emptyStatement), "drop-statement");
    }
  });
  return out;
}

/** At most `max` of `mutants`, evenly spread, in order. */
export function sampleMutants<T>(mutants: readonly T[], max: number): T[] {
  if (mutants.length <= max) return [...mutants];
  return Array.from({ length: max }, (_, k) => mutants[Math.floor((k * mutants.length) / max)] as T);
}

/** Indexes of the lines of `current` that are not lines of the default (as a multiset). */
export function changedLines(defaultText: string | undefined, current: readonly string[]): Set<number> {
  if (defaultText === undefined) return new Set(current.map((_, i) => i));
  const pool = new Map<string, number>();
  for (const line of defaultText.split("\n")) pool.set(line, (pool.get(line) ?? 0) + 1);
  const out = new Set<number>();
  current.forEach((line, i) => {
    const left = pool.get(line) ?? 0;
    if (left > 0) pool.set(line, left - 1);
    else out.add(i);
  });
  return out;
}

/** Which lines are code: not blank, not a comment, not inside a docstring or block comment, not an import. */
function codeLines(syntax: MutationSyntax, lines: readonly string[]): boolean[] {
  let inside: string | undefined;
  return lines.map((line) => {
    const t = line.trim();
    if (inside !== undefined) {
      if (t.includes(inside)) inside = undefined;
      return false;
    }
    if (t === "") return false;
    const block = syntax.blockStart(t);
    if (block !== undefined) {
      if (t.indexOf(block.closer, block.from) < 0) inside = block.closer;
      return false;
    }
    return syntax.isCode(t);
  });
}

/** The line with string contents replaced by spaces, so that operators inside strings are not mutated. */
function maskStrings(line: string): string {
  return line.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`/g, (s) => s[0] + " ".repeat(Math.max(0, s.length - 2)) + s[s.length - 1]).replace(/\s#.*$/, (c) => " ".repeat(c.length));
}

function balanced(line: string): boolean {
  let depth = 0;
  for (const ch of line) {
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
