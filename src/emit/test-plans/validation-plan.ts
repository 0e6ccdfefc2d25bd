// The validation tests' cases, for every language: each constrained value of
// a message's sample (top-level fields, nested struct fields, list items) just
// inside and just outside its bounds, with what the reference codec says of
// the changed message (validation: the JSON mapping; encoding: the frame).
// A language prints the cases; values of the wrong type for its own runtime
// (a string where a number goes) are its business, not the plan's.
import type { Constraints, FieldType, Message, Spec, StructDecl } from "../../spec/model.js";
import type { WireObject, WireValue } from "../../wire/index.js";
import { integerRange } from "../../wire/scalar-rules.js";
import { FLOAT32_MAX, floatAtLeast, stepFloat } from "../../wire/vectors/float-steps.js";
import { mismatchPattern, samplePattern } from "../../wire/vectors/pattern-sample.js";
import { formatSegments, replaceAt, type PathSegment } from "../../wire/vectors/payload-layout.js";
import { outcome, type Outcome } from "./outcome.js";
import type { Samples } from "./samples.js";

/** One step down a message: a field of a message or struct (named in the spec), or a list index. */
export type PathStep = { readonly owner: string; readonly field: string } | number;

/** A constrained value inside a message sample. */
export interface Site {
  readonly steps: readonly PathStep[];
  /** The same path as the reference's error paths write it. */
  readonly segments: readonly PathSegment[];
  readonly type: FieldType;
  readonly c: Constraints;
  /** The field's own list: minItems/maxItems apply. */
  readonly outer: boolean;
  readonly value: WireValue;
}

export interface ValidationCase {
  /** `min 0`, `beyond maxLength 32`, `pattern mismatch`. */
  readonly what: string;
  /** The value put at the site. */
  readonly leaf: WireValue;
  /** What the reference says of the changed message: its JSON mapping (validation) and its frame (encoding). */
  readonly validate: Outcome;
  readonly encode: Outcome;
}

export interface SitePlan {
  readonly site: Site;
  /** `Login.username: length 3..32 bytes, a pattern`. */
  readonly title: string;
  /** `username`, `items_item_price`: a name for the site in a test's name. */
  readonly label: string;
  readonly cases: readonly ValidationCase[];
}

export interface MessagePlan {
  readonly message: Message;
  readonly sample: WireObject;
  /** Only sites with at least one case. */
  readonly sites: readonly SitePlan[];
}

export function validationPlan(spec: Spec, samples: Samples): MessagePlan[] {
  const fieldsOf = compositeFields(spec);
  return spec.messages.map((m) => {
    const sample = samples.value(m);
    const sites = sitesOf(fieldsOf, m.name, sample, [], []).flatMap((site): SitePlan[] => {
      const cases = casesOf(site).map((c) => {
        const value = replaceAt(sample, site.segments, c.leaf) as WireObject;
        return {
          ...c,
          validate: outcome(() => samples.codec.toJson(m.name, value)),
          encode: outcome(() => samples.codec.encodeFrame(m.name, value, { seq: 1 })),
        };
      });
      if (cases.length === 0) return [];
      const label = site.segments.map((x) => (typeof x === "number" ? "item" : x)).join("_");
      return [{ site, title: `${formatSegments(m.name, site.segments)}: ${describe(site)}`, label, cases }];
    });
    return { message: m, sample, sites };
  });
}

type FieldsOf = (owner: string) => Message["fields"];

function compositeFields(spec: Spec): FieldsOf {
  const byName = new Map<string, Message["fields"]>([
    ...spec.messages.map((m): [string, Message["fields"]] => [m.name, m.fields]),
    ...spec.types.filter((t): t is StructDecl => t.kind === "struct").map((t): [string, Message["fields"]] => [t.name, t.fields]),
  ]);
  return (owner) => byName.get(owner) ?? [];
}

function sitesOf(fieldsOf: FieldsOf, owner: string, value: WireObject, segments: readonly PathSegment[], steps: readonly PathStep[]): Site[] {
  const out: Site[] = [];
  const visit = (type: FieldType, v: WireValue, c: Constraints, outer: boolean, segs: readonly PathSegment[], at: readonly PathStep[]): void => {
    out.push({ segments: segs, steps: at, type, c, outer, value: v });
    if (type.kind === "struct") out.push(...sitesOf(fieldsOf, type.name, v as WireObject, segs, at));
    if (type.kind === "list") {
      const first = (v as readonly WireValue[])[0];
      if (first !== undefined) visit(type.of, first, c, false, [...segs, 0], [...at, 0]);
    }
  };
  for (const field of fieldsOf(owner)) {
    const v = value[field.name];
    if (v !== undefined) visit(field.type, v, field.constraints, true, [...segments, field.name], [...steps, { owner, field: field.name }]);
  }
  return out;
}

