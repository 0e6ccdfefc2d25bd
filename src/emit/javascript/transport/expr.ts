// JavaScript expressions (transport-common/expr.ts) printed the Prettier way:
// 80 columns, two-space indentation, one property per line when broken:
//   new Login({ username: "alice", password: "..." })
//   new JoinOk({
//     summary: new RoomSummary({ room: message.room, members: [], isModerator: false }),
//     history: [],
//   })
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import { call, flatExpr, isSimpleExpr, printExprWith, type Expr, type ExprSyntax } from "../../transport-common/expr.js";

export { code, list, type Expr } from "../../transport-common/expr.js";

const javascript: ExprSyntax = {
  maxWidth: 80,
  indent: "  ",
  flatOpen: (cls) => ["new ", cls, "({ "],
  flatClose: " })",
  brokenOpen: (cls) => ["new ", cls, "({"],
  brokenClose: "})",
  emptyCall: (cls) => ["new ", cls, "({})"],
  argPrefix: (name) => [`${name}: `],
};

/** `new Cls({ name: value, ... })`. */
export const construct = (cls: Printable, props: readonly (readonly [string, Expr])[]): Expr => call(cls, props);

/** The expression on one line. */
export const flat = (e: Expr): Printable[] => flatExpr(javascript, e);

/** Whether a fallback is short enough to sit after `??` in one line. */
export const simple = (e: Expr): boolean => isSimpleExpr(javascript, e);

/** Prints `prefix` + the expression + `suffix` as a statement at the builder's indentation (`level` levels deep). */
export function printExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  printExprWith(javascript, f, level, prefix, e, suffix);
}
