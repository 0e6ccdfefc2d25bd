// Sample values (the reference codec's WireValues) printed as Python
// expressions of the generated message classes: enums as members, structs as
// constructor calls, bytes as bytes literals.
import type { EnumDecl, FieldType } from "../../../spec/model.js";
import { pythonString } from "../../literals/string-literal.js";
import { pyFloat } from "../layer/code.js";
import type { WireValue } from "../../../wire/values.js";
import type { ProjectSymbols, TransportContext } from "./context.js";
import { sampleExpr, type LiteralSyntax } from "../../transport-common/sample-expr.js";
import { code, type Expr } from "./expr.js";

/**
 * A `bytes` literal written to be read (`b"token-1\x00"`), or an expression
 * building long ones: the transports' samples end up in demos people read,
 * unlike the layer tests' `bytes.fromhex` (layer/code.ts pyBytes).
 */
export function pyReadableBytes(b: Uint8Array): string {
  if (b.length > 48) {
    if (b.every((x) => x === 0)) return `bytes(${b.length})`;
    return `bytes.fromhex(${JSON.stringify(Buffer.from(b).toString("hex"))})`;
  }
  let out = 'b"';
  for (const x of b) {
    if (x === 0x5c) out += "\\\\";
    else if (x === 0x22) out += '\\"';
    else if (x === 0x0a) out += "\\n";
    else if (x >= 0x20 && x < 0x7f) out += String.fromCharCode(x);
    else out += `\\x${x.toString(16).padStart(2, "0")}`;
  }
  return `${out}"`;
}

export function enumMember(ctx: TransportContext, sym: ProjectSymbols, enumName: string, valueName: string): Expr {
  const decl = ctx.type(enumName) as EnumDecl;
  if (!decl.values.some((v) => v.name === valueName)) throw new Error(`python transport: ${enumName} has no value ${valueName}`);
  return code(sym.cls(enumName), ".", ctx.member(enumName, valueName));
}

/** Python's literals and names, for the shared walk over a sample value. */
function literals(ctx: TransportContext, sym: ProjectSymbols): LiteralSyntax {
  return {
    scalar: (type, value) => {
      switch (type.kind) {
        case "bool":
          return value === true ? "True" : "False";
        case "int":
        case "timestamp":
          return String(value);
        case "float":
          return pyFloat(Number(value));
        case "string":
          return pythonString(String(value));
        case "bytes":
          return pyReadableBytes(value as Uint8Array);
      }
    },
    enumMember: (enumName, valueName) => enumMember(ctx, sym, enumName, valueName),
    cls: (name) => sym.cls(name),
    fieldName: (owner, field) => ctx.attr(owner, field),
  };
}

/** A constant of `type` as a Python expression. */
export function constExpr(ctx: TransportContext, sym: ProjectSymbols, type: FieldType, value: WireValue): Expr {
  return sampleExpr(ctx, literals(ctx, sym), type, value);
}
