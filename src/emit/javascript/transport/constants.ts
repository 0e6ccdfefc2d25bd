// Sample values (the reference codec's WireValues) printed as JavaScript
// expressions of the generated message classes: enums as members
// (`UserStatus.ONLINE`), structs as `new Struct({...})`, 64-bit integers and
// timestamps as bigint literals, bytes as Uint8Arrays.
import type { EnumDecl, FieldType } from "../../../spec/model.js";
import { jsScalar } from "../scalar-literal.js";
import { TransportSpecError } from "../../transport-common/errors.js";
import type { WireValue } from "../../../wire/values.js";
import type { JsTransportContext, ProjectSymbols } from "./context.js";
import { sampleExpr, type LiteralSyntax } from "../../transport-common/sample-expr.js";
import { code, type Expr } from "./expr.js";

export function enumMember(ctx: JsTransportContext, sym: ProjectSymbols, enumName: string, valueName: string): Expr {
  const decl = ctx.type(enumName) as EnumDecl;
  if (!decl.values.some((v) => v.name === valueName)) throw new TransportSpecError("no-enum-value", `javascript transport: ${enumName} has no value ${valueName}`);
  return code(sym.cls(enumName), ".", ctx.member(enumName, valueName));
}

/** JavaScript's literals and names, for the shared walk over a sample value. */
function literals(ctx: JsTransportContext, sym: ProjectSymbols): LiteralSyntax {
  return {
    scalar: jsScalar,
    enumMember: (enumName, valueName) => enumMember(ctx, sym, enumName, valueName),
    cls: (name) => sym.cls(name),
    fieldName: (owner, field) => ctx.prop(owner, field),
  };
}

/** A constant of `type` as a JavaScript expression. */
export function constExpr(ctx: JsTransportContext, sym: ProjectSymbols, type: FieldType, value: WireValue): Expr {
  return sampleExpr(ctx, literals(ctx, sym), type, value);
}
