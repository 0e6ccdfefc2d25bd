// Whether a field of the new type still reads what a peer of the old type
// writes, with the same meaning: on the wire (same bytes, wire-format §3) and
// in the JSON mapping (same JSON value accepted, §9). Pure.
import type { EnumDecl, FieldType, Spec, StructDecl, TypeDecl } from "../spec/model.js";

export interface TypeCompat {
  readonly wire: boolean;
  readonly json: boolean;
}

const BOTH: TypeCompat = { wire: true, json: true };
const NEITHER: TypeCompat = { wire: false, json: false };

interface Range {
  readonly lo: bigint;
  readonly hi: bigint;
}

function intRange(bits: number, signed: boolean): Range {
  const b = BigInt(bits);
  return signed ? { lo: -(1n << (b - 1n)), hi: (1n << (b - 1n)) - 1n } : { lo: 0n, hi: (1n << b) - 1n };
}

const contains = (outer: Range, inner: Range) => outer.lo <= inner.lo && inner.hi <= outer.hi;

/** The JSON form of a numeric type: 64-bit integers and timestamps are decimal strings (§9). */
const jsonString = (t: FieldType) => (t.kind === "int" && t.bits === 64) || t.kind === "timestamp";

const rangeOf = (t: FieldType): Range | undefined =>
  t.kind === "int" ? intRange(t.bits, t.signed) : t.kind === "timestamp" ? intRange(64, true) : undefined;

/** Integers a float of `bits` holds exactly: 2^24 for float32, 2^53 for float64. */
const exactInFloat = (r: Range, bits: 32 | 64) => {
  const limit = bits === 32 ? 1n << 24n : 1n << 53n;
  return -limit <= r.lo && r.hi <= limit;
};

export function typeCompat(oldType: FieldType, newType: FieldType, oldSpec: Spec, newSpec: Spec, seen: ReadonlySet<string> = new Set()): TypeCompat {
  const oldRange = rangeOf(oldType);
  const newRange = rangeOf(newType);
  if (oldRange !== undefined && newRange !== undefined) {
    const sameBytes = oldType.kind === "timestamp" || oldType.kind === "int" ? sameInteger(oldType, newType) : false;
    return { wire: sameBytes, json: jsonString(oldType) === jsonString(newType) && contains(newRange, oldRange) };
  }
  if (oldRange !== undefined && newType.kind === "float") {
    return { wire: false, json: !jsonString(oldType) && exactInFloat(oldRange, newType.bits) };
  }
  switch (oldType.kind) {
    case "bool":
    case "string":
      if (newType.kind === oldType.kind) return BOTH;
      return oldType.kind === "string" && newType.kind === "bytes" ? { wire: true, json: false } : NEITHER;
    case "bytes":
      return newType.kind === "bytes" ? BOTH : NEITHER;
    case "float":
      return newType.kind === "float" ? { wire: newType.bits === oldType.bits, json: newType.bits >= oldType.bits } : NEITHER;
    case "list":
      return newType.kind === "list" ? typeCompat(oldType.of, newType.of, oldSpec, newSpec, seen) : NEITHER;
    case "enum":
    case "struct": {
      if (newType.kind !== oldType.kind) return NEITHER;
      // Same name: the declaration's own changes are reported where it is declared.
      if (newType.name === oldType.name) return BOTH;
      return declCompat(declOf(oldSpec, oldType.name), declOf(newSpec, newType.name), oldSpec, newSpec, seen);
    }
    case "int":
    case "timestamp":
      return NEITHER;
  }
}

/** int and timestamp: the same bytes mean the same number. */
function sameInteger(oldType: FieldType, newType: FieldType): boolean {
  const shape = (t: FieldType) => (t.kind === "timestamp" ? "64s" : t.kind === "int" ? `${t.bits}${t.signed ? "s" : "u"}` : "");
  return shape(oldType) === shape(newType);
}

function declOf(spec: Spec, name: string): TypeDecl | undefined {
  return spec.types.find((t) => t.name === name);
}

/** Two differently named declarations: an enum reads by numbers (wire) and names (JSON), a struct field by field. */
function declCompat(oldDecl: TypeDecl | undefined, newDecl: TypeDecl | undefined, oldSpec: Spec, newSpec: Spec, seen: ReadonlySet<string>): TypeCompat {
  if (oldDecl === undefined || newDecl === undefined || oldDecl.kind !== newDecl.kind) return NEITHER;
  const key = `${oldDecl.name}>${newDecl.name}`;
  if (seen.has(key)) return BOTH;
  if (oldDecl.kind === "enum") return enumCompat(oldDecl, newDecl as EnumDecl);
  return structCompat(oldDecl, newDecl as StructDecl, oldSpec, newSpec, new Set([...seen, key]));
}

function enumCompat(oldDecl: EnumDecl, newDecl: EnumDecl): TypeCompat {
  const byValue = new Map(newDecl.values.map((v) => [v.value, v.name]));
  return {
    wire: oldDecl.values.every((v) => byValue.has(v.value)),
    json: oldDecl.values.every((v) => newDecl.values.some((n) => n.name === v.name)),
  };
}

function structCompat(oldDecl: StructDecl, newDecl: StructDecl, oldSpec: Spec, newSpec: Spec, seen: ReadonlySet<string>): TypeCompat {
  let wire = oldDecl.fields.length === newDecl.fields.length;
  let json = true;
  oldDecl.fields.forEach((f, i) => {
    const atPosition = newDecl.fields[i];
    if (atPosition === undefined || atPosition.optional !== f.optional || !typeCompat(f.type, atPosition.type, oldSpec, newSpec, seen).wire) wire = false;
    const byName = newDecl.fields.find((n) => n.name === f.name);
    if (byName === undefined || byName.optional !== f.optional || !typeCompat(f.type, byName.type, oldSpec, newSpec, seen).json) json = false;
  });
  if (newDecl.fields.some((n) => !n.optional && !oldDecl.fields.some((f) => f.name === n.name))) json = false;
  return { wire, json };
}
