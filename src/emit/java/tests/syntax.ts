// Java's side of the shared test plans: literals of sample values (the
// shared walk of transport-common/sample-expr.ts with positional record
// constructors and List.of), how expressions are laid out, the reference's
// outcomes, and the test file skeleton.
import type { Outcome } from "../../test-plans/outcome.js";
import { printExprWith, type Expr, type ExprSyntax } from "../../transport-common/expr.js";
import { code } from "../../transport-common/expr.js";
import type { LiteralSyntax, ScalarType, TypeLookup } from "../../transport-common/sample-expr.js";
import type { FileBuilder, FileSet, Printable } from "../../index.js";
import type { WireValue } from "../../../wire/index.js";
import type { Spec, TypeDecl } from "../../../spec/model.js";
import { javaDouble, javaInt, javaLong, javaStr } from "../literals.js";
import type { JavaModel } from "../model.js";

export const JAVA_EXPR: ExprSyntax = {
  maxWidth: 120,
  indent: "    ",
  flatOpen: (callee) => ["new ", callee, "("],
  flatClose: ")",
  brokenOpen: (callee) => ["new ", callee, "("],
  brokenClose: ")",
  argPrefix: () => [],
  listOpen: "List.of(",
  listClose: ")",
  lastComma: false,
};

export function printJavaExpr(f: FileBuilder, level: number, prefix: Printable[], e: Expr, suffix = ""): void {
  printExprWith(JAVA_EXPR, f, level, prefix, e, suffix);
}

/** A Java literal of a scalar of `type`, of the exact Java type of its component (int, long, float, double...). */
export function javaScalar(type: ScalarType, value: WireValue): string {
  switch (type.kind) {
    case "bool":
      return value === true ? "true" : "false";
    case "int": {
      const v = BigInt(value as number | bigint);
      return type.bits === 64 || (type.bits === 32 && !type.signed) ? javaLong(v) : javaInt(v);
    }
    case "timestamp":
      return javaLong(BigInt(value as number | bigint));
    case "float":
      return type.bits === 32 ? `${javaDouble(value as number)}f` : javaDouble(value as number);
    case "string":
      return javaStr(value as string);
    case "bytes": {
      const bytes = value as Uint8Array;
      if (bytes.every((b) => b === 0)) return `new byte[${bytes.length}]`;
      return `new byte[] {${[...bytes].map((b) => String(b > 127 ? b - 256 : b)).join(", ")}}`;
    }
  }
}

/** The generated records' literals: `new Member("ann", UserStatus.ONLINE, false)`. */
export function javaLiterals(model: JavaModel): LiteralSyntax {
  return {
    scalar: javaScalar,
    enumMember: (enumName, valueName) => code(`${model.className(enumName)}.${model.constant(enumName, valueName)}`),
    cls: (name) => model.className(name),
    fieldName: (owner, field) => model.component(owner, field),
    absent: "null",
  };
}

export function typeLookup(spec: Spec): TypeLookup {
  return {
    type: (name: string): TypeDecl => {
      const t = spec.types.find((x) => x.name === name);
      if (t === undefined) throw new Error(`java tests: the spec declares no type ${name}`);
      return t;
    },
  };
}

/** `ok()` or `refused("constraint_violated", "Login.username")` (Changes.java). */
export const outcomeCall = (o: Outcome): string => (o.ok ? "ok()" : `refused(${javaStr(o.code)}, ${o.path === undefined ? "null" : javaStr(o.path)})`);

/** `JoinOk` → `JOIN_OK`. */
export const constantName = (cls: string): string => cls.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").toUpperCase();

/** A camelCase method name from words (`JoinOk`, `summary_members_item`). */
export function methodName(words: readonly string[]): string {
  const parts = words.flatMap((w) => w.split(/[^A-Za-z0-9]+/)).filter((w) => w !== "");
  const out = parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join("");
  return /^[0-9]/.test(out) ? `m${out}` : out;
}

/** Unique method names within one class. */
export function methodNames(): (base: string) => string {
  const used = new Set<string>();
  return (base) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}${n}`;
    used.add(name);
    return name;
  };
}

/** A test file in src/test/java/<package>/. */
export function testFile(files: FileSet, model: JavaModel, cls: string): FileBuilder {
  return files.file(`java/src/test/java/${model.pkgDir}/${cls}.java`, "java", { module: model.pkg, localNames: [cls] });
}
