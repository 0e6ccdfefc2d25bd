// Checks of a value as generated Java statements (docs/wire-format.md
// sections 4.3, 5 and 7), shared by the record constructors (validation of
// application values) and the decoders (the same rules on decoded values, in
// wire order). Paths are relative: "" is the value itself; the enclosing
// list, struct and message move an error outward (WireError.under).
import type { Constraints, FieldType } from "../../spec/model.js";
import { integerRange } from "../../wire/scalar-rules.js";
import { boundText, javaDouble, javaInt, javaLong, javaStr } from "./literals.js";
import type { JavaModel } from "./model.js";
import { intType, javaType } from "./types.js";

/** Pattern constants of the spec by source (`Patterns.P1`...). */
export interface PatternNames {
  name(source: string): string;
}

/** Fresh local names of one method. */
export interface Locals {
  fresh(prefix: string): string;
}

export function newLocals(separator = ""): Locals {
  let n = 0;
  return { fresh: (prefix) => `${prefix}${separator}${n++}` };
}

const isUint64 = (t: FieldType): boolean => t.kind === "int" && t.bits === 64 && !t.signed;

/** The text of a value in an error message. */
function valueText(t: FieldType, v: string): string {
  return isUint64(t) ? `Long.toUnsignedString(${v})` : `String.valueOf(${v})`;
}

/** min/max of an integer, timestamp or float value; vacuous bounds are left out. */
export function rangeChecks(t: FieldType, c: Constraints, v: string, path: string): string[] {
  if (c.min === undefined && c.max === undefined) return [];
  const out: string[] = [];
  const below = (bound: number): string => `throw Checks.belowMin(${path}, ${valueText(t, v)}, ${javaStr(boundText(bound))});`;
  const above = (bound: number): string => `throw Checks.aboveMax(${path}, ${valueText(t, v)}, ${javaStr(boundText(bound))});`;
  if (t.kind === "float") {
    if (c.min !== undefined) out.push(`if (${v} < ${javaDouble(c.min)}) ${below(c.min)}`);
    if (c.max !== undefined) out.push(`if (${v} > ${javaDouble(c.max)}) ${above(c.max)}`);
    return out;
  }
  if (t.kind !== "int" && t.kind !== "timestamp") return out;
  const [lo, hi] = integerRange(t);
  const wide = t.kind === "timestamp" || intType(t.bits, t.signed).plain === "long";
  const lit = (b: bigint): string => (wide ? javaLong(b) : javaInt(b));
  if (c.min !== undefined) {
    const b = BigInt(Math.ceil(c.min));
    if (b > lo) out.push(isUint64(t) ? `if (Long.compareUnsigned(${v}, ${lit(b)}) < 0) ${below(c.min)}` : `if (${v} < ${lit(b)}) ${below(c.min)}`);
  }
  if (c.max !== undefined) {
    const b = BigInt(Math.floor(c.max));
    if (b < hi) out.push(isUint64(t) ? `if (Long.compareUnsigned(${v}, ${lit(b)}) > 0) ${above(c.max)}` : `if (${v} > ${lit(b)}) ${above(c.max)}`);
  }
  return out;
}

export function lengthChecks(c: Constraints, n: string, path: string): string[] {
  const out: string[] = [];
  if (c.minLength !== undefined && c.minLength > 0) out.push(`if (${n} < ${c.minLength}) throw Checks.lengthBelow(${path}, ${n}, ${c.minLength});`);
  if (c.maxLength !== undefined) out.push(`if (${n} > ${c.maxLength}) throw Checks.lengthAbove(${path}, ${n}, ${c.maxLength});`);
  return out;
}

export function itemChecks(c: Constraints, n: string, path: string, outer: boolean): string[] {
  if (!outer) return [];
  const out: string[] = [];
  if (c.minItems !== undefined && c.minItems > 0) out.push(`if (${n} < ${c.minItems}) throw Checks.itemsBelow(${path}, ${n}, ${c.minItems});`);
  if (c.maxItems !== undefined) out.push(`if (${n} > ${c.maxItems}) throw Checks.itemsAbove(${path}, ${n}, ${c.maxItems});`);
  return out;
}

export function patternCheck(c: Constraints, s: string, path: string, patterns: PatternNames): string[] {
  if (c.pattern === undefined) return [];
  return [`if (!${patterns.name(c.pattern)}.matcher(${s}).matches()) throw Checks.patternMismatch(${path}, ${s}, ${javaStr(c.pattern)});`];
}

/** The wire type's own range, for values held in a wider Java type (uint8 in an int, uint32 in a long). */
export function typeRangeCheck(t: FieldType, v: string, path: string): string[] {
  if (t.kind !== "int") return [];
  if (t.bits === 64 || (t.bits === 32 && t.signed)) return [];
  const [lo, hi] = integerRange(t);
  const wide = t.bits === 32;
  const lit = (b: bigint): string => (wide ? javaLong(b) : javaInt(b));
  return [`if (${v} < ${lit(lo)} || ${v} > ${lit(hi)}) throw Checks.outOfType(${path}, ${v}, ${javaStr(`${lo}..${hi} (${t.signed ? "" : "u"}int${t.bits})`)});`];
}

export const indent = (lines: readonly string[], by = "    "): string[] => lines.map((l) => (l === "" ? l : by + l));

/**
 * Statements that check an application value `v` (not null) of `type` at
 * `path` (a Java string expression), as a record constructor does: the wire
 * type's range, finiteness, UTF-8 form, then the constraints; list items one
 * by one (null items are refused) with the index put in the path.
 */
export function valueChecks(model: JavaModel, type: FieldType, c: Constraints, outer: boolean, v: string, path: string, locals: Locals, patterns: PatternNames): string[] {
  switch (type.kind) {
    case "bool":
    case "enum":
    case "struct":
      return [];
    case "int":
    case "timestamp":
      return [...typeRangeCheck(type, v, path), ...rangeChecks(type, c, v, path)];
    case "float":
      return [`if (!${type.bits === 32 ? "Float" : "Double"}.isFinite(${v})) throw Checks.notFinite(${path}, ${v});`, ...rangeChecks(type, c, v, path)];
    case "string": {
      const n = locals.fresh("n");
      return [`int ${n} = Utf8.length(${v}, ${path});`, ...lengthChecks(c, n, path), ...patternCheck(c, v, path, patterns)];
    }
    case "bytes":
      return lengthChecks(c, `${v}.length`, path);
    case "list": {
      const i = locals.fresh("i");
      const x = locals.fresh("x");
      const item = javaType(model, type.of).boxed;
      const inner = valueChecks(model, type.of, c, false, x, '""', locals, patterns);
      const out = path === '""' ? (e: string): string => e : (e: string): string => `${e}.under(${path})`;
      if (inner.length === 0) {
        return [
          ...itemChecks(c, `${v}.size()`, path, outer),
          `for (int ${i} = 0; ${i} < ${v}.size(); ${i}++) {`,
          `    if (${v}.get(${i}) == null) throw ${out(`Checks.missing("").under(${i})`)};`,
          "}",
        ];
      }
      return [
        ...itemChecks(c, `${v}.size()`, path, outer),
        `for (int ${i} = 0; ${i} < ${v}.size(); ${i}++) {`,
        `    ${item} ${x} = ${v}.get(${i});`,
        "    try {",
        `        if (${x} == null) throw Checks.missing("");`,
        ...indent(inner, "        "),
        "    } catch (WireError e) {",
        `        throw ${out(`e.under(${i})`)};`,
        "    }",
        "}",
      ];
    }
  }
}
