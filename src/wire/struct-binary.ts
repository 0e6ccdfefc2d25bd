// Binary encoding of a struct or message payload: its fields in declaration
// order, no tags; an optional field is a presence byte 0x00/0x01 and, when
// 0x01, the value.
import type { ByteReader } from "./byte-reader.js";
import type { ByteWriter } from "./byte-writer.js";
import type { FieldPlan, StructPlan } from "./plan-types.js";
import type { WireObject, WireValue } from "./values.js";
import { rethrowUnder, WireError } from "./wire-error.js";

export function writeStruct(w: ByteWriter, plan: StructPlan, value: Readonly<Record<string, unknown>>): void {
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i] as FieldPlan;
      const v = f.inherited && !Object.hasOwn(value, f.name) ? undefined : value[f.name];
      if (f.optional) {
        if (v === undefined) {
          w.u8(0);
          continue;
        }
        w.u8(1);
      } else if (v === undefined) {
        throw new WireError("invalid_value", "required field is missing");
      }
      f.binary.write(w, v);
    }
  } catch (e) {
    rethrowUnder(e, (fields[i] as FieldPlan).name);
  }
}

export function readStruct(r: ByteReader, plan: StructPlan): WireObject {
  const out: Record<string, WireValue> = {};
  const fields = plan.fields;
  let i = 0;
  try {
    for (; i < fields.length; i++) {
      const f = fields[i] as FieldPlan;
      if (f.optional) {
        const presence = r.u8();
        if (presence === 0) continue;
        if (presence !== 1) throw new WireError("invalid_value", `presence byte 0x${presence.toString(16).padStart(2, "0")}, expected 0x00 or 0x01`);
      }
      out[f.name] = f.binary.read(r);
    }
  } catch (e) {
    rethrowUnder(e, (fields[i] as FieldPlan).name);
  }
  return out;
}
