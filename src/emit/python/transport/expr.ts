// Python expressions as small trees, printed on one line when they fit and
// broken one argument per line (Black's style) when they do not.
import type { FileBuilder } from "../../printer.js";
import { isImportSymbol, type Printable } from "../../symbols.js";

export type Expr =
  /** Printed as is, never broken. */
  | { readonly kind: "code"; readonly parts: Printable }
  /** `callee(name=value, ...)`. */
  | { readonly kind: "call"; readonly callee: Printable; readonly args: readonly (readonly [string, Expr])[] }
  | { readonly kind: "list"; readonly items: readonly Expr[] };

export const code = (...parts: Printable[]): Expr => ({ kind: "code", parts });
export const call = (callee: Printable, args: readonly (readonly [string, Expr])[]): Expr => ({ kind: "call", callee, args });
export const list = (items: readonly Expr[]): Expr => ({ kind: "list", items });

/** The width of printed parts; a symbol counts as its name (an alias may be a little longer). */
export function width(parts: Printable): number {
  if (typeof parts === "string") return parts.length;
  if (typeof parts === "number" || typeof parts === "bigint") return String(parts).length;
  if (isImportSymbol(parts)) return parts.name.length;
  return parts.reduce((n: number, p) => n + width(p), 0);
}

/** The expression on one line. */
export function flat(e: Expr): Printable[] {
  switch (e.kind) {
    case "code":
      return [e.parts];
    case "call": {
      const out: Printable[] = [e.callee, "("];
      e.args.forEach(([name, value], i) => out.push(i > 0 ? ", " : "", name === "" ? "" : `${name}=`, ...flat(value)));
      out.push(")");
      return out;
    }
    case "list": {
      const out: Printable[] = ["["];
      e.items.forEach((item, i) => out.push(i > 0 ? ", " : "", ...flat(item)));
      out.push("]");
      return out;
    }
  }
}

interface Line {
  readonly depth: number;
  readonly parts: Printable[];
}

const MAX = 88;

function lines(e: Expr, prefix: Printable[], suffix: string, depth: number, indentWidth: number): Line[] {
  const one = [...prefix, ...flat(e), suffix];
  if (e.kind === "code" || indentWidth + depth * 4 + width(one) <= MAX) return [{ depth, parts: one }];
  const open = e.kind === "call" ? [...prefix, e.callee, "("] : [...prefix, "["];
  const close = e.kind === "call" ? ")" : "]";
  const inner: Line[] = [];
  if (e.kind === "call") for (const [name, value] of e.args) inner.push(...lines(value, name === "" ? [] : [`${name}=`], ",", depth + 1, indentWidth));
  else for (const item of e.items) inner.push(...lines(item, [], ",", depth + 1, indentWidth));
  return [{ depth, parts: open }, ...inner, { depth, parts: [close, suffix] }];
}

/** Prints `prefix` + the expression + `suffix` as a statement at the builder's indentation (`level` levels deep). */
export function printExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  for (const line of lines(e, prefix, suffix, 0, level * 4)) f.print("    ".repeat(line.depth), ...line.parts);
}
