// A decoded frame's fields as the JSON the demos log (wire-format §9), read
// back from tshark's JSON: numbers from their text, bytes from hex to base64,
// enums from numbers to names, structs and lists from their subtrees. Floats
// are compared to 6 significant digits, as tshark shows them.
import type { Field, FieldType, Spec, StructDecl } from "../../../src/spec/model.js";

type Json = string | number | boolean | Json[] | { [key: string]: Json };

const asList = (raw: unknown): unknown[] => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]);

export function layerValue(spec: Spec, protocol: string, message: string, layer: Record<string, unknown>): Record<string, Json> {
  const m = spec.messages.find((x) => x.name === message);
  if (m === undefined) throw new Error(`no message ${message}`);
  return fieldsOf(spec, protocol, m.name, m.fields, layer);
}

function fieldsOf(spec: Spec, protocol: string, owner: string, fields: readonly Field[], obj: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const f of fields) {
    const key = `${protocol}.${owner}.${f.name}`;
    if (f.type.kind === "list") {
      if (obj[`${key}.count`] === undefined) {
        if (f.optional) continue;
        throw new Error(`${key}.count is missing`);
      }
      const tree = (obj[`${key}.count_tree`] ?? {}) as Record<string, unknown>;
      const of = f.type.of;
      out[f.name] = asList(tree[key]).map((item) => valueOf(spec, protocol, of, item));
      continue;
    }
    const raw = obj[key];
    if (raw === undefined) {
      if (f.optional) continue;
      if (f.type.kind === "bytes") {
        out[f.name] = "";
        continue;
      }
      throw new Error(`${key} is missing`);
    }
    out[f.name] = valueOf(spec, protocol, f.type, raw);
  }
  return out;
}

function valueOf(spec: Spec, protocol: string, type: FieldType, raw: unknown): Json {
  switch (type.kind) {
    case "bool":
      return raw === "1";
    case "int":
      return type.bits === 64 ? String(raw) : Number(raw);
    case "timestamp":
      return String(raw);
    case "float":
      return Number(Number(raw).toPrecision(6));
    case "string":
      return String(raw);
    case "bytes":
      return Buffer.from(String(raw).replace(/:/g, ""), "hex").toString("base64");
    case "enum": {
      const decl = spec.types.find((t) => t.name === type.name);
      const value = decl?.kind === "enum" ? decl.values.find((v) => v.value === Number(raw)) : undefined;
      if (value === undefined) throw new Error(`${type.name} has no value ${String(raw)}`);
      return value.name;
    }
    case "struct": {
      const decl = spec.types.find((t): t is StructDecl => t.kind === "struct" && t.name === type.name);
      if (decl === undefined) throw new Error(`no struct ${type.name}`);
      return fieldsOf(spec, protocol, decl.name, decl.fields, raw as Record<string, unknown>);
    }
    case "list":
      throw new Error("a list of lists is not compared here");
  }
}

/** The demo's logged JSON with floats rounded as valueOf rounds them. */
export function loggedValue(spec: Spec, message: string, json: Record<string, Json>): Record<string, Json> {
  const m = spec.messages.find((x) => x.name === message);
  if (m === undefined) throw new Error(`no message ${message}`);
  return roundFields(spec, m.fields, json);
}

function roundFields(spec: Spec, fields: readonly Field[], json: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const f of fields) {
    const v = json[f.name];
    if (v !== undefined) out[f.name] = round(spec, f.type, v);
  }
  return out;
}

function round(spec: Spec, type: FieldType, v: Json): Json {
  if (type.kind === "float") return Number(Number(v).toPrecision(6));
  if (type.kind === "list") return (v as Json[]).map((item) => round(spec, type.of, item));
  if (type.kind === "struct") {
    const decl = spec.types.find((t): t is StructDecl => t.kind === "struct" && t.name === type.name);
    return decl === undefined ? v : roundFields(spec, decl.fields, v as Record<string, Json>);
  }
  return v;
}
