// The precomputed plan of a message or struct: per field, a binary and a
// JSON codec built once from the field's type and constraints.
import type { Constraints, FieldType } from "../spec/model.js";
import type { ByteReader } from "./byte-reader.js";
import type { ByteWriter } from "./byte-writer.js";
import type { JsonValue, WireValue } from "./values.js";

export interface BinaryType {
  /** Checks `value` (type, range, constraints) and appends its encoding. */
  write(w: ByteWriter, value: unknown): void;
  /** Reads one value; checks it as `write` does. */
  read(r: ByteReader): WireValue;
}

export interface JsonType {
  toJson(value: unknown): JsonValue;
  fromJson(json: unknown): WireValue;
}

export interface FieldPlan {
  readonly name: string;
  readonly optional: boolean;
  /** The name is also a property of Object.prototype (`constructor`, `valueOf`):
   *  look it up as an own property only. */
  readonly inherited: boolean;
  readonly type: FieldType;
  readonly constraints: Constraints;
  readonly binary: BinaryType;
  readonly json: JsonType;
}

export interface StructPlan {
  readonly name: string;
  readonly fields: readonly FieldPlan[];
  /** Field names, for rejecting unknown JSON keys. */
  readonly names: ReadonlySet<string>;
}
