// JavaScript's side of the validation and JSON tests: literals of the
// reference's outcomes and values, and the values of the wrong type that
// only a dynamically typed runtime can be given. The cases every language
// shares are in test-plans/.
import type { Field, FieldType } from "../../../../spec/model.js";
import { formatJson, type JsonValue, type WireValue } from "../../../../wire/index.js";
import type { Outcome } from "../../../test-plans/outcome.js";
import { jsStr } from "../code.js";
import { jsBigInt, jsNumber } from "../../scalar-literal.js";

export const outcomeLiteral = (o: Outcome): string => (o.ok ? "{ ok: true }" : `{ ok: false, code: ${jsStr(o.code)}, path: ${o.path === undefined ? "undefined" : jsStr(o.path)} }`);

export const jsonLiteral = (v: JsonValue): string => formatJson(v);

/** A JavaScript literal of a scalar value or a list of them; undefined for structs. */
export function valueLiteral(type: FieldType, v: WireValue | null): string | undefined {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return String(v);
    case "number":
      return jsNumber(v);
    case "bigint":
      return jsBigInt(v);
    case "string":
      return jsStr(v);
  }
  if (v instanceof Uint8Array) return `Uint8Array.from([${[...v].join(", ")}])`;
  if (Array.isArray(v) && type.kind === "list") {
    const items = (v as readonly WireValue[]).map((x) => valueLiteral(type.of, x));
    return items.some((x) => x === undefined) ? undefined : `[${items.join(", ")}]`;
  }
  return undefined;
}

/**
 * Values a field's type cannot carry, that a JavaScript caller can still
 * pass: a lone surrogate in a string, a fraction or 2^40 in a narrow
 * integer, a float beyond float32, and a value of another type altogether.
 */
export function wrongTypeVariants(field: Field): WireValue[] {
  const t = field.type;
  const leaf = t.kind === "list" ? t.of : t;
  const wrap = (v: WireValue): WireValue => (t.kind === "list" && leaf.kind !== "list" ? [v] : v);
  const out: WireValue[] = [];
  if (leaf.kind === "string") out.push(wrap("\ud800"));
  if (leaf.kind === "int" && leaf.bits !== 64) out.push(wrap(1.5), wrap(2 ** 40));
  if (leaf.kind === "float") out.push(wrap(Number.MAX_VALUE));
  out.push(t.kind === "string" || t.kind === "enum" ? 7 : "x");
  return out;
}
