// Sample values (the reference codec's WireValues) printed as Python
// expressions of the generated message classes: enums as members, structs as
// constructor calls, bytes as bytes literals.
import type { EnumDecl, FieldType, StructDecl } from "../../../spec/model.js";
import { pythonString } from "../../literals/string-literal.js";
import type { WireObject, WireValue } from "../../../wire/values.js";
import type { ProjectSymbols, TransportContext } from "./context.js";
import { call, code, list, type Expr } from "./expr.js";

/** A Python float literal that reads back as exactly `n`. */
export function pyFloat(n: number): string {
  if (Object.is(n, -0)) return "-0.0";
  const s = String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A `bytes` literal, or an expression building long ones. */
export function pyBytes(b: Uint8Array): string {
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

/** A constant of `type` as a Python expression. */
export function constExpr(ctx: TransportContext, sym: ProjectSymbols, type: FieldType, value: WireValue): Expr {
  switch (type.kind) {
    case "bool":
      return code(value === true ? "True" : "False");
    case "int":
    case "timestamp":
      return code(String(value));
    case "float":
      return code(pyFloat(Number(value)));
    case "string":
      return code(pythonString(String(value)));
    case "bytes":
      return code(pyBytes(value as Uint8Array));
    case "enum":
      return enumMember(ctx, sym, type.name, String(value));
    case "struct":
      return structExpr(ctx, sym, type.name, value as WireObject);
    case "list":
      return list((value as readonly WireValue[]).map((item) => constExpr(ctx, sym, type.of, item)));
  }
}

export function structExpr(ctx: TransportContext, sym: ProjectSymbols, structName: string, value: WireObject): Expr {
  const decl = ctx.type(structName) as StructDecl;
  const args: [string, Expr][] = [];
  for (const f of decl.fields) {
    const v = value[f.name];
    if (v !== undefined) args.push([ctx.attr(structName, f.name), constExpr(ctx, sym, f.type, v)]);
  }
  return call(sym.cls(structName), args);
}

/** A message constant: `Hello(sensor_id="sensor-1", ...)`. */
export function messageConst(ctx: TransportContext, sym: ProjectSymbols, messageName: string, value: WireObject): Expr {
  const m = ctx.message(messageName);
  const args: [string, Expr][] = [];
  for (const f of m.fields) {
    const v = value[f.name];
    if (v !== undefined) args.push([ctx.attr(messageName, f.name), constExpr(ctx, sym, f.type, v)]);
  }
  return call(sym.cls(messageName), args);
}
