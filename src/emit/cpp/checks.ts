// Checks of a value as generated C++ statements (docs/wire-format.md
// sections 4, 5 and 7), shared by validate() (application values), the
// decoders and the JSON readers (the same rules, in wire order). Paths are
// relative: "" is the value itself; the enclosing list, struct and message
// move an error outward (WireError::under, in_message).
import type { Constraints, FieldType } from "../../spec/model.js";
import { integerRange } from "../../wire/scalar-rules.js";
import { boundText, cppDouble, cppInt, cppStr } from "./literals.js";
import type { CppModel } from "./model.js";

/** Pattern functions of the spec by source (`pattern_1()`...). */
export interface PatternNames {
  name(source: string): string;
}

/** Fresh local names of one function. */
export interface Locals {
  fresh(prefix: string): string;
}

export function newLocals(): Locals {
  let n = 0;
  return { fresh: (prefix) => `${prefix}${n++}` };
}

export const indent = (lines: readonly string[], by = "  "): string[] => lines.map((l) => (l === "" ? l : by + l));

/** min/max of an integer, timestamp or float value; vacuous bounds are left out. */
export function rangeChecks(t: FieldType, c: Constraints, v: string, path: string): string[] {
  if (c.min === undefined && c.max === undefined) return [];
  const out: string[] = [];
  const below = (bound: number): string => `throw below_min(${path}, number_text(${v}), ${cppStr(boundText(bound))});`;
  const above = (bound: number): string => `throw above_max(${path}, number_text(${v}), ${cppStr(boundText(bound))});`;
  if (t.kind === "float") {
    if (c.min !== undefined) out.push(`if (${v} < ${cppDouble(c.min)}) ${below(c.min)}`);
    if (c.max !== undefined) out.push(`if (${v} > ${cppDouble(c.max)}) ${above(c.max)}`);
    return out;
  }
  if (t.kind !== "int" && t.kind !== "timestamp") return out;
  const [lo, hi] = integerRange(t);
  if (c.min !== undefined) {
    const b = BigInt(Math.ceil(c.min));
    if (b > lo && b <= hi) out.push(`if (${v} < ${cppInt(t, b)}) ${below(c.min)}`);
    else if (b > hi) out.push(below(c.min));
  }
  if (c.max !== undefined) {
    const b = BigInt(Math.floor(c.max));
    if (b < hi && b >= lo) out.push(`if (${v} > ${cppInt(t, b)}) ${above(c.max)}`);
    else if (b < lo) out.push(above(c.max));
  }
  return out;
}

export function lengthChecks(c: Constraints, n: string, path: string): string[] {
  const out: string[] = [];
  if (c.minLength !== undefined && c.minLength > 0) out.push(`if (${n} < ${c.minLength}U) throw length_below(${path}, ${n}, ${c.minLength});`);
  if (c.maxLength !== undefined) out.push(`if (${n} > ${c.maxLength}U) throw length_above(${path}, ${n}, ${c.maxLength});`);
  return out;
}

export function itemChecks(c: Constraints, n: string, path: string, outer: boolean): string[] {
  if (!outer) return [];
  const out: string[] = [];
  if (c.minItems !== undefined && c.minItems > 0) out.push(`if (${n} < ${c.minItems}U) throw items_below(${path}, ${n}, ${c.minItems});`);
  if (c.maxItems !== undefined) out.push(`if (${n} > ${c.maxItems}U) throw items_above(${path}, ${n}, ${c.maxItems});`);
  return out;
}

export function patternCheck(c: Constraints, s: string, path: string, patterns: PatternNames): string[] {
  if (c.pattern === undefined) return [];
  return [`if (!matches(${patterns.name(c.pattern)}, ${s})) throw pattern_mismatch(${path}, ${s}, ${cppStr(c.pattern)});`];
}

/** Moves an error of `body` into `under` (a field name literal or an index) and rethrows it. */
export function relocate(body: readonly string[], under: string): string[] {
  return ["try {", ...indent(body), "} catch (WireError& e) {", `  e.under(${under});`, "  throw;", "}"];
}

/**
 * Statements that check an application value `v` of `type` at `path` (a C++
 * string literal) as validate() does, in the reference's order: a
 * string's UTF-8 form (the reference finds a string with no UTF-8 form before
 * it can count its bytes), then its length and its pattern; NaN and infinities;
 * declared enum values; structs through their own check, lists item by item
 * with the index put in the path.
 */
export function valueChecks(model: CppModel, type: FieldType, c: Constraints, outer: boolean, v: string, path: string, locals: Locals, patterns: PatternNames): string[] {
  switch (type.kind) {
    case "bool":
      return [];
    case "int":
    case "timestamp":
      return rangeChecks(type, c, v, path);
    case "float":
      return [`if (!std::isfinite(${v})) throw not_finite(${path}, static_cast<double>(${v}));`, ...rangeChecks(type, c, v, path)];
    case "string":
      return [`check_utf8(${v}, ${path});`, ...lengthChecks(c, `${v}.size()`, path), ...patternCheck(c, v, path, patterns)];
    case "bytes":
      return lengthChecks(c, `${v}.size()`, path);
    case "enum":
      return [`if (!is_declared(${v})) throw bad_enum(${path}, static_cast<std::uint16_t>(${v}), ${cppStr(type.name)});`];
    case "struct":
      return path === '""' ? [`check(${v});`] : relocate([`check(${v});`], path);
    case "list": {
      const i = locals.fresh("i");
      const inner = valueChecks(model, type.of, c, false, `${v}[${i}]`, '""', locals, patterns);
      const loop = inner.length === 0 ? [] : [`for (std::size_t ${i} = 0; ${i} < ${v}.size(); ++${i}) {`, ...indent(relocate(inner, i)), "}"];
      const body = [...itemChecks(c, `${v}.size()`, '""', outer), ...loop];
      if (body.length === 0) return [];
      return path === '""' ? body : relocate(body, path);
    }
  }
}
