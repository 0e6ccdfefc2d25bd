// A field's constraints as checks. min/max bound numbers and timestamps,
// minLength/maxLength bound the UTF-8 bytes of strings and the bytes of
// `bytes`, pattern must match a whole string, minItems/maxItems bound the
// field's (outermost) list. Number, length and pattern constraints apply to
// every element of a list. A failed check throws `constraint_violated`.
import type { Constraints } from "../spec/model.js";
import { WireError } from "./wire-error.js";

export interface FieldChecks {
  readonly range?: (v: number | bigint) => void;
  readonly length?: (byteLength: number) => void;
  readonly pattern?: (s: string) => void;
  readonly items?: (count: number) => void;
}

export const NO_CHECKS: FieldChecks = {};

export function fieldChecks(c: Constraints): FieldChecks {
  const checks: { -readonly [K in keyof FieldChecks]: FieldChecks[K] } = {};
  const range = bounds(c.min, c.max, (v, why) => `${v} is ${why}`);
  if (range) checks.range = range;
  const length = bounds(c.minLength, c.maxLength, (v, why) => `length of ${v} bytes is ${why}`);
  if (length) checks.length = length;
  const items = bounds(c.minItems, c.maxItems, (v, why) => `${v} items is ${why}`);
  if (items) checks.items = items;
  if (c.pattern !== undefined) checks.pattern = patternCheck(c.pattern);
  return checks;
}

/** The pattern as used on the wire: whole-string match, Unicode mode. */
export function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "u");
}

function patternCheck(pattern: string): (s: string) => void {
  const re = wholeMatch(pattern);
  return (s) => {
    if (!re.test(s)) throw new WireError("constraint_violated", `${s.length > 40 ? `a string of ${s.length} characters` : JSON.stringify(s)} does not match pattern /${pattern}/`);
  };
}

function bounds<T extends number | bigint>(
  min: number | undefined,
  max: number | undefined,
  say: (v: T, why: string) => string,
): ((v: T) => void) | undefined {
  if (min === undefined && max === undefined) return undefined;
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  return (v) => {
    if (v < lo) throw new WireError("constraint_violated", say(v, `below min ${lo}`));
    if (v > hi) throw new WireError("constraint_violated", say(v, `above max ${hi}`));
  };
}
