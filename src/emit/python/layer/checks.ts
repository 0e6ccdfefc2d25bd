// Checks printed into generated functions: the type and range of a
// fixed-width application value (shared by the binary encoder and to_json),
// min/max constraints and patterns (wire format sections 4 and 5).
import type { FieldType } from "../../../spec/model.js";
import type { Body, FileContext, Place } from "./body.js";
import { pathOf } from "./body.js";
import { article, pyNumber, pyOptional, pyStr } from "./code.js";
import { integerRange } from "../../../wire/scalar-rules.js";
import { intTypeName } from "./fixed.js";

/** Prints the checks of a fixed-width application value held in local `v`
 *  (first loaded from `source` when given); returns the local that holds the
 *  checked value (a float32 is rounded). */
export function checkScalar(type: FieldType, b: Body, v: string, p: Place, source?: string): string {
  const { f, w } = b;
  if (source !== undefined && type.kind !== "float") f.print(v, " = ", source);
  const raise = (...parts: Parameters<typeof f.print>): void => f.indent(() => f.print("raise ", ...parts));
  switch (type.kind) {
    case "bool":
      f.print("if type(", v, ") is not bool:");
      raise(w.fn.wrong_type, "(", pathOf(p), ", ", v, ', "a bool")');
      return v;
    case "int":
    case "timestamp": {
      const [lo, hi] = integerRange(type);
      f.print("if type(", v, ") is not int or not ", lo.toString(), " <= ", v, " <= ", hi.toString(), ":");
      raise(w.fn.bad_int, "(", pathOf(p), ", ", v, ", ", pyStr(intTypeName(type)), ")");
      rangeCheck(b, type, v, p);
      return v;
    }
    case "float":
      f.print(v, " = ", type.bits === 32 ? w.fn.as_float32 : w.fn.as_float64, "(", source ?? v, ", ", pathOf(p), ")");
      rangeCheck(b, type, v, p);
      return v;
    case "enum": {
      const cls = b.mods.from("messages", b.model.className(type.name));
      f.print("if not isinstance(", v, ", ", cls, "):");
      raise(w.fn.wrong_type, "(", pathOf(p), ", ", v, ", ", pyStr(article(type.name)), ")");
      return v;
    }
    default:
      throw new Error(`checkScalar: ${type.kind} is not fixed-width`);
  }
}

/** Whether `bound` can cut into the type's range from below (`lower`) or above. */
function cuts(type: FieldType, bound: number, lower: boolean): boolean {
  if (type.kind !== "int" && type.kind !== "timestamp") return true;
  if (!Number.isInteger(bound)) return true;
  const [lo, hi] = integerRange(type);
  return lower ? BigInt(bound) > lo : BigInt(bound) < hi;
}

/** Prints the min/max check of a number in local `v`, leaving out bounds the type already guarantees. */
export function rangeCheck(b: FileContext, type: FieldType, v: string, p: Place): void {
  const { min, max } = p.c;
  const low = min !== undefined && cuts(type, min, true);
  const high = max !== undefined && cuts(type, max, false);
  if (!low && !high) return;
  const condition = low && high ? ["not ", pyNumber(min), " <= ", v, " <= ", pyNumber(max)] : low ? [v, " < ", pyNumber(min as number)] : [v, " > ", pyNumber(max as number)];
  b.f.print("if ", condition, ":");
  b.f.indent(() => b.f.print("raise ", b.w.fn.out_of_range, "(", pathOf(p), ", ", v, ", ", pyOptional(min), ", ", pyOptional(max), ")"));
}

/** Prints the pattern check of a string in local `v`, if the field has a pattern. */
export function patternCheck(b: FileContext, v: string, p: Place): void {
  if (p.c.pattern === undefined) return;
  const pattern = b.pattern(p.c.pattern);
  b.f.print("if ", pattern, ".fullmatch(", v, ") is None:");
  b.f.indent(() => b.f.print("raise ", b.w.fn.pattern_mismatch, "(", pathOf(p), ", ", v, ", ", pattern, ")"));
}
