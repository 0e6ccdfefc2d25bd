// Invalid vectors about values: bytes no valid value encodes to (bool and
// presence bytes, enum values, UTF-8, floats, length prefixes), and values
// that break a constraint. Each is built on the first message whose largest
// sample has a place for it.
import type { FieldType } from "../../spec/model.js";
import { bigintRange, intRange } from "../scalar-rules.js";
import { utf8Length } from "../utf8.js";
import type { WireValue } from "../values.js";
import { WireError } from "../wire-error.js";
import { kebab } from "./case-names.js";
import { stepFloat } from "./float-steps.js";
import { expectFailure, frameOf, type InvalidContext, type MessageSample, patchPayload } from "./invalid-context.js";
import { mismatchPattern, samplePattern } from "./pattern-sample.js";
import { replaceAt, type Site } from "./payload-layout.js";
import { FILL_TEXT } from "./sample-values.js";
import type { InvalidCase } from "./vector-case.js";

type Patch = (site: Site) => readonly number[] | undefined;
type Replace = (site: Site) => WireValue | undefined;

export function invalidValueCases(ctx: InvalidContext, samples: readonly MessageSample[]): InvalidCase[] {
  const cases: InvalidCase[] = [];
  /** Patches the bytes of the first site `patch` applies to. */
  const patched = (what: string, error: InvalidCase["error"], patch: Patch, at: (site: Site) => number = (s) => s.offset): void => {
    for (const sample of samples) {
      for (const site of sample.layout.sites) {
        const bytes = patch(site);
        if (bytes === undefined) continue;
        const frame = patchPayload(frameOf(ctx, sample), at(site), bytes);
        cases.push(expectFailure(ctx, `${kebab(sample.message.name)}.${what}`, frame, error));
        return;
      }
    }
  };
  /** Replaces the first value `replace` applies to and encodes without checks. */
  const replaced = (what: string, replace: Replace): void => {
    for (const sample of samples) {
      for (const site of sample.layout.sites) {
        const leaf = replace(site);
        if (leaf === undefined) continue;
        const value = replaceAt(sample.value, site.segments, leaf);
        let frame: Uint8Array;
        try {
          frame = frameOf(ctx, { message: sample.message, value: value as typeof sample.value });
        } catch (e) {
          if (e instanceof WireError && e.code === "frame_too_large") continue;
          throw e;
        }
        cases.push(expectFailure(ctx, `${kebab(sample.message.name)}.${what}`, frame, "constraint_violated"));
        return;
      }
    }
  };

  patched("invalid-bool", "invalid_value", (s) => (s.kind === "bool" ? [0x02] : undefined));
  patched("invalid-presence", "invalid_value", (s) => (s.kind === "presence" ? [0x02] : undefined));
  patched("unknown-enum", "invalid_value", (s) => (s.type?.kind === "enum" ? u16(unusedEnumValue(ctx, s.type.name)) : undefined));
  const content = (s: Site): number => s.offset + 4;
  const stringOf = (min: number) => (s: Site) => s.kind === "string" && s.length - 4 >= min;
  patched("invalid-utf8", "invalid_utf8", (s) => (stringOf(1)(s) ? [0xff] : undefined), content);
  patched("invalid-utf8-overlong", "invalid_utf8", (s) => (stringOf(2)(s) ? [0xc0, 0xaf] : undefined), content);
  patched("invalid-utf8-surrogate", "invalid_utf8", (s) => (stringOf(3)(s) ? [0xed, 0xa0, 0x80] : undefined), content);
  patched("float-nan", "invalid_value", (s) => (s.type?.kind === "float" ? floatBytes(s.type.bits, Number.NaN) : undefined));
  patched("float-infinity", "invalid_value", (s) => (s.type?.kind === "float" ? floatBytes(s.type.bits, Number.POSITIVE_INFINITY) : undefined));
  patched("length-bomb", "truncated", (s) => (s.kind === "string" || s.kind === "bytes" || s.kind === "list" ? [0xff, 0xff, 0xff, 0xff] : undefined));

  replaced("above-max", (s) => beyond(s, 1));
  replaced("below-min", (s) => beyond(s, -1));
  replaced("too-long", (s) => (s.constraints.maxLength !== undefined ? sized(s, s.constraints.maxLength + 1) : undefined));
  replaced("too-short", (s) => (s.constraints.minLength !== undefined && s.constraints.minLength > 0 ? sized(s, s.constraints.minLength - 1) : undefined));
  replaced("pattern-mismatch", (s) => {
    const { pattern, minLength, maxLength } = s.constraints;
    if (s.kind !== "string" || pattern === undefined) return undefined;
    return mismatchPattern(pattern, { minBytes: minLength ?? 0, maxBytes: maxLength ?? Number.POSITIVE_INFINITY });
  });
  replaced("too-many-items", (s) => (s.kind === "list" && s.outer && s.constraints.maxItems !== undefined ? items(s, s.constraints.maxItems + 1) : undefined));
  replaced("too-few-items", (s) => (s.kind === "list" && s.outer && s.constraints.minItems !== undefined && s.constraints.minItems > 0 ? items(s, s.constraints.minItems - 1) : undefined));
  return cases;
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function unusedEnumValue(ctx: InvalidContext, name: string): number {
  const decl = ctx.spec.types.find((t) => t.name === name);
  const used = new Set(decl?.kind === "enum" ? decl.values.map((v) => v.value) : []);
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

function floatBytes(bits: 32 | 64, v: number): number[] {
  const out = new Uint8Array(bits / 8);
  const view = new DataView(out.buffer);
  if (bits === 32) view.setFloat32(0, v);
  else view.setFloat64(0, v);
  return [...out];
}

/** A number just past the field's max (dir 1) or min (dir -1) that its type can still carry. */
function beyond(s: Site, dir: 1 | -1): WireValue | undefined {
  const bound = dir > 0 ? s.constraints.max : s.constraints.min;
  const type = s.type;
  if (bound === undefined || type === undefined) return undefined;
  return numberPast(type, bound, dir);
}

/** A number just past `bound` (dir 1: above it, -1: below) that the type can still carry. */
export function numberPast(type: FieldType, bound: number, dir: 1 | -1): WireValue | undefined {
  switch (type.kind) {
    case "timestamp":
      return BigInt(dir > 0 ? Math.floor(bound) : Math.ceil(bound)) + BigInt(dir);
    case "int": {
      if (type.bits === 64) {
        const [lo, hi] = bigintRange(type.signed);
        const v = BigInt(bound) + BigInt(dir);
        return v >= lo && v <= hi ? v : undefined;
      }
      const [lo, hi] = intRange(type);
      const v = bound + dir;
      return v >= lo && v <= hi ? v : undefined;
    }
    case "float": {
      let v = type.bits === 32 ? Math.fround(bound) : bound;
      while (dir > 0 ? v <= bound : v >= bound) v = stepFloat(v, type.bits, dir);
      return Number.isFinite(v) ? v : undefined;
    }
    default:
      return undefined;
  }
}

/** A string or bytes value of exactly `n` bytes. */
function sized(s: Site, n: number): WireValue | undefined {
  if (s.kind === "bytes") return new Uint8Array(n);
  if (s.kind !== "string") return undefined;
  const pattern = s.constraints.pattern;
  const fromPattern = pattern === undefined ? undefined : samplePattern(pattern, { minBytes: n, maxBytes: n }, n);
  const text = fromPattern ?? FILL_TEXT.repeat(Math.ceil(n / FILL_TEXT.length) + 1).slice(0, n);
  return utf8Length(text) === n ? text : undefined;
}

function items(s: Site, n: number): WireValue | undefined {
  const current = s.value as readonly WireValue[] | undefined;
  const item = current?.[0];
  if (item === undefined) return undefined;
  return Array.from({ length: n }, () => item);
}
