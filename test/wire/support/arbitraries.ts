// fast-check arbitraries of valid values, from a spec's field types and
// constraints: what the codec must round-trip.
import fc from "fast-check";
import type { Constraints, FieldKindTable, FieldType, FieldTypeOf, Spec } from "../../../src/spec/model.js";
import { dispatchFieldType } from "../../../src/spec/model.js";
import type { WireObject, WireValue } from "../../../src/wire/index.js";

type Arb = fc.Arbitrary<WireValue>;
interface Ctx {
  readonly spec: Spec;
  readonly c: Constraints;
  readonly outer: boolean;
}

const MAX_ITEMS = 4;
const MAX_TEXT = 24;
const utf8Length = (s: string): number => Buffer.byteLength(s, "utf8");
const F32_MAX = 3.4028234663852886e38;

export function messageArbitrary(spec: Spec, messageName: string): fc.Arbitrary<WireObject> {
  const m = spec.messages.find((x) => x.name === messageName);
  if (!m) throw new Error(`no message ${messageName}`);
  return fieldsArbitrary(spec, m.fields);
}

function fieldsArbitrary(spec: Spec, fields: readonly { name: string; type: FieldType; optional: boolean; constraints: Constraints }[]): fc.Arbitrary<WireObject> {
  const model: Record<string, Arb> = {};
  for (const f of fields) model[f.name] = typeArbitrary(f.type, { spec, c: f.constraints, outer: true });
  const requiredKeys = fields.filter((f) => !f.optional).map((f) => f.name);
  return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<WireObject>;
}

export function typeArbitrary(type: FieldType, ctx: Ctx): Arb {
  return dispatchFieldType(ARBITRARIES, type)(ctx);
}

const int = (t: FieldTypeOf<"int">) => (ctx: Ctx): Arb => {
  if (t.bits === 64) {
    const lo = ctx.c.min !== undefined ? BigInt(ctx.c.min) : t.signed ? -(2n ** 63n) : 0n;
    const hi = ctx.c.max !== undefined ? BigInt(ctx.c.max) : t.signed ? 2n ** 63n - 1n : 2n ** 64n - 1n;
    return fc.bigInt({ min: lo, max: hi });
  }
  const lo = t.signed ? -(2 ** (t.bits - 1)) : 0;
  const hi = t.signed ? 2 ** (t.bits - 1) - 1 : 2 ** t.bits - 1;
  return fc.integer({ min: Math.max(lo, ctx.c.min ?? lo), max: Math.min(hi, ctx.c.max ?? hi) });
};

const float = (t: FieldTypeOf<"float">) => (ctx: Ctx): Arb => {
  if (t.bits === 64) {
    return fc.double({ min: ctx.c.min ?? -Number.MAX_VALUE, max: ctx.c.max ?? Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true });
  }
  const up = (x: number): number => (Math.fround(x) >= x ? Math.fround(x) : nextFloat32(Math.fround(x), 1));
  const down = (x: number): number => (Math.fround(x) <= x ? Math.fround(x) : nextFloat32(Math.fround(x), -1));
  return fc.float({ min: up(ctx.c.min ?? -F32_MAX), max: down(ctx.c.max ?? F32_MAX), noNaN: true, noDefaultInfinity: true });
};

function nextFloat32(x: number, dir: 1 | -1): number {
  const f = new Float32Array([x]);
  const u = new Int32Array(f.buffer);
  u[0] = (u[0] as number) + ((x >= 0) === (dir > 0) ? 1 : -1);
  return f[0] as number;
}

const string = (ctx: Ctx): Arb => {
  const lo = ctx.c.minLength ?? 0;
  const hi = Math.min(ctx.c.maxLength ?? MAX_TEXT, Math.max(lo, MAX_TEXT));
  const within = (s: string): boolean => utf8Length(s) >= lo && utf8Length(s) <= hi;
  if (ctx.c.pattern !== undefined) {
    return fc.stringMatching(new RegExp(`^(?:${ctx.c.pattern})$`, "u"), { size: "xsmall" }).filter(within);
  }
  return fc.string({ unit: "binary", maxLength: hi }).map((s) => {
    const chars = Array.from(s);
    while (utf8Length(chars.join("")) > hi) chars.pop();
    let out = chars.join("");
    while (utf8Length(out) < lo) out += "a";
    return out;
  });
};

const bytes = (ctx: Ctx): Arb => {
  const lo = ctx.c.minLength ?? 0;
  return fc.uint8Array({ minLength: lo, maxLength: Math.max(lo, Math.min(ctx.c.maxLength ?? MAX_TEXT, MAX_TEXT)) });
};

const timestamp = (ctx: Ctx): Arb =>
  fc.bigInt({
    min: ctx.c.min !== undefined ? BigInt(Math.ceil(ctx.c.min)) : -(2n ** 63n),
    max: ctx.c.max !== undefined ? BigInt(Math.floor(ctx.c.max)) : 2n ** 63n - 1n,
  });

const enumArb = (t: FieldTypeOf<"enum">) => (ctx: Ctx): Arb => {
  const decl = ctx.spec.types.find((d) => d.name === t.name);
  if (decl?.kind !== "enum") throw new Error(`no enum ${t.name}`);
  return fc.constantFrom(...decl.values.map((v) => v.name));
};

const struct = (t: FieldTypeOf<"struct">) => (ctx: Ctx): Arb => {
  const decl = ctx.spec.types.find((d) => d.name === t.name);
  if (decl?.kind !== "struct") throw new Error(`no struct ${t.name}`);
  return fieldsArbitrary(ctx.spec, decl.fields);
};

const list = (t: FieldTypeOf<"list">) => (ctx: Ctx): Arb => {
  const lo = ctx.outer ? (ctx.c.minItems ?? 0) : 0;
  const hi = Math.max(lo, Math.min(ctx.outer ? (ctx.c.maxItems ?? MAX_ITEMS) : MAX_ITEMS, MAX_ITEMS));
  return fc.array(typeArbitrary(t.of, { ...ctx, outer: false }), { minLength: lo, maxLength: hi });
};

const ARBITRARIES: FieldKindTable<(ctx: Ctx) => Arb> = {
  bool: () => () => fc.boolean(),
  int,
  float,
  string: () => string,
  bytes: () => bytes,
  timestamp: () => timestamp,
  enum: enumArb,
  struct,
  list,
};
