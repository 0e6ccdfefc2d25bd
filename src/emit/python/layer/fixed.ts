// Fixed-width field types (bool, ints, floats, timestamp, enum) and how the
// fields of a struct are grouped into runs that one struct.Struct packs or
// unpacks at once.
import { dispatchFieldType, type Field, type FieldKindTable, type FieldType } from "../../../spec/model.js";
import type { WireStruct } from "./wire.js";

export interface FixedFormat {
  /** The struct format code. */
  readonly code: string;
  readonly size: number;
  /** The _wire Struct of this code alone. */
  readonly single: WireStruct;
}

const INT_CODES: { readonly [k: string]: readonly [string, WireStruct] } = {
  i8: ["b", "I8"],
  u8: ["B", "U8"],
  i16: ["h", "I16"],
  u16: ["H", "U16"],
  i32: ["i", "I32"],
  u32: ["I", "U32"],
  i64: ["q", "I64"],
  u64: ["Q", "U64"],
};

const FIXED: FieldKindTable<FixedFormat | undefined> = {
  bool: () => ({ code: "B", size: 1, single: "U8" }),
  int: (t) => {
    const [code, single] = INT_CODES[`${t.signed ? "i" : "u"}${t.bits}`] as readonly [string, WireStruct];
    return { code, size: t.bits / 8, single };
  },
  float: (t) => (t.bits === 32 ? { code: "f", size: 4, single: "F32" } : { code: "d", size: 8, single: "F64" }),
  string: () => undefined,
  bytes: () => undefined,
  timestamp: () => ({ code: "q", size: 8, single: "I64" }),
  enum: () => ({ code: "H", size: 2, single: "U16" }),
  struct: () => undefined,
  list: () => undefined,
};

export const fixedFormat = (type: FieldType): FixedFormat | undefined => dispatchFieldType(FIXED, type);

/** The name `bad_int` and `json_int` know an integer type by. */
export function intTypeName(type: FieldType): string {
  if (type.kind === "timestamp") return "timestamp";
  if (type.kind !== "int") throw new Error(`intTypeName: ${type.kind} is not an integer type`);
  return `${type.signed ? "" : "u"}int${type.bits}`;
}

/** A group of fields handled together: a run of required fixed-width fields, or one other field. */
export type Segment = { readonly kind: "run"; readonly fields: readonly Field[]; readonly format: string; readonly size: number } | { readonly kind: "field"; readonly field: Field };

const isFixedRequired = (f: Field): boolean => !f.optional && fixedFormat(f.type) !== undefined;

/** Whether reading the field can fail after its bytes are there (bool, enum, float, constrained numbers). */
export function readCanFail(f: Field): boolean {
  const k = f.type.kind;
  return k === "bool" || k === "enum" || k === "float" || f.constraints.min !== undefined || f.constraints.max !== undefined;
}

/** Splits fields into runs of required fixed-width fields (`endsRun` closes a
 *  run after a field) and single other fields, in declaration order. */
export function segments(fields: readonly Field[], endsRun: (f: Field) => boolean): Segment[] {
  const out: Segment[] = [];
  let run: Field[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const formats = run.map((f) => fixedFormat(f.type) as FixedFormat);
    out.push({ kind: "run", fields: run, format: formats.map((x) => x.code).join(""), size: formats.reduce((a, x) => a + x.size, 0) });
    run = [];
  };
  for (const f of fields) {
    if (!isFixedRequired(f)) {
      flush();
      out.push({ kind: "field", field: f });
      continue;
    }
    run.push(f);
    if (endsRun(f)) flush();
  }
  flush();
  return out;
}

/** Encoding: every run is as long as it can be (all checks happen before the pack). */
export const encodeSegments = (fields: readonly Field[]): Segment[] => segments(fields, () => false);

/** Decoding: a run ends after a field whose read can fail, so that a field's
 *  `truncated` never hides an earlier field's error (wire format section 6). */
export const decodeSegments = (fields: readonly Field[]): Segment[] => segments(fields, readCanFail);
