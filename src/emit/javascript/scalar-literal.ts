// Scalar values (the reference codec's WireValues) as JavaScript literals:
// the one place the layer's tests and the transport's constants print them.
// 64-bit integers and timestamps are bigints, bytes Uint8Arrays.
import type { FieldType } from "../../spec/model.js";
import { stringLiteral } from "../literals/string-literal.js";
import type { ScalarType } from "../transport-common/sample-expr.js";
import type { WireValue } from "../../wire/values.js";

/** A number literal that reads back as exactly `value`. */
export function jsNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`jsNumber: ${value} has no literal`);
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A bigint literal of an integer-valued number or bigint. */
export const jsBigInt = (value: number | bigint): string => `${BigInt(value)}n`;

/** Whether values of the type are bigints (int64, uint64, timestamp). */
export const isWide = (t: FieldType): boolean => t.kind === "timestamp" || (t.kind === "int" && t.bits === 64);

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

/** A bool, number, bigint, string or bytes literal of `type`. */
export function jsScalar(type: ScalarType, value: WireValue): string {
  switch (type.kind) {
    case "bool":
      return value === true ? "true" : "false";
    case "int":
    case "timestamp":
      return isWide(type) ? jsBigInt(value as number | bigint) : jsNumber(Number(value));
    case "float":
      return jsNumber(Number(value));
    case "string":
      return stringLiteral.javascript(String(value));
    case "bytes":
      return jsBytes(value as Uint8Array);
  }
}
