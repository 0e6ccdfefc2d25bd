// Stable JSON text: keys in the order they were inserted (declaration order
// for payloads), numbers in the shortest form that reads back to the same
// double, -0 kept as `-0`, optional indentation like JSON.stringify.
import type { JsonObject, JsonValue } from "./values.js";

export function formatJson(value: JsonValue, indent = 0): string {
  return write(value, indent > 0 ? " ".repeat(indent) : "", "");
}

function write(v: JsonValue, step: string, at: string): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      if (!Number.isFinite(v)) throw new Error(`formatJson: ${v} has no JSON form`);
      return Object.is(v, -0) ? "-0" : String(v);
    case "string":
      return JSON.stringify(v);
  }
  const inner = at + step;
  const open = step === "" ? "" : `\n${inner}`;
  const sep = step === "" ? "," : `,\n${inner}`;
  const close = step === "" ? "" : `\n${at}`;
  let out = "";
  if (Array.isArray(v)) {
    const items = v as readonly JsonValue[];
    if (items.length === 0) return "[]";
    for (let i = 0; i < items.length; i++) out += (i === 0 ? open : sep) + write(items[i] as JsonValue, step, inner);
    return `[${out}${close}]`;
  }
  const colon = step === "" ? ":" : ": ";
  const obj = v as JsonObject;
  let first = true;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    out += (first ? open : sep) + JSON.stringify(key) + colon + write(obj[key] as JsonValue, step, inner);
    first = false;
  }
  return first ? "{}" : `{${out}${close}}`;
}
