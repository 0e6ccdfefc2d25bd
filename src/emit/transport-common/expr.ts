// Expressions as small trees (code, a call with named arguments, a list),
// printed on one line when they fit and broken one argument or item per line
// otherwise. The tree and the breaking are the same in every language; only
// the call syntax, the indentation and the line width differ (ExprSyntax).
import type { FileBuilder } from "../printer.js";
import { isImportSymbol, type Printable } from "../symbols.js";

export type Expr =
  /** Printed as is, never broken. */
  | { readonly kind: "code"; readonly parts: Printable }
  /** A constructor call with named arguments (`Cls(a=1)`, `new Cls({ a: 1 })`); a name "" is positional. */
  | { readonly kind: "call"; readonly callee: Printable; readonly args: readonly (readonly [string, Expr])[] }
  | { readonly kind: "list"; readonly items: readonly Expr[] };

export const code = (...parts: Printable[]): Expr => ({ kind: "code", parts });
export const call = (callee: Printable, args: readonly (readonly [string, Expr])[]): Expr => ({ kind: "call", callee, args });
export const list = (items: readonly Expr[]): Expr => ({ kind: "list", items });

/** How one language writes a call and lays out broken lines. */
export interface ExprSyntax {
  /** The line width a one-line form must fit in (the formatter's). */
  readonly maxWidth: number;
  /** One level of indentation. */
  readonly indent: string;
  /** The opening of a call on one line (`Cls(`, `new Cls({ `) and its closing. */
  readonly flatOpen: (callee: Printable) => Printable[];
  readonly flatClose: string;
  /** The opening of a call broken over lines and its closing. */
  readonly brokenOpen: (callee: Printable) => Printable[];
  readonly brokenClose: string;
  /** A call without arguments, when the language writes it specially and never breaks it (`new Cls({})`). */
  readonly emptyCall?: (callee: Printable) => Printable[];
  /** What stands before an argument's value (`name=`, `name: `; nothing for positional calls). */
  readonly argPrefix: (name: string) => Printable[];
  /** A list's brackets, when not `[` and `]` (Java: `List.of(` and `)`). */
  readonly listOpen?: string;
  readonly listClose?: string;
  /** False when a broken call or list may not end with a comma (Java). */
  readonly lastComma?: boolean;
}

/** The width of printed parts; a symbol counts as its name (an alias may be a little longer). */
export function width(parts: Printable): number {
  if (typeof parts === "string") return parts.length;
  if (typeof parts === "number" || typeof parts === "bigint") return String(parts).length;
  if (isImportSymbol(parts)) return parts.name.length;
  return parts.reduce((n: number, p) => n + width(p), 0);
}

/** The expression on one line. */
export function flatExpr(syntax: ExprSyntax, e: Expr): Printable[] {
  switch (e.kind) {
    case "code":
      return [e.parts];
    case "call": {
      if (e.args.length === 0 && syntax.emptyCall !== undefined) return syntax.emptyCall(e.callee);
      const out: Printable[] = syntax.flatOpen(e.callee);
      e.args.forEach(([name, value], i) => out.push(i > 0 ? ", " : "", ...syntax.argPrefix(name), ...flatExpr(syntax, value)));
      out.push(syntax.flatClose);
      return out;
    }
    case "list": {
      const out: Printable[] = [syntax.listOpen ?? "["];
      e.items.forEach((item, i) => out.push(i > 0 ? ", " : "", ...flatExpr(syntax, item)));
      out.push(syntax.listClose ?? "]");
      return out;
    }
  }
}

/** Whether an expression is short enough to stand as a fallback inside one line (`x ?? 0`, `x if x is not None else 0`). */
export const isSimpleExpr = (syntax: ExprSyntax, e: Expr): boolean => e.kind === "code" || flatExpr(syntax, e).length < 12;

interface Line {
  readonly depth: number;
  readonly parts: Printable[];
}

function lines(syntax: ExprSyntax, e: Expr, prefix: Printable[], suffix: string, depth: number, indentWidth: number): Line[] {
  const one = [...prefix, ...flatExpr(syntax, e), suffix];
  if (e.kind === "code" || indentWidth + depth * syntax.indent.length + width(one) <= syntax.maxWidth) return [{ depth, parts: one }];
  if (e.kind === "call" && e.args.length === 0 && syntax.emptyCall !== undefined) return [{ depth, parts: one }];
  const open = e.kind === "call" ? [...prefix, ...syntax.brokenOpen(e.callee)] : [...prefix, syntax.listOpen ?? "["];
  const close = e.kind === "call" ? syntax.brokenClose : (syntax.listClose ?? "]");
  const inner: Line[] = [];
  const count = e.kind === "call" ? e.args.length : e.items.length;
  const comma = (i: number): string => (i === count - 1 && syntax.lastComma === false ? "" : ",");
  if (e.kind === "call") e.args.forEach(([name, value], i) => inner.push(...lines(syntax, value, syntax.argPrefix(name), comma(i), depth + 1, indentWidth)));
  else e.items.forEach((item, i) => inner.push(...lines(syntax, item, [], comma(i), depth + 1, indentWidth)));
  return [{ depth, parts: open }, ...inner, { depth, parts: [close, suffix] }];
}

/** Prints `prefix` + the expression + `suffix` as a statement at the builder's indentation (`level` levels deep). */
export function printExprWith(syntax: ExprSyntax, f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  for (const line of lines(syntax, e, prefix, suffix, 0, level * syntax.indent.length)) f.print(syntax.indent.repeat(line.depth), ...line.parts);
}
