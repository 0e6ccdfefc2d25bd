// Java literals of spec values: strings (the framework's javaString), exact
// integer bounds (long literals, uint64 bounds as their two's complement), and
// doubles that read back as the same binary64.
import { stringLiteral } from "../index.js";

export const javaStr = (value: string): string => stringLiteral.java(value);

/** A long literal of an integer in -2^63..2^64-1 (uint64 values above 2^63-1 as their two's complement, in hex). */
export function javaLong(value: bigint): string {
  if (value > 0x7fffffffffffffffn) return `0x${value.toString(16).toUpperCase()}L`;
  if (value === -0x8000000000000000n) return "Long.MIN_VALUE";
  return `${value}L`;
}

/** An int literal (-2^31..2^31-1). */
export function javaInt(value: bigint | number): string {
  const v = BigInt(value);
  if (v === -0x80000000n) return "Integer.MIN_VALUE";
  return String(v);
}

/** A double literal that reads back as exactly `value` (JavaScript's shortest form is a valid Java literal once it has a `.` or an exponent). */
export function javaDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`javaDouble: ${value} has no literal`);
  if (Object.is(value, -0)) return "-0.0";
  const s = String(value);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** The spec's bound as the reference prints it (JavaScript's String(number)). */
export const boundText = (value: number): string => String(value);
