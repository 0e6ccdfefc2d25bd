// Spec-derived cases of the validation and JSON tests, with the outcome the
// reference codec (src/wire) gives for each: the generated code must agree
// on the error code and path.
import type { Field, FieldType, Message } from "../../../../spec/model.js";
import { createCodec, formatJson, WireError, type Codec, type JsonValue, type WireObject, type WireValue } from "../../../../wire/index.js";
import { mismatchPattern } from "../../../../wire/vectors/pattern-sample.js";
import { fittingSample } from "../../../../wire/vectors/valid-cases.js";
import { jsStr } from "../code.js";
import { jsBigInt, jsNumber } from "../../scalar-literal.js";

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly path: string | undefined };

export function outcome(run: () => unknown): Outcome {
  try {
    run();
    return { ok: true };
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    return { ok: false, code: e.code, path: e.path };
  }
}

export const outcomeLiteral = (o: Outcome): string => (o.ok ? "{ ok: true }" : `{ ok: false, code: ${jsStr(o.code)}, path: ${o.path === undefined ? "undefined" : jsStr(o.path)} }`);

export const jsonLiteral = (v: JsonValue): string => formatJson(v);

export interface Samples {
  readonly codec: Codec;
  value(m: Message): WireObject;
  json(m: Message): JsonValue;
}

export function samples(spec: Parameters<typeof createCodec>[0]): Samples {
  const codec = createCodec(spec);
  const values = new Map(spec.messages.map((m) => [m.name, fittingSample(codec, m, "text", true)]));
  const value = (m: Message): WireObject => values.get(m.name) as WireObject;
  return { codec, value, json: (m) => codec.toJson(m.name, value(m)) };
}

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

/** Values of a field just inside and outside its constraints, and of wrong types. */
export function fieldVariants(field: Field, sample: WireValue | undefined): WireValue[] {
  const c = field.constraints;
  const t = field.type;
  const out: WireValue[] = [];
  const leafType = t.kind === "list" ? t.of : t;
  const wrap = (leaf: WireValue): WireValue => (t.kind === "list" && leafType.kind !== "list" ? [leaf] : leaf);
  const num = (n: number): WireValue | undefined => {
    if (leafType.kind === "timestamp" || (leafType.kind === "int" && leafType.bits === 64)) return Number.isInteger(n) ? BigInt(n) : undefined;
    return n;
  };
  for (const bound of [c.min, c.max]) {
    if (bound === undefined) continue;
    for (const d of leafType.kind === "float" ? [0, -0.5, 0.5] : [0, -1, 1]) {
      const v = num(leafType.kind === "float" ? bound + d : Math.round(bound) + d);
      if (v !== undefined) out.push(wrap(v));
    }
  }
  if (leafType.kind === "string" || leafType.kind === "bytes") {
    const lengths = [c.minLength, c.maxLength].flatMap((n) => (n === undefined ? [] : [n - 1, n, n + 1])).filter((n) => n >= 0 && n < 5000);
    for (const n of lengths) out.push(wrap(leafType.kind === "string" ? "a".repeat(n) : new Uint8Array(n)));
    if (leafType.kind === "string") {
      out.push(wrap("\ud800"));
      if (c.pattern !== undefined) {
        const bad = mismatchPattern(c.pattern, { minBytes: c.minLength ?? 0, maxBytes: c.maxLength ?? 64 });
        if (bad !== undefined) out.push(wrap(bad));
      }
    }
  }
  if (t.kind === "list" && Array.isArray(sample) && sample.length > 0) {
    const first = (sample as readonly WireValue[])[0] as WireValue;
    for (const n of [c.minItems, c.maxItems].flatMap((k) => (k === undefined ? [] : [k - 1, k + 1])).filter((k) => k >= 0 && k < 1000)) {
      out.push(Array.from({ length: n }, () => first));
    }
  }
  if (leafType.kind === "int" && leafType.bits !== 64) out.push(wrap(1.5), wrap(2 ** 40));
  if (leafType.kind === "float") out.push(wrap(Number.MAX_VALUE));
  out.push(t.kind === "string" || t.kind === "enum" ? 7 : "x");
  return out;
}
