// Sample values (the reference codec's WireValues) printed as JavaScript
// expressions of the generated message classes: enums as members
// (`UserStatus.ONLINE`), structs as `new Struct({...})`, 64-bit integers and
// timestamps as bigint literals, bytes as Uint8Arrays.
import type { EnumDecl, FieldType } from "../../../spec/model.js";
import { stringLiteral } from "../../literals/string-literal.js";
import { TransportSpecError } from "../../transport-common/errors.js";
import type { WireValue } from "../../../wire/values.js";
import type { JsTransportContext, ProjectSymbols } from "./context.js";
import { sampleExpr, type LiteralSyntax } from "../../transport-common/sample-expr.js";
import { code, type Expr } from "./expr.js";

/** A number literal that reads back as exactly `n`. */
export function jsNumber(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

/** A Uint8Array expression: UTF-8 text when the bytes are printable ASCII, else the bytes. */
export function jsBytes(b: Uint8Array): string {
  if (b.length > 0 && b.every((x) => (x >= 0x20 && x < 0x7f) || x === 0x0a)) {
    return `new TextEncoder().encode(${stringLiteral.javascript(Buffer.from(b).toString("latin1"))})`;
  }
  if (b.length > 48) {
    if (b.every((x) => x === 0)) return `new Uint8Array(${b.length})`;
    return `Uint8Array.from(Buffer.from(${JSON.stringify(Buffer.from(b).toString("hex"))}, "hex"))`;
  }
  return `Uint8Array.of(${[...b].join(", ")})`;
}

export function enumMember(ctx: JsTransportContext, sym: ProjectSymbols, enumName: string, valueName: string): Expr {
  const decl = ctx.type(enumName) as EnumDecl;
  if (!decl.values.some((v) => v.name === valueName)) throw new TransportSpecError("no-enum-value", `javascript transport: ${enumName} has no value ${valueName}`);
  return code(sym.cls(enumName), ".", ctx.member(enumName, valueName));
}

/** Whether values of `type` are bigints. */
export const isBig = (type: FieldType): boolean => type.kind === "timestamp" || (type.kind === "int" && type.bits === 64);

/** JavaScript's literals and names, for the shared walk over a sample value. */
function literals(ctx: JsTransportContext, sym: ProjectSymbols): LiteralSyntax {
  return {
    scalar: (type, value) => {
      switch (type.kind) {
        case "bool":
          return value === true ? "true" : "false";
        case "int":
        case "timestamp":
          return isBig(type) ? `${String(value)}n` : String(value);
        case "float":
          return jsNumber(Number(value));
        case "string":
          return stringLiteral.javascript(String(value));
        case "bytes":
          return jsBytes(value as Uint8Array);
      }
    },
    enumMember: (enumName, valueName) => enumMember(ctx, sym, enumName, valueName),
    cls: (name) => sym.cls(name),
    fieldName: (owner, field) => ctx.prop(owner, field),
  };
}

/** A constant of `type` as a JavaScript expression. */
export function constExpr(ctx: JsTransportContext, sym: ProjectSymbols, type: FieldType, value: WireValue): Expr {
  return sampleExpr(ctx, literals(ctx, sym), type, value);
}
