// Constraint checks as generated statements (wire format section 5), shared
// by the binary and JSON code: min/max on numbers (bigint bounds for 64-bit
// values, compared exactly), lengths in bytes, patterns, item counts.
import type { Constraints, FieldType } from "../../../spec/model.js";
import { isWide, jsBigInt, jsNumber } from "../scalar-literal.js";
import { jsStr } from "./code.js";

/** Pattern constants of the spec, by source: `$P1`... in patterns.js. */
export interface Patterns {
  name(source: string): string;
}

export function rangeChecks(type: FieldType, c: Constraints, v: string, path: string): string[] {
  const out: string[] = [];
  if (c.min === undefined && c.max === undefined) return out;
  const wide = isWide(type);
  const isInt = type.kind !== "float";
  const lit = (bound: number, up: boolean): string => {
    if (wide) return jsBigInt(up ? Math.ceil(bound) : Math.floor(bound));
    return jsNumber(bound);
  };
  if (c.min !== undefined) out.push(`if (${v} < ${lit(c.min, isInt)}) throw $.outOfRange(${path}, ${v}, true, ${jsStr(String(c.min))});`);
  if (c.max !== undefined) out.push(`if (${v} > ${lit(c.max, !isInt)}) throw $.outOfRange(${path}, ${v}, false, ${jsStr(String(c.max))});`);
  return out;
}

export function lengthChecks(c: Constraints, n: string, path: string): string[] {
  const out: string[] = [];
  if (c.minLength !== undefined && c.minLength > 0) out.push(`if (${n} < ${c.minLength}) throw $.badLength(${path}, ${n}, true, ${c.minLength});`);
  if (c.maxLength !== undefined) out.push(`if (${n} > ${c.maxLength}) throw $.badLength(${path}, ${n}, false, ${c.maxLength});`);
  return out;
}

export function itemChecks(c: Constraints, n: string, path: string, outer: boolean): string[] {
  const out: string[] = [];
  if (!outer) return out;
  if (c.minItems !== undefined && c.minItems > 0) out.push(`if (${n} < ${c.minItems}) throw $.badItems(${path}, ${n}, true, ${c.minItems});`);
  if (c.maxItems !== undefined) out.push(`if (${n} > ${c.maxItems}) throw $.badItems(${path}, ${n}, false, ${c.maxItems});`);
  return out;
}

export function patternCheck(c: Constraints, s: string, path: string, patterns: Patterns): string[] {
  if (c.pattern === undefined) return [];
  const p = patterns.name(c.pattern);
  return [`if (!${p}.test(${s})) throw $.patternMismatch(${path}, ${s}, ${jsStr(c.pattern)});`];
}
