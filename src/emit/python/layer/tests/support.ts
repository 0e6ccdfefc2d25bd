// Shared by the generated test modules: the test file itself, and sample
// values (from the reference's golden-vector samples) printed as Python.
import type { Field, FieldKindTable, FieldType } from "../../../../spec/model.js";
import { dispatchFieldType } from "../../../../spec/model.js";
import type { JsonValue, WireObject, WireValue } from "../../../../wire/index.js";
import { symbols, type FileBuilder, type FileSet, type Printable } from "../../../index.js";
import { moduleDocstring, pyBytes, pyFloat, pyStr } from "../code.js";
import type { Composite, PyModel } from "../model.js";
import { packageModules, type Modules } from "../modules.js";

export interface TestModule {
  readonly f: FileBuilder;
  readonly model: PyModel;
  readonly mods: Modules;
}

export function testModule(files: FileSet, model: PyModel, name: string, doc: string): TestModule {
  const f = files.file(`python/tests/${name}.py`, "python", { module: name });
  f.preamble(moduleDocstring(doc));
  f.addImport(symbols.python.from("__future__", "annotations"));
  return { f, model, mods: packageModules(model.pkg, false) };
}

const repeated = <T>(items: readonly T[], same: (a: T, b: T) => boolean): boolean => items.length > 3 && items.every((x) => same(x, items[0] as T));

/** A Python string literal; a run of one character as `"a" * n`. */
function pyText(value: string): string {
  const chars = Array.from(value);
  if (repeated(chars, (a, b) => a === b)) return `${pyStr(chars[0] as string)} * ${chars.length}`;
  return pyStr(value);
}

type ValuePrinter = (t: TestModule, v: WireValue) => Printable;

const VALUES: FieldKindTable<ValuePrinter> = {
  bool: () => (_, v) => (v === true ? "True" : "False"),
  int: () => (_, v) => String(v),
  float: () => (_, v) => pyFloat(v as number),
  string: () => (_, v) => pyText(v as string),
  bytes: () => (_, v) => pyBytes(v as Uint8Array),
  timestamp: () => (_, v) => String(v),
  enum: (type) => (t, v) => {
    const decl = t.model.enumDecl(type.name);
    const value = decl.values.find((x) => x.name === v);
    if (value === undefined) throw new Error(`python tests: ${String(v)} is not a value of ${type.name}`);
    return [t.mods.from("messages", t.model.className(type.name)), ".", t.model.member(type.name, value.name)];
  },
  struct: (type) => (t, v) => pyComposite(t, t.model.composite(type.name), v as WireObject),
  list: (type) => (t, v) => {
    const items = v as readonly WireValue[];
    const printed = items.map((item) => pyValue(t, type.of, item));
    if (repeated(items, (a, b) => JSON.stringify(a, jsonSafe) === JSON.stringify(b, jsonSafe))) return ["[", printed[0] as Printable, `] * ${items.length}`];
    return ["[", printed.flatMap((p, i) => (i === 0 ? [p] : [", ", p])), "]"];
  },
};

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
  return value;
}

/** A value of `type` as a Python expression. */
export const pyValue = (t: TestModule, type: FieldType, v: WireValue): Printable => dispatchFieldType(VALUES, type)(t, v);

/** `Cls(a=..., b=...)` with the fields present in `value`; `multiline` puts each on its own line (for `f.print`). */
export function pyComposite(t: TestModule, c: Composite, value: WireObject, multiline = false): Printable {
  const cls = t.mods.from("messages", t.model.className(c.name));
  const args = c.fields.flatMap((field: Field) => {
    const v = value[field.name];
    return v === undefined ? [] : [[t.model.attr(c.name, field.name), "=", pyValue(t, field.type, v)] as Printable[]];
  });
  if (!multiline || args.length === 0) return [cls, "(", args.flatMap((a, i) => (i === 0 ? [a] : [", ", a])), ")"];
  return [cls, "(\n", args.flatMap((a) => ["    ", a, ",\n"]), ")"];
}

/** A JSON value as a Python literal (dict, list, str, int, float, bool, None). */
export function pyJson(value: JsonValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : pyFloat(value);
  if (typeof value === "string") return pyStr(value);
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(pyJson).join(", ")}]`;
  const entries = Object.entries(value as { readonly [k: string]: JsonValue });
  return `{${entries.map(([k, v]) => `${pyStr(k)}: ${pyJson(v)}`).join(", ")}}`;
}
