// Sample values of a field type for golden vectors: the smallest ("min"),
// the largest ("max") and a non-ASCII text case ("text"), always within the
// field's constraints. Caps keep "max" values inside the frame limit.
import type { Constraints, EnumDecl, Field, FieldKindTable, FieldType, FieldTypeOf, Spec, StructDecl } from "../../spec/model.js";
import { dispatchFieldType } from "../../spec/model.js";
import { INT64_MAX, INT64_MIN, intRange, UINT64_MAX } from "../scalar-rules.js";
import { utf8Length } from "../utf8.js";
import type { WireObject, WireValue } from "../values.js";
import { FLOAT32_MAX, floatAtLeast } from "./float-steps.js";
import { samplePattern } from "./pattern-sample.js";
import { VectorError } from "./vector-error.js";

export type SampleMode = "min" | "max" | "text";

export interface SampleCaps {
  /** Largest string or bytes length used when a field allows more. */
  readonly bytes: number;
  /** Largest list length used when a field allows more. */
  readonly items: number;
}

export const NON_ASCII_TEXT = "Grüße 🌍 日本";
/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the default timestamp range of samples. */
export const TIMESTAMP_FLOOR = -62135596800000n;
export const TIMESTAMP_CEIL = 253402300799999n;
/** 2024-05-01T12:00:00Z, the timestamp of text samples. */
export const TIMESTAMP_TEXT = 1714564800000n;
const DEFAULT_STRING_BYTES = 32;
const DEFAULT_BYTES = 16;
const DEFAULT_ITEMS = 4;
export const FILL_TEXT = "abcdefghijklmnopqrstuvwxyz0123456789";

interface Ctx {
  readonly spec: Spec;
  readonly mode: SampleMode;
  readonly caps: SampleCaps;
  readonly c: Constraints;
  readonly path: string;
  readonly outer: boolean;
}

type Sampler = (ctx: Ctx) => WireValue;

export function sampleMessage(spec: Spec, messageName: string, mode: SampleMode, caps: SampleCaps, optionals: boolean): WireObject {
  const m = spec.messages.find((x) => x.name === messageName);
  if (!m) throw new Error(`sampleMessage: no message ${messageName}`);
  return sampleFields(spec, m.fields, mode, caps, messageName, optionals);
}

function sampleFields(spec: Spec, fields: readonly Field[], mode: SampleMode, caps: SampleCaps, path: string, optionals: boolean): WireObject {
  const out: Record<string, WireValue> = {};
  for (const f of fields) {
    if (f.optional && !optionals) continue;
    out[f.name] = sampleType(f.type, { spec, mode, caps, c: f.constraints, path: `${path}.${f.name}`, outer: true });
  }
  return out;
}

function sampleType(type: FieldType, ctx: Ctx): WireValue {
  return dispatchFieldType(SAMPLERS, type)(ctx);
}

const pick = <T>(ctx: Ctx, min: T, max: T, text: T): T => (ctx.mode === "min" ? min : ctx.mode === "max" ? max : text);

const int = (t: FieldTypeOf<"int">): Sampler => (ctx) => {
  if (t.bits === 64) {
    const lo = ctx.c.min !== undefined ? BigInt(ctx.c.min) : t.signed ? INT64_MIN : 0n;
    const hi = ctx.c.max !== undefined ? BigInt(ctx.c.max) : t.signed ? INT64_MAX : UINT64_MAX;
    return pick(ctx, lo, hi, lo);
  }
  const [tlo, thi] = intRange(t);
  const lo = ctx.c.min ?? tlo;
  const hi = ctx.c.max ?? thi;
  return pick(ctx, lo, hi, lo);
};

const float = (t: FieldTypeOf<"float">): Sampler => (ctx) => {
  const limit = t.bits === 32 ? FLOAT32_MAX : Number.MAX_VALUE;
  const lo = floatAtLeast(Math.max(ctx.c.min ?? -limit, -limit), t.bits, 1);
  const hi = floatAtLeast(Math.min(ctx.c.max ?? limit, limit), t.bits, -1);
  return pick(ctx, lo, hi, lo);
};

const timestamp: Sampler = (ctx) => {
  const { min, max } = ctx.c;
  // Years 0001..9999 unless the constraints say otherwise (and always within them).
  let lo = min !== undefined ? BigInt(Math.ceil(min)) : TIMESTAMP_FLOOR;
  let hi = max !== undefined ? BigInt(Math.floor(max)) : TIMESTAMP_CEIL;
  if (min === undefined && lo > hi) lo = hi;
  if (max === undefined && hi < lo) hi = lo;
  const text = TIMESTAMP_TEXT < lo ? lo : TIMESTAMP_TEXT > hi ? hi : TIMESTAMP_TEXT;
  return pick(ctx, lo, hi, text);
};

