import { describe, expect, it } from "vitest";
import { createFile, symbols, type LanguageTypeMap, type Printable } from "../../src/emit/index.js";
import { dispatchFieldType, type FieldType } from "../../src/spec/model.js";

const py = symbols.python;

// A complete table: what each language's type-mapping module looks like.
const pythonTypes: LanguageTypeMap = {
  bool: () => "bool",
  int: () => "int",
  float: () => "float",
  string: () => "str",
  bytes: () => "bytes",
  timestamp: () => py.from("datetime", "datetime"),
  enum: (t) => t.name,
  struct: (t) => t.name,
  list: (t): Printable => ["list[", dispatchFieldType(pythonTypes, t.of), "]"],
};

// @ts-expect-error -- `list` is missing: a table without every field kind must not compile.
const incomplete: LanguageTypeMap = {
  bool: () => "bool",
  int: () => "int",
  float: () => "float",
  string: () => "str",
  bytes: () => "bytes",
  timestamp: () => "datetime",
  enum: (t) => t.name,
  struct: (t) => t.name,
};

const wrongHandler: LanguageTypeMap = {
  ...pythonTypes,
  // @ts-expect-error -- a handler gets its own kind: an `int` has `bits`, a `bool` does not.
  bool: (t: { kind: "int"; bits: number }) => String(t.bits),
};

describe("LanguageTypeMap", () => {
  it("maps every field kind, nested lists and imported types included", () => {
    const type: FieldType = { kind: "list", of: { kind: "list", of: { kind: "timestamp" } } };
    const f = createFile("a.py", "python", { header: "none" });
    f.print("at: ", dispatchFieldType(pythonTypes, type));
    expect(f.finish().content).toBe("from datetime import datetime\n\n\nat: list[list[datetime]]\n");
    expect(Object.keys(incomplete)).not.toContain("list");
    expect(Object.keys(wrongHandler)).toContain("bool");
  });
});
