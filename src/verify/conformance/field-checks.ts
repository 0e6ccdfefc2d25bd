// Pure judgement of a decoded message's fields for the behaviour cases: a
// value at a path, list membership, order, and equality of two answers.
import { isRecord, type WireObject, type WireValue } from "../../wire/values.js";
import type { FieldCheck } from "./case-model.js";

/** The value at `path` (`summary.members`), or undefined when a step of it is missing. */
export function valueAt(value: WireObject, path: string): WireValue | undefined {
  let at: WireValue | undefined = value;
  for (const part of path.split(".")) {
    if (at === undefined || !isRecord(at)) return undefined;
    at = (at as WireObject)[part];
  }
  return at;
}

/** Numbers and bigints by value, bytes byte for byte, lists and structs field by field. */
export function sameValue(a: WireValue | undefined, b: WireValue | undefined): boolean {
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) return BigInt(a) === BigInt(b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValue(x as WireValue, b[i] as WireValue));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined));
    return [...keys].every((k) => sameValue(a[k] as WireValue | undefined, b[k] as WireValue | undefined));
  }
  return a === b;
}

/** Whether `element`'s fields include every field of `partial` (a scalar element equals it). */
export function includesFields(element: WireValue | undefined, partial: WireValue): boolean {
  if (!isRecord(partial)) return sameValue(element, partial);
  if (element === undefined || !isRecord(element)) return false;
  return Object.entries(partial).every(([k, v]) => v === undefined || sameValue((element as WireObject)[k], v));
}

/** `{"username":"alice"}`, with bigints and bytes readable. */
export function show(v: WireValue | undefined): string {
  if (v === undefined) return "nothing";
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? Number(x) : x instanceof Uint8Array ? `<${x.length} bytes>` : x)) ?? "nothing";
}

/** The first check `value` fails, described; undefined when all pass. */
export function fieldProblem(value: WireObject, checks: readonly FieldCheck[]): string | undefined {
  for (const c of checks) {
    const at = valueAt(value, c.path);
    if (c.kind === "equals") {
      if (!sameValue(at, c.value)) return `${c.path} is ${show(at)}, expected ${show(c.value)}`;
      continue;
    }
    if (!Array.isArray(at)) return `${c.path} is ${show(at)}, expected a list`;
    const list = at as readonly WireValue[];
    if (c.kind === "contains") {
      const missing = c.items.filter((item) => !list.some((e) => includesFields(e, item)));
      if (missing.length > 0) return `${c.path} lacks ${missing.map(show).join(", ")}: it is ${show(list)}`;
    } else if (c.kind === "excludes") {
      const present = c.items.filter((item) => list.some((e) => includesFields(e, item)));
      if (present.length > 0) return `${c.path} still has ${present.map(show).join(", ")}: it is ${show(list)}`;
    } else if (list.length !== c.items.length || !c.items.every((item, i) => includesFields(list[i], item))) {
      return `${c.path} is ${show(list)}, expected ${c.items.length} element${c.items.length === 1 ? "" : "s"} with ${c.items.map(show).join(", ")}, in this order`;
    }
  }
  return undefined;
}

/** `RoomMessage with message.text "hi", room "general"`: what a check list asks for. */
export function describeChecks(message: string, checks: readonly FieldCheck[]): string {
  const parts = checks.map((c) => (c.kind === "equals" ? `${c.path} ${show(c.value)}` : `${c.path} ${c.kind} ${c.items.map(show).join(", ")}`));
  return parts.length === 0 ? message : `${message} with ${parts.join(", ")}`;
}
