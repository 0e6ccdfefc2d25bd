// C++'s side of the shared test plans: sample values as expressions of the
// generated structs (designated initializers naming every member, an absent
// optional as std::nullopt, lists as typed std::vector), the lvalue of a
// site inside a sample, the reference's outcomes, and test names.
import type { FieldType } from "../../../spec/model.js";
import type { WireObject, WireValue } from "../../../wire/index.js";
import type { Outcome } from "../../test-plans/outcome.js";
import type { PathStep } from "../../test-plans/validation-plan.js";
import { call, code, printExprWith, type Expr, type ExprSyntax } from "../../transport-common/expr.js";
import type { FileBuilder, FileSet, Printable } from "../../index.js";
import { cppDouble, cppFloat, cppInt, cppStr } from "../literals.js";
import type { CppModel } from "../model.js";
import { cppType } from "../types.js";

export const CPP_EXPR: ExprSyntax = {
  maxWidth: 120,
  indent: "  ",
  flatOpen: (callee) => [callee, "{"],
  flatClose: "}",
  brokenOpen: (callee) => [callee, "{"],
  brokenClose: "}",
  emptyCall: (callee) => [callee, "{}"],
  argPrefix: (name) => (name === "" ? [] : [`.${name} = `]),
};

export function printCppExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  printExprWith(CPP_EXPR, f, level, prefix, e, suffix);
}

/** A literal of a scalar of `type`, of the exact C++ type of its member. */
export function cppScalar(type: FieldType, value: WireValue): string {
  switch (type.kind) {
    case "bool":
      return value === true ? "true" : "false";
    case "int":
    case "timestamp":
      return cppInt(type, BigInt(value as number | bigint));
    case "float":
      return type.bits === 32 ? cppFloat(value as number) : cppDouble(value as number);
    case "string":
      return cppStr(value as string);
    case "bytes":
      return `Bytes{${[...(value as Uint8Array)].join(", ")}}`;
    default:
      throw new Error(`cpp tests: ${type.kind} is not a scalar`);
  }
}

/** A value of `type` (the reference's WireValue) as a C++ expression. */
export function sampleExpr(model: CppModel, type: FieldType, value: WireValue): Expr {
  switch (type.kind) {
    case "enum":
      return code(`${model.typeName(type.name)}::${model.enumerator(type.name, String(value))}`);
    case "struct":
      return structExpr(model, type.name, value as WireObject);
    case "list":
      return call(`std::vector<${cppType(model, type.of)}>`, (value as readonly WireValue[]).map((item) => ["", sampleExpr(model, type.of, item)] as const));
    default:
      return code(cppScalar(type, value));
  }
}

/** `Owner{.a = ..., .b = std::nullopt}`: every member in declaration order (-Wmissing-field-initializers). */
export function structExpr(model: CppModel, owner: string, value: WireObject): Expr {
  const fields = model.composite(owner).fields;
  return call(
    model.typeName(owner),
    fields.map((f) => {
      const v = value[f.name];
      return [model.member(owner, f.name), v === undefined ? code("std::nullopt") : sampleExpr(model, f.type, v)] as const;
    }),
  );
}

/** The lvalue of a site inside the sample `m`: `m.rooms[0].members[0].username`, optionals dereferenced on the way. */
export function siteLvalue(model: CppModel, base: string, steps: readonly PathStep[]): string {
  let expr = base;
  steps.forEach((step, i) => {
    if (typeof step === "number") {
      expr = `${expr}[${step}]`;
      return;
    }
    const member = `${expr}.${model.member(step.owner, step.field)}`;
    expr = model.field(step.owner, step.field).optional && i < steps.length - 1 ? `(*${member})` : member;
  });
  return expr;
}

/** `ok()` or `refused("constraint_violated", "Login.username")` (support.hpp). */
export const outcomeCall = (o: Outcome): string => (o.ok ? "ok()" : `refused(${cppStr(o.code)}, ${cppStr(o.path ?? "")})`);

/** `{true, "", ""}` or `{false, "constraint_violated", "Login.username"}`: an OutcomeRow (support.hpp) in a constant table. */
export const outcomeRow = (o: Outcome): string => (o.ok ? '{true, "", ""}' : `{false, ${cppStr(o.code)}, ${cppStr(o.path ?? "")}}`);

/** A C++ identifier from words (`JoinOk`, `summary_members_item`): letters, digits and _. */
export function identifier(words: readonly string[]): string {
  const out = words.flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter((w) => w !== "").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
  return /^[0-9]/.test(out) || out === "" ? `N${out}` : out;
}

/** Unique names within one suite. */
export function uniqueNames(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    used.add(name);
    return name;
  };
}

/** A test source in test/. */
export function testFile(files: FileSet, name: string): FileBuilder {
  return files.file(`cpp/test/${name}`, "cpp");
}

/** The includes and namespaces every generated test opens. */
export function openTest(f: FileBuilder, model: CppModel, extra: readonly string[] = []): void {
  f.print("#include <gtest/gtest.h>");
  f.print();
  for (const h of ["cmath", "functional", "limits", "string", "vector", ...extra].sort()) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${model.ns}/codec.hpp"`);
  f.print('#include "support.hpp"');
  f.print();
}

