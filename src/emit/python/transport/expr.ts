// Python expressions (transport-common/expr.ts) printed the Black way: 88
// columns, four-space indentation, one argument per line when broken.
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { flatExpr, isSimpleExpr, printExprWith, type Expr, type ExprSyntax } from "../../transport-common/expr.js";

export { call, code, list, type Expr } from "../../transport-common/expr.js";

const python: ExprSyntax = {
  maxWidth: 88,
  indent: "    ",
  flatOpen: (callee) => [callee, "("],
  flatClose: ")",
  brokenOpen: (callee) => [callee, "("],
  brokenClose: ")",
  // A positional argument keeps an empty prefix part: `oneLine` counts parts.
  argPrefix: (name) => [name === "" ? "" : `${name}=`],
};

/** The expression on one line. */
export const flat = (e: Expr): Printable[] => flatExpr(python, e);

/** Whether a fallback is short enough to sit in a one-line conditional. */
export const oneLine = (e: Expr): boolean => isSimpleExpr(python, e);

/** Prints `prefix` + the expression + `suffix` as a statement at the builder's indentation (`level` levels deep). */
export function printExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  printExprWith(python, f, level, prefix, e, suffix);
}
