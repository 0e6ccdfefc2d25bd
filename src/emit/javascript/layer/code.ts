// Literals and type texts of generated JavaScript: strings, exact numbers
// and bigints, and the TypeScript type of each field kind (one table).
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import { symbols } from "../../index.js";
import type { FileBuilder } from "../../printer.js";
import type { JsModel } from "./model.js";

/** A JavaScript string literal (JSON syntax is valid JavaScript). */
export const jsStr = (value: string): string => JSON.stringify(value);

/** The integer range of an int kind, as bigints. */
export function intRange(bits: number, signed: boolean): readonly [bigint, bigint] {
  return signed ? [-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n] : [0n, 2n ** BigInt(bits) - 1n];
}

/** TypeScript types of field values; `ref` names an enum or struct type
 *  (`Login` in a .d.ts or in messages.js itself, `import("../messages.js").Login`
 *  in the JSDoc of src/internal/). */
export function typeTable(model: JsModel, ref: (className: string) => string): FieldKindTable<string> {
  const table: FieldKindTable<string> = {
    bool: () => "boolean",
    int: (t) => (t.bits === 64 ? "bigint" : "number"),
    float: () => "number",
    string: () => "string",
    bytes: () => "Uint8Array",
    timestamp: () => "bigint",
    enum: (t) => ref(model.className(t.name)),
    struct: (t) => ref(model.className(t.name)),
    list: (t) => `${dispatchFieldType(table, t.of)}[]`,
  };
  return table;
}

export const dtsRef = (className: string): string => className;
export const jsdocRef = (className: string): string => `import("../messages.js").${className}`;

export function typeText(model: JsModel, type: FieldType, ref: (className: string) => string): string {
  return dispatchFieldType(typeTable(model, ref), type);
}

/** A JSDoc block, one line per paragraph line, at `indent`. */
export function jsdoc(text: string, indent = ""): string {
  const lines = text.trim().split("\n");
  if (lines.length === 1) return `${indent}/** ${sanitize(lines[0] ?? "")} */`;
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${sanitize(l)}`.trimEnd()), `${indent} */`].join("\n");
}

const sanitize = (s: string): string => s.replace(/\*\//g, "* /");

/** `enc` `dec` `toJson` `fromJson` function names of a composite: `$` keeps them apart from every spec name. */
export const fn = (prefix: string, model: JsModel, name: string): string => `${prefix}${model.className(name)}`;

/** The imports every per-message module of internal/ shares: the wire
 *  helpers as `$`, the patterns it uses, and the message classes. */
export function addLayerImports(f: FileBuilder, model: JsModel, patterns: readonly string[]): void {
  const js = symbols.javascript;
  f.addImport(js.namespace("./wire.js", "$"));
  for (const name of patterns) f.addImport(js.from("./patterns.js", name));
  for (const c of model.composites) f.addImport(js.from("../messages.js", model.className(c.name)));
}
