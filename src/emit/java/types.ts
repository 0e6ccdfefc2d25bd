// Java types of field values (docs/targets/java-contract.md, "Types"):
// primitives for required scalars, their boxes for optional ones and list
// items; unsigned types in the next wider signed type except uint64, which is
// a long holding the same 64 bits (two's complement).
import { dispatchFieldType, type FieldKindTable, type FieldType } from "../../spec/model.js";
import type { LanguageTypeMap } from "../index.js";
import type { JavaModel } from "./model.js";

export interface JavaType {
  /** The primitive (or reference) type of a required value. */
  readonly plain: string;
  /** The reference type: optional values, list items. */
  readonly boxed: string;
}

const same = (t: string): JavaType => ({ plain: t, boxed: t });

/** int for int8..int32, uint8, uint16; long for uint32, int64, uint64. */
export function intType(bits: number, signed: boolean): JavaType {
  if (bits === 64 || (bits === 32 && !signed)) return { plain: "long", boxed: "Long" };
  return { plain: "int", boxed: "Integer" };
}

export function javaTypeTable(model: JavaModel): FieldKindTable<JavaType> {
  const table: FieldKindTable<JavaType> = {
    bool: () => ({ plain: "boolean", boxed: "Boolean" }),
    int: (t) => intType(t.bits, t.signed),
    float: (t) => (t.bits === 32 ? { plain: "float", boxed: "Float" } : { plain: "double", boxed: "Double" }),
    string: () => same("String"),
    bytes: () => same("byte[]"),
    timestamp: () => ({ plain: "long", boxed: "Long" }),
    enum: (t) => same(model.className(t.name)),
    struct: (t) => same(model.className(t.name)),
    list: (t) => same(`List<${dispatchFieldType(table, t.of).boxed}>`),
  };
  return table;
}

export function javaType(model: JavaModel, type: FieldType): JavaType {
  return dispatchFieldType(javaTypeTable(model), type);
}

/** The component type of a field: boxed when optional (null is absent). */
export function fieldType(model: JavaModel, type: FieldType, optional: boolean): string {
  const t = javaType(model, type);
  return optional ? t.boxed : t.plain;
}

/** The emitter framework's table: the plain Java type per field kind. */
export function javaTypes(model: JavaModel): LanguageTypeMap {
  const table = javaTypeTable(model);
  return {
    bool: (t) => table.bool(t).plain,
    int: (t) => table.int(t).plain,
    float: (t) => table.float(t).plain,
    string: (t) => table.string(t).plain,
    bytes: (t) => table.bytes(t).plain,
    timestamp: (t) => table.timestamp(t).plain,
    enum: (t) => table.enum(t).plain,
    struct: (t) => table.struct(t).plain,
    list: (t) => table.list(t).plain,
  };
}

/** Whether values of the type hold a byte[] (directly or in lists): records compare them by content. */
export function holdsBytes(type: FieldType): boolean {
  if (type.kind === "bytes") return true;
  return type.kind === "list" && holdsBytes(type.of);
}

/** Whether a value of the type must be copied to stay immutable (bytes, lists). */
export const needsCopy = (type: FieldType): boolean => type.kind === "bytes" || type.kind === "list";
