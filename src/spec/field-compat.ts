// Whether a value of one field fits another: the same type, and constraints
// at least as tight. Used wherever a value is copied between messages
// without a check (default handlers, the behaviour plan).
import type { Field } from "./model.js";

export function sameType(a: Field, b: Field): boolean {
  return JSON.stringify(a.type) === JSON.stringify(b.type);
}

/** Whether every value `src` allows is one `tgt` allows (so it can be copied without a check). */
export function implies(src: Field, tgt: Field): boolean {
  if (!sameType(src, tgt)) return false;
  const s = src.constraints;
  const t = tgt.constraints;
  const atLeast = (a: number | undefined, b: number | undefined): boolean => b === undefined || (a !== undefined && a >= b);
  const atMost = (a: number | undefined, b: number | undefined): boolean => b === undefined || (a !== undefined && a <= b);
  return (
    atLeast(s.min, t.min) &&
    atMost(s.max, t.max) &&
    atLeast(s.minLength, t.minLength) &&
    atMost(s.maxLength, t.maxLength) &&
    atLeast(s.minItems, t.minItems) &&
    atMost(s.maxItems, t.maxItems) &&
    (t.pattern === undefined || s.pattern === t.pattern)
  );
}