type Case = Pick<ValidationCase, "what" | "leaf">;

/** Numbers just inside and just outside min and max that the type can carry. */
function numberCases(type: FieldType, c: Constraints): Case[] {
  const cases: Case[] = [];
  const bound = (value: number, dir: 1 | -1, name: string): void => {
    if (type.kind === "float") {
      const limit = type.bits === 32 ? FLOAT32_MAX : Number.MAX_VALUE;
      const inside = floatAtLeast(Math.max(-limit, Math.min(limit, value)), type.bits, dir === -1 ? 1 : -1);
      const outside = stepFloat(inside, type.bits, dir);
      cases.push({ what: `${name} ${value}`, leaf: inside });
      if (Number.isFinite(outside) && Math.abs(outside) <= limit) cases.push({ what: `beyond ${name} ${value}`, leaf: outside });
      return;
    }
    const [lo, hi] = integerRange(type);
    const inside = BigInt(dir === -1 ? Math.ceil(value) : Math.floor(value));
    const outside = inside + BigInt(dir);
    const wide = type.kind === "timestamp" || (type.kind === "int" && type.bits === 64);
    const wrap = (n: bigint): WireValue => (wide ? n : Number(n));
    if (inside >= lo && inside <= hi) cases.push({ what: `${name} ${value}`, leaf: wrap(inside) });
    if (outside >= lo && outside <= hi) cases.push({ what: `beyond ${name} ${value}`, leaf: wrap(outside) });
  };
  if (c.min !== undefined) bound(c.min, -1, "min");
  if (c.max !== undefined) bound(c.max, 1, "max");
  return cases;
}

/** A string of exactly `n` UTF-8 bytes (matching the pattern, if any), or bytes of length n. */
function sized(type: FieldType, c: Constraints, n: number): WireValue | undefined {
  if (n < 0) return undefined;
  if (type.kind === "bytes") return new Uint8Array(n);
  if (c.pattern === undefined) return "a".repeat(n);
  return samplePattern(c.pattern, { minBytes: n, maxBytes: n }, n);
}

function lengthCases(type: FieldType, c: Constraints): Case[] {
  const cases: Case[] = [];
  const add = (what: string, n: number): void => {
    const leaf = sized(type, c, n);
    if (leaf !== undefined) cases.push({ what, leaf });
  };
  if (c.minLength !== undefined) {
    add(`minLength ${c.minLength}`, c.minLength);
    if (c.minLength > 0) add(`below minLength ${c.minLength}`, c.minLength - 1);
  }
  if (c.maxLength !== undefined) {
    add(`maxLength ${c.maxLength}`, c.maxLength);
    add(`beyond maxLength ${c.maxLength}`, c.maxLength + 1);
  }
  if (c.pattern !== undefined && type.kind === "string") {
    const bounds = { minBytes: c.minLength ?? 0, maxBytes: c.maxLength ?? Number.POSITIVE_INFINITY };
    const mismatch = mismatchPattern(c.pattern, bounds);
    if (mismatch !== undefined) cases.push({ what: "pattern mismatch", leaf: mismatch });
  }
  return cases;
}

function itemCases(site: Site): Case[] {
  const first = (site.value as readonly WireValue[])[0];
  if (first === undefined) return [];
  const cases: Case[] = [];
  const add = (what: string, n: number): void => {
    if (n >= 0) cases.push({ what, leaf: Array.from({ length: n }, () => first) });
  };
  const { minItems, maxItems } = site.c;
  if (minItems !== undefined) {
    add(`minItems ${minItems}`, minItems);
    if (minItems > 0) add(`below minItems ${minItems}`, minItems - 1);
  }
  if (maxItems !== undefined) {
    add(`maxItems ${maxItems}`, maxItems);
    add(`beyond maxItems ${maxItems}`, maxItems + 1);
  }
  return cases;
}

function casesOf(site: Site): Case[] {
  const k = site.type.kind;
  if (k === "int" || k === "float" || k === "timestamp") return numberCases(site.type, site.c);
  if (k === "string" || k === "bytes") return lengthCases(site.type, site.c);
  if (k === "list" && site.outer) return itemCases(site);
  return [];
}

function describe(site: Site): string {
  const { c } = site;
  const parts: string[] = [];
  if (site.type.kind === "list") return `${c.minItems ?? 0}..${c.maxItems ?? ""} items`;
  if (c.min !== undefined) parts.push(`min ${c.min}`);
  if (c.max !== undefined) parts.push(`max ${c.max}`);
  if (site.type.kind === "string" || site.type.kind === "bytes") {
    if (c.minLength !== undefined || c.maxLength !== undefined) parts.push(`length ${c.minLength ?? 0}..${c.maxLength ?? ""} bytes`);
    if (c.pattern !== undefined) parts.push("a pattern");
  }
  return parts.join(", ");
}
