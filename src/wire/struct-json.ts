// JSON objects of structs and message payloads: keys are the field names in
// declaration order; an absent optional is omitted (null is read as absent);
// unknown keys are refused.
import type { FieldPlan, StructPlan } from "./plan-types.js";
import type { JsonObject, JsonValue, WireObject, WireValue } from "./values.js";
import { rethrowUnder, WireError } from "./wire-error.js";

export function structToJson(plan: StructPlan, value: Readonly<Record<string, unknown>>): JsonObject {
  const out: Record<string, JsonValue> = {};
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i] as FieldPlan;
      const v = f.inherited && !Object.hasOwn(value, f.name) ? undefined : value[f.name];
      if (v === undefined) {
        if (f.optional) continue;
        throw new WireError("invalid_value", "required field is missing");
      }
      out[f.name] = f.json.toJson(v);
    }
  } catch (e) {
    rethrowUnder(e, (fields[i] as FieldPlan).name);
  }
  return out;
}

export function structFromJson(plan: StructPlan, json: Readonly<Record<string, unknown>>): WireObject {
  const out: Record<string, WireValue> = {};
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i] as FieldPlan;
      const j = Object.hasOwn(json, f.name) ? json[f.name] : undefined;
      if (j === undefined || j === null) {
        if (f.optional) continue;
        throw new WireError("invalid_value", j === null ? "required field is null" : "required field is missing");
      }
      out[f.name] = f.json.fromJson(j);
    }
  } catch (e) {
    rethrowUnder(e, (fields[i] as FieldPlan).name);
  }
  for (const key of Object.keys(json)) {
    if (!plan.names.has(key)) throw new WireError("invalid_value", `unknown field in struct ${plan.name}`, { path: key });
  }
  return out;
}
