// C++ literals of spec values: strings (the framework's cppString, with a
// length when the value holds U+0000), integers of the exact width and
// signedness of their type (so no comparison mixes signedness), and doubles
// that read back as the same binary64.
import type { FieldType } from "../../spec/model.js";
import { stringLiteral } from "../index.js";

/** A std::string (or a string_view argument) holding `value`'s UTF-8. */
export function cppStr(value: string): string {
  const lit = stringLiteral.cpp(value);
  return value.includes("\0") ? `std::string(${lit}, ${new TextEncoder().encode(value).length})` : lit;
}

/** A literal of `value` for a value of the integer (or timestamp) type. */
export function cppInt(type: FieldType, value: bigint): string {
  const bits = type.kind === "int" ? type.bits : 64;
  const signed = type.kind === "int" ? type.signed : true;
  if (!signed) return bits === 64 ? `${value}ULL` : bits === 32 ? `${value}U` : String(value);
  if (bits === 64) return value === -0x8000000000000000n ? "(-9223372036854775807LL - 1)" : `${value}LL`;
  return value === -0x80000000n ? "(-2147483647 - 1)" : String(value);
}

/** A double literal that reads back as exactly `value`. */
export function cppDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cppDouble: ${value} has no literal`);
  if (Object.is(value, -0)) return "-0.0";
  const s = String(value);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A float literal of a value that is a binary32 (its shortest double form rounds to it). */
export const cppFloat = (value: number): string => `${cppDouble(value)}f`;

/** The spec's bound as the reference prints it (JavaScript's String(number)). */
export const boundText = (value: number): string => String(value);

/** `namespace name {` … `}  // namespace name`, its body not indented (Google style); an empty name opens an anonymous namespace. */
export function inNamespace(f: { print(...parts: string[]): void }, name: string, body: () => void): void {
  f.print(name === "" ? "namespace {" : `namespace ${name} {`);
  body();
  f.print(name === "" ? "}  // namespace" : `}  // namespace ${name}`);
}
