// The JSON mapping, one builder per field kind. int64, uint64 and timestamp
// are decimal strings, other numbers JSON numbers, bytes base64, enums the
// value name, structs objects in declaration order, lists arrays.
import type { FieldKindTable, FieldType, FieldTypeOf } from "../spec/model.js";
import { dispatchFieldType } from "../spec/model.js";
import { decodeBase64, encodeBase64 } from "./base64.js";
import type { JsonType } from "./plan-types.js";
import {
  acceptBigInt,
  acceptBool,
  acceptBytes,
  acceptEnum,
  acceptFloat,
  acceptInt,
  acceptString,
  bigintRange,
  intRange,
  invalid,
  typeName,
} from "./scalar-rules.js";
import { structFromJson, structToJson } from "./struct-json.js";
import { enumMaps, type TypeBuild } from "./type-build.js";
import { assertWellFormed, utf8Length } from "./utf8.js";
import { describe, isRecord, type JsonValue, type WireValue } from "./values.js";
import { rethrowUnder } from "./wire-error.js";

type Builder<K extends FieldType["kind"]> = (type: FieldTypeOf<K>) => (b: TypeBuild) => JsonType;

const SIGNED_DECIMAL = /^-?(?:0|[1-9][0-9]{0,19})$/;
const UNSIGNED_DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/;

const bigintType = (signed: boolean, name: string, b: TypeBuild): JsonType => {
  const [lo, hi] = bigintRange(signed);
  const range = b.checks.range;
  const shape = signed ? SIGNED_DECIMAL : UNSIGNED_DECIMAL;
  return {
    toJson(v) {
      const n = acceptBigInt(v, lo, hi, name);
      range?.(n);
      return n.toString();
    },
    fromJson(j) {
      if (typeof j !== "string" || !shape.test(j) || j === "-0") throw invalid(`expected a decimal string (${name}), got ${describe(j)}`);
      const n = acceptBigInt(BigInt(j), lo, hi, name);
      range?.(n);
      return n;
    },
  };
};

const int: Builder<"int"> = (t) => (b) => {
  const name = typeName(t);
  if (t.bits === 64) return bigintType(t.signed, name, b);
  const [lo, hi] = intRange(t);
  const range = b.checks.range;
  const accept = (v: unknown): number => {
    const n = acceptInt(v, lo, hi, name);
    range?.(n);
    return n;
  };
  return { toJson: accept, fromJson: accept };
};

const float: Builder<"float"> = (t) => (b) => {
  const range = b.checks.range;
  const accept = (v: unknown): number => {
    const f = acceptFloat(v, t.bits);
    range?.(f);
    return f;
  };
  return { toJson: accept, fromJson: accept };
};

const string: Builder<"string"> = () => (b) => {
  const { length, pattern } = b.checks;
  const accept = (v: unknown): string => {
    const s = acceptString(v);
    assertWellFormed(s);
    length?.(utf8Length(s));
    pattern?.(s);
    return s;
  };
  return { toJson: accept, fromJson: accept };
};

const bytes: Builder<"bytes"> = () => (b) => {
  const { length } = b.checks;
  return {
    toJson(v) {
      const u = acceptBytes(v);
      length?.(u.length);
      return encodeBase64(u);
    },
    fromJson(j) {
      if (typeof j !== "string") throw invalid(`expected a base64 string, got ${describe(j)}`);
      const u = decodeBase64(j);
      length?.(u.length);
      return u;
    },
  };
};

const timestamp: Builder<"timestamp"> = () => (b) => bigintType(true, "timestamp", b);

const enumType: Builder<"enum"> = (t) => (b) => {
  const { byName } = enumMaps(b.enumDecl(t.name));
  const accept = (v: unknown): string => {
    acceptEnum(v, byName, t.name);
    return v as string;
  };
  return { toJson: accept, fromJson: accept };
};

const struct: Builder<"struct"> = (t) => (b) => {
  const plan = b.struct(t.name);
  const expectObject = (v: unknown): Readonly<Record<string, unknown>> => {
    if (!isRecord(v)) throw invalid(`expected an object (struct ${t.name}), got ${describe(v)}`);
    return v;
  };
  return {
    toJson: (v) => structToJson(plan, expectObject(v)),
    fromJson: (j) => structFromJson(plan, expectObject(j)),
  };
};

const list: Builder<"list"> = (t) => (b) => {
  const items = b.items;
  const of = jsonType(t.of, { ...b, items: undefined });
  const map = <R>(v: unknown, each: (x: unknown) => R): R[] => {
    if (!Array.isArray(v)) throw invalid(`expected an array, got ${describe(v)}`);
    const arr = v as readonly unknown[];
    items?.(arr.length);
    const out = new Array<R>(arr.length);
    let i = 0;
    try {
      for (; i < arr.length; i++) out[i] = each(arr[i]);
    } catch (e) {
      rethrowUnder(e, i);
    }
    return out;
  };
  return {
    toJson: (v) => map<JsonValue>(v, (x) => of.toJson(x)),
    fromJson: (j) => map<WireValue>(j, (x) => of.fromJson(x)),
  };
};

const JSON_TYPES: FieldKindTable<(b: TypeBuild) => JsonType> = {
  bool: () => () => ({ toJson: acceptBool, fromJson: acceptBool }),
  int,
  float,
  string,
  bytes,
  timestamp,
  enum: enumType,
  struct,
  list,
};

export function jsonType(type: FieldType, b: TypeBuild): JsonType {
  return dispatchFieldType(JSON_TYPES, type)(b);
}
