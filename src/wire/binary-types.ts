// Binary codecs, one builder per field kind. Built once per field; the
// returned closures are the hot path.
import type { FieldKindTable, FieldType, FieldTypeOf } from "../spec/model.js";
import { dispatchFieldType } from "../spec/model.js";
import type { ByteReader } from "./byte-reader.js";
import type { ByteWriter } from "./byte-writer.js";
import type { BinaryType } from "./plan-types.js";
import {
  acceptBigInt,
  acceptBool,
  acceptBytes,
  acceptEnum,
  acceptFloat,
  acceptInt,
  acceptString,
  bigintRange,
  finiteRead,
  intRange,
  invalid,
  typeName,
} from "./scalar-rules.js";
import { readStruct, writeStruct } from "./struct-binary.js";
import { enumMaps, type TypeBuild } from "./type-build.js";
import { describe, isRecord, type WireValue } from "./values.js";
import { rethrowUnder } from "./wire-error.js";

type Builder<K extends FieldType["kind"]> = (type: FieldTypeOf<K>) => (b: TypeBuild) => BinaryType;

interface IntIo {
  readonly write: (w: ByteWriter, v: number) => void;
  readonly read: (r: ByteReader) => number;
}

const INT_IO: { readonly [key: string]: IntIo } = {
  i8: { write: (w, v) => w.i8(v), read: (r) => r.i8() },
  u8: { write: (w, v) => w.u8(v), read: (r) => r.u8() },
  i16: { write: (w, v) => w.i16(v), read: (r) => r.i16() },
  u16: { write: (w, v) => w.u16(v), read: (r) => r.u16() },
  i32: { write: (w, v) => w.i32(v), read: (r) => r.i32() },
  u32: { write: (w, v) => w.u32(v), read: (r) => r.u32() },
};

const bigintType = (signed: boolean, name: string, b: TypeBuild): BinaryType => {
  const [lo, hi] = bigintRange(signed);
  const range = b.checks.range;
  return {
    write(w, v) {
      const n = acceptBigInt(v, lo, hi, name);
      range?.(n);
      if (signed) w.i64(n);
      else w.u64(n);
    },
    read(r) {
      const n = signed ? r.i64() : r.u64();
      range?.(n);
      return n;
    },
  };
};

const int: Builder<"int"> = (t) => (b) => {
  const name = typeName(t);
  if (t.bits === 64) return bigintType(t.signed, name, b);
  const [lo, hi] = intRange(t);
  const io = INT_IO[`${t.signed ? "i" : "u"}${t.bits}`] as IntIo;
  const range = b.checks.range;
  return {
    write(w, v) {
      const n = acceptInt(v, lo, hi, name);
      range?.(n);
      io.write(w, n);
    },
    read(r) {
      const n = io.read(r);
      range?.(n);
      return n;
    },
  };
};

const float: Builder<"float"> = (t) => (b) => {
  const range = b.checks.range;
  const bits = t.bits;
  return {
    write(w, v) {
      const f = acceptFloat(v, bits);
      range?.(f);
      if (bits === 32) w.f32(f);
      else w.f64(f);
    },
    read(r) {
      const f = finiteRead(bits === 32 ? r.f32() : r.f64());
      range?.(f);
      return f;
    },
  };
};

const string: Builder<"string"> = () => (b) => {
  const { length, pattern } = b.checks;
  return {
    write(w, v) {
      const s = acceptString(v);
      const n = w.string(s); // not inside `length?.(...)`: that skips its argument when there is no check
      length?.(n);
      pattern?.(s);
    },
    read(r) {
      const n = r.prefix("string length");
      length?.(n);
      const s = r.utf8(n);
      pattern?.(s);
      return s;
    },
  };
};

const bytes: Builder<"bytes"> = () => (b) => {
  const { length } = b.checks;
  return {
    write(w, v) {
      const u = acceptBytes(v);
      length?.(u.length);
      w.u32(u.length);
      w.bytes(u);
    },
    read(r) {
      const n = r.prefix("bytes length");
      length?.(n);
      return r.bytesCopy(n);
    },
  };
};

const timestamp: Builder<"timestamp"> = () => (b) => bigintType(true, "timestamp", b);

const enumType: Builder<"enum"> = (t) => (b) => {
  const { byName, byValue } = enumMaps(b.enumDecl(t.name));
  return {
    write(w, v) {
      w.u16(acceptEnum(v, byName, t.name));
    },
    read(r) {
      const n = r.u16();
      const name = byValue.get(n);
      if (name === undefined) throw invalid(`${n} is not a value of enum ${t.name}`);
      return name;
    },
  };
};

const struct: Builder<"struct"> = (t) => (b) => {
  const plan = b.struct(t.name);
  return {
    write(w, v) {
      if (!isRecord(v)) throw invalid(`expected an object (struct ${t.name}), got ${describe(v)}`);
      writeStruct(w, plan, v);
    },
    read: (r) => readStruct(r, plan),
  };
};

const list: Builder<"list"> = (t) => (b) => {
  const items = b.items;
  const of = binaryType(t.of, { ...b, items: undefined });
  return {
    write(w, v) {
      if (!Array.isArray(v)) throw invalid(`expected an array, got ${describe(v)}`);
      const arr = v as readonly unknown[];
      items?.(arr.length);
      w.u32(arr.length);
      let i = 0;
      try {
        for (; i < arr.length; i++) of.write(w, arr[i]);
      } catch (e) {
        rethrowUnder(e, i);
      }
    },
    read(r) {
      // Every item takes at least one byte, so `prefix` bounds the count.
      const n = r.prefix("list count");
      items?.(n);
      const out: WireValue[] = new Array<WireValue>(n);
      let i = 0;
      try {
        for (; i < n; i++) out[i] = of.read(r);
      } catch (e) {
        rethrowUnder(e, i);
      }
      return out;
    },
  };
};

const BOOL: BinaryType = {
  write(w, v) {
    w.u8(acceptBool(v) ? 1 : 0);
  },
  read(r) {
    const n = r.u8();
    if (n > 1) throw invalid(`bool byte 0x${n.toString(16).padStart(2, "0")}, expected 0x00 or 0x01`);
    return n === 1;
  },
};

const BINARY: FieldKindTable<(b: TypeBuild) => BinaryType> = {
  bool: () => () => BOOL,
  int,
  float,
  string,
  bytes,
  timestamp,
  enum: enumType,
  struct,
  list,
};

export function binaryType(type: FieldType, b: TypeBuild): BinaryType {
  return dispatchFieldType(BINARY, type)(b);
}
