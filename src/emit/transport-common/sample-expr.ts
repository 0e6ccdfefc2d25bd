// A sample value (the reference codec's WireValue) as an expression of the
// generated classes. The walk is the same in every language: enums become
// members, structs constructor calls with the fields the sample has, lists
// lists; each language gives only its literals and names (LiteralSyntax).
import type { Field, FieldType, StructDecl } from "../../spec/model.js";
import type { WireObject, WireValue } from "../../wire/values.js";
import type { Printable } from "../symbols.js";
import type { SpecView } from "./context.js";
import { call, code, list, type Expr } from "./expr.js";

/** All the walk needs of a spec: its declared types by name. */
export type TypeLookup = Pick<SpecView, "type">;

export type ScalarType = Exclude<FieldType, { kind: "enum" | "struct" | "list" }>;

export interface LiteralSyntax {
  /** A bool, number, timestamp, string or bytes literal. */
  readonly scalar: (type: ScalarType, value: WireValue) => string;
  /** `Status.ONLINE`. */
  readonly enumMember: (enumName: string, valueName: string) => Expr;
  /** The class of a struct or message. */
  readonly cls: (name: string) => Printable;
  /** A field's name in the generated class. */
  readonly fieldName: (owner: string, field: string) => string;
  /**
   * For positional constructors (Java records): every field is passed, in
   * declaration order, and a field the value lacks as this literal (`null`).
   * Without it, only the fields the value has are passed, by name.
   */
  readonly absent?: string;
}

/** `Owner(field=..., ...)` with the fields `value` has, in declaration order (every field when the syntax is positional). */
export function sampleCall(view: TypeLookup, syntax: LiteralSyntax, owner: string, fields: readonly Field[], value: WireObject): Expr {
  const args: [string, Expr][] = [];
  for (const f of fields) {
    const v = value[f.name];
    if (v !== undefined) args.push([syntax.fieldName(owner, f.name), sampleExpr(view, syntax, f.type, v)]);
    else if (syntax.absent !== undefined) args.push([syntax.fieldName(owner, f.name), code(syntax.absent)]);
  }
  return call(syntax.cls(owner), args);
}

/** A constant of `type`. */
export function sampleExpr(view: TypeLookup, syntax: LiteralSyntax, type: FieldType, value: WireValue): Expr {
  switch (type.kind) {
    case "enum":
      return syntax.enumMember(type.name, String(value));
    case "struct":
      return sampleCall(view, syntax, type.name, (view.type(type.name) as StructDecl).fields, value as WireObject);
    case "list":
      return list((value as readonly WireValue[]).map((item) => sampleExpr(view, syntax, type.of, item)));
    default:
      return code(syntax.scalar(type, value));
  }
}
