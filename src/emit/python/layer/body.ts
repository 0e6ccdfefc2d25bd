// What a generated codec function body is printed with: the file, the
// spec's Python names, the runtime's names, the function's locals, and the
// place of the value being handled (its error path and constraints).
import type { Constraints } from "../../../spec/model.js";
import type { FileBuilder, ImportSymbol, LanguageTypeMap, Printable } from "../../index.js";
import { pyStr } from "./code.js";
import type { PyModel } from "./model.js";
import type { Modules } from "./modules.js";
import type { Locals, WireNames } from "./wire.js";

export interface FileContext {
  readonly f: FileBuilder;
  readonly model: PyModel;
  readonly mods: Modules;
  readonly w: WireNames;
  readonly types: LanguageTypeMap;
  /** The `_patterns` constant of a pattern source. */
  readonly pattern: (source: string) => ImportSymbol;
  /** MAX_FRAME_BYTES of protocol_info. */
  readonly limit: ImportSymbol;
  /** The module-level struct.Struct of a run's format (`qfBH`), created on first use. */
  readonly runStruct: (format: string) => string;
  /** A module-level table of this file (enum lookups), created on first use. */
  readonly table: (kind: TableKind, enumName: string) => string;
}

export type TableKind = "by_value" | "names" | "by_name";

export interface Body extends FileContext {
  readonly locals: Locals;
}

/** Where a value sits: its path relative to the struct being handled ("" for
 *  a list item: the loop's handler adds `[i]`), and its field's constraints. */
export interface Place {
  readonly path: string;
  readonly c: Constraints;
  /** minItems/maxItems apply (the field's outermost list). */
  readonly outer: boolean;
  /** The target local is already declared with its type (optional fields). */
  readonly declared: boolean;
}

export const fieldPlace = (name: string, c: Constraints): Place => ({ path: name, c, outer: true, declared: false });
export const itemPlace = (c: Constraints): Place => ({ path: "", c, outer: false, declared: false });

export const pathOf = (p: Place): string => pyStr(p.path);

/** `lo, hi` arguments of a length or count check; empty when unconstrained. */
export function boundsArgs(lo: number | undefined, hi: number | undefined): string {
  if (lo === undefined && hi === undefined) return "";
  return `, ${lo ?? 0}, ${hi ?? "None"}`;
}

/** Prints `try: <body> except WireError as e: raise e.at(path[, index])`, or just the body when there is nothing to add. */
export function relocating(b: FileContext, path: string, index: string | undefined, body: () => void): void {
  if (path === "" && index === undefined) {
    body();
    return;
  }
  b.f.block("try:", body);
  b.f.block(["except ", b.w.WireError, " as e:"], () => b.f.print("raise e.at(", pyStr(path), index === undefined ? "" : `, ${index}`, ")"));
}

/** `a, b` as printable parts. */
export function commaList(items: readonly Printable[]): Printable[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [", ", item]));
}
