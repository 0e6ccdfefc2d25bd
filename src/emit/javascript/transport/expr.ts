// JavaScript expressions as small trees, printed on one line when they fit
// (Prettier's 80 columns) and broken one property or item per line otherwise:
//   new Login({ username: "alice", password: "..." })
//   new JoinOk({
//     summary: new RoomSummary({ room: message.room, members: [], isModerator: false }),
//     history: [],
//   })
import type { FileBuilder } from "../../printer.js";
import { isImportSymbol, type Printable } from "../../symbols.js";

export type Expr =
  /** Printed as is, never broken. */
  | { readonly kind: "code"; readonly parts: Printable }
  /** `new Cls({ name: value, ... })`. */
  | { readonly kind: "new"; readonly cls: Printable; readonly props: readonly (readonly [string, Expr])[] }
  | { readonly kind: "list"; readonly items: readonly Expr[] };

export const code = (...parts: Printable[]): Expr => ({ kind: "code", parts });
export const construct = (cls: Printable, props: readonly (readonly [string, Expr])[]): Expr => ({ kind: "new", cls, props });
export const list = (items: readonly Expr[]): Expr => ({ kind: "list", items });

/** The width of printed parts; a symbol counts as its name. */
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
    case "new": {
      if (e.props.length === 0) return ["new ", e.cls, "({})"];
      const out: Printable[] = ["new ", e.cls, "({ "];
      e.props.forEach(([name, value], i) => out.push(i > 0 ? ", " : "", `${name}: `, ...flat(value)));
      out.push(" })");
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

/** Whether a fallback is short enough to sit after `??` in one line. */
export const simple = (e: Expr): boolean => e.kind === "code" || flat(e).length < 12;

interface Line {
  readonly depth: number;
  readonly parts: Printable[];
}

const MAX = 80;

function lines(e: Expr, prefix: Printable[], suffix: string, depth: number, indentWidth: number): Line[] {
  const one = [...prefix, ...flat(e), suffix];
  if (e.kind === "code" || indentWidth + depth * 2 + width(one) <= MAX) return [{ depth, parts: one }];
  if (e.kind === "new" && e.props.length === 0) return [{ depth, parts: one }];
  const open = e.kind === "new" ? [...prefix, "new ", e.cls, "({"] : [...prefix, "["];
  const close = e.kind === "new" ? "})" : "]";
  const inner: Line[] = [];
  if (e.kind === "new") for (const [name, value] of e.props) inner.push(...lines(value, [`${name}: `], ",", depth + 1, indentWidth));
  else for (const item of e.items) inner.push(...lines(item, [], ",", depth + 1, indentWidth));
  return [{ depth, parts: open }, ...inner, { depth, parts: [close, suffix] }];
}

/** Prints `prefix` + the expression + `suffix` as a statement at the builder's indentation (`level` levels deep). */
export function printExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  for (const line of lines(e, prefix, suffix, 0, level * 2)) f.print("  ".repeat(line.depth), ...line.parts);
}
