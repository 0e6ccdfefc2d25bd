// Checks of TypeScript values against their field type, shared by the
// binary encoder and the JSON mapping. A value of the wrong type or outside
// its type's range is `invalid_value` (constraints are checked separately).
import type { FieldType, FieldTypeOf } from "../spec/model.js";
import { describe } from "./values.js";
import { WireError } from "./wire-error.js";

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

export function intRange(t: FieldTypeOf<"int">): readonly [number, number] {
  return t.signed ? [-(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1] : [0, 2 ** t.bits - 1];
}

/** The range of an integer type as bigints (a timestamp is a signed 64-bit count). */
export function integerRange(t: FieldType): readonly [bigint, bigint] {
  if (t.kind === "timestamp") return [INT64_MIN, INT64_MAX];
  if (t.kind !== "int") throw new TypeError(`integerRange: ${t.kind} is not an integer type`);
  const bits = BigInt(t.bits);
  return t.signed ? [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n] : [0n, 2n ** bits - 1n];
}

export function bigintRange(signed: boolean): readonly [bigint, bigint] {
  return signed ? [INT64_MIN, INT64_MAX] : [0n, UINT64_MAX];
}

export function typeName(t: FieldTypeOf<"int">): string {
  return `${t.signed ? "" : "u"}int${t.bits}`;
}

export function invalid(detail: string): WireError {
  return new WireError("invalid_value", detail);
}

export function acceptBool(v: unknown): boolean {
  if (typeof v !== "boolean") throw invalid(`expected a boolean, got ${describe(v)}`);
  return v;
}

export function acceptInt(v: unknown, lo: number, hi: number, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) {
    throw invalid(`expected an integer in ${lo}..${hi} (${name}), got ${describe(v)}`);
  }
  return v;
}

export function acceptBigInt(v: unknown, lo: bigint, hi: bigint, name: string): bigint {
  if (typeof v !== "bigint" || v < lo || v > hi) throw invalid(`expected a bigint in ${lo}..${hi} (${name}), got ${describe(v)}`);
  return v;
}

/** A finite number; for float32 rounded to the nearest float32, which must stay finite. */
export function acceptFloat(v: unknown, bits: 32 | 64): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`expected a finite number, got ${describe(v)}`);
  if (bits === 64) return v;
  const f = Math.fround(v);
  if (!Number.isFinite(f)) throw invalid(`${v} is outside the range of float32`);
  return f;
}

export function acceptString(v: unknown): string {
  if (typeof v !== "string") throw invalid(`expected a string, got ${describe(v)}`);
  return v;
}

export function acceptBytes(v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) throw invalid(`expected a Uint8Array, got ${describe(v)}`);
  return v;
}

export function acceptEnum(v: unknown, byName: ReadonlyMap<string, number>, enumName: string): number {
  const n = typeof v === "string" ? byName.get(v) : undefined;
  if (n === undefined) throw invalid(`expected a value name of enum ${enumName}, got ${describe(v)}`);
  return n;
}

export function finiteRead(v: number): number {
  if (!Number.isFinite(v)) throw invalid(`float is ${v}; only finite values are allowed`);
  return v;
}
