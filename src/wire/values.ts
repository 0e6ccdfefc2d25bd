// How values look in TypeScript and in the JSON mapping.
//   int8..int32, uint8..uint32, float32, float64 -> number
//   int64, uint64, timestamp (ms since the epoch) -> bigint
//   string -> string, bytes -> Uint8Array, enum -> the value's name
//   struct -> plain object, list -> array, absent optional -> undefined / key omitted

export type WireValue = boolean | number | bigint | string | Uint8Array | WireObject | readonly WireValue[];

export interface WireObject {
  readonly [field: string]: WireValue | undefined;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A struct or message value: an object that is not an array or byte array. */
export function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return "a Uint8Array";
  switch (typeof v) {
    case "string":
      return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return `${v}n`;
    case "undefined":
      return "undefined";
    default:
      return `a value of type ${typeof v}`;
  }
}