/** Byte length bounds of a string or bytes field, and the length each mode aims for. */
function lengths(ctx: Ctx, fallback: number): { lo: number; hi: number; target: number } {
  const lo = ctx.c.minLength ?? 0;
  const hi = ctx.c.maxLength ?? Number.POSITIVE_INFINITY;
  const max = Math.max(lo, Math.min(ctx.c.maxLength ?? fallback, ctx.caps.bytes));
  return { lo, hi, target: ctx.mode === "min" ? lo : max };
}

const string: Sampler = (ctx) => {
  const { lo, hi, target } = lengths(ctx, DEFAULT_STRING_BYTES);
  if (ctx.c.pattern !== undefined) {
    if (ctx.mode === "text") {
      const text = fitText(NON_ASCII_TEXT, lo, Math.min(hi, Math.max(lo, ctx.caps.bytes)));
      if (new RegExp(`^(?:${ctx.c.pattern})$`, "u").test(text)) return text;
    }
    const s = samplePattern(ctx.c.pattern, { minBytes: lo, maxBytes: hi }, ctx.mode === "text" ? lo : target);
    if (s === undefined) {
      throw new VectorError("unsatisfiable_pattern", `no sample string of ${lo}..${hi} bytes matches /${ctx.c.pattern}/; simplify the pattern or add fitting bounds`, ctx.path);
    }
    return s;
  }
  if (ctx.mode === "text") return fitText(NON_ASCII_TEXT, lo, Math.min(hi, Math.max(lo, ctx.caps.bytes)));
  return FILL_TEXT.repeat(Math.ceil(target / FILL_TEXT.length)).slice(0, target);
};

/** `text` repeated or cut (at a character boundary) to lo..hi bytes, padded with "x" when a cut falls short. */
export function fitText(text: string, lo: number, hi: number): string {
  let s = text;
  while (utf8Length(s) < lo) s += ` ${text}`;
  const chars = Array.from(s);
  while (utf8Length(s) > hi) {
    chars.pop();
    s = chars.join("");
  }
  while (utf8Length(s) < lo) s += "x";
  return s;
}

const bytes: Sampler = (ctx) => {
  const { target } = lengths(ctx, DEFAULT_BYTES);
  if (ctx.mode === "text") {
    const lo = ctx.c.minLength ?? 0;
    const n = Math.max(lo, Math.min(4, ctx.c.maxLength ?? 4));
    return Uint8Array.from({ length: n }, (_, i) => [0xde, 0xad, 0xbe, 0xef][i % 4] as number);
  }
  return ctx.mode === "min" ? new Uint8Array(target) : Uint8Array.from({ length: target }, (_, i) => (255 - i) & 0xff);
};

const enumSampler = (t: FieldTypeOf<"enum">): Sampler => (ctx) => {
  const decl = ctx.spec.types.find((d): d is EnumDecl => d.kind === "enum" && d.name === t.name);
  if (!decl) throw new Error(`sample: enum ${t.name} is not declared`);
  const sorted = [...decl.values].sort((a, b) => a.value - b.value);
  const first = sorted[0]?.name ?? "";
  return pick(ctx, first, sorted[sorted.length - 1]?.name ?? first, first);
};

const struct = (t: FieldTypeOf<"struct">): Sampler => (ctx) => {
  const decl = ctx.spec.types.find((d): d is StructDecl => d.kind === "struct" && d.name === t.name);
  if (!decl) throw new Error(`sample: struct ${t.name} is not declared`);
  return sampleFields(ctx.spec, decl.fields, ctx.mode, ctx.caps, ctx.path, ctx.mode !== "min");
};

const list = (t: FieldTypeOf<"list">): Sampler => (ctx) => {
  const lo = ctx.outer ? (ctx.c.minItems ?? 0) : 0;
  const hi = ctx.outer ? ctx.c.maxItems : undefined;
  const max = Math.max(lo, Math.min(hi ?? DEFAULT_ITEMS, ctx.caps.items));
  const n = ctx.mode === "min" ? lo : ctx.mode === "max" ? max : Math.max(lo, Math.min(1, max));
  const inner: Ctx = { ...ctx, outer: false };
  return Array.from({ length: n }, (_, i) => sampleType(t.of, { ...inner, path: `${ctx.path}[${i}]` }));
};

const SAMPLERS: FieldKindTable<Sampler> = {
  bool: () => (ctx) => pick(ctx, false, true, true),
  int,
  float,
  string: () => string,
  bytes: () => bytes,
  timestamp: () => timestamp,
  enum: enumSampler,
  struct,
  list,
};
