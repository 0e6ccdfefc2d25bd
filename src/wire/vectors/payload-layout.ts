// Where each value of a payload sits: encodes a valid value field by field,
// recording the offset and length of every presence byte, leaf, list and
// struct. Invalid vectors patch bytes at these offsets.
import type { Constraints, FieldKind, FieldType, Spec } from "../../spec/model.js";
import { binaryType } from "../binary-types.js";
import { ByteWriter } from "../byte-writer.js";
import { NO_CHECKS } from "../constraints.js";
import type { StructPlan } from "../plan-types.js";
import type { SpecPlans } from "../plan.js";
import type { WireObject, WireValue } from "../values.js";

export type PathSegment = string | number;

export interface Site {
  readonly kind: FieldKind | "presence";
  readonly segments: readonly PathSegment[];
  readonly type?: FieldType;
  readonly constraints: Constraints;
  /** For lists: the field's own list, which minItems/maxItems bound. */
  readonly outer: boolean;
  /** Offset in the payload. */
  readonly offset: number;
  readonly length: number;
  readonly value?: WireValue;
}

export interface Layout {
  readonly payload: Uint8Array;
  /** In wire order: by offset, an enclosing value before what it holds. */
  readonly sites: readonly Site[];
}

export function layoutPayload(spec: Spec, plans: SpecPlans, messageName: string, value: WireObject): Layout {
  const plan = plans.messages.get(messageName);
  if (!plan) throw new Error(`layout: no message ${messageName}`);
  const w = new ByteWriter();
  const sites: Site[] = [];
  const enumDecl = (name: string) => {
    const d = spec.types.find((t) => t.name === name);
    if (d?.kind !== "enum") throw new Error(`layout: no enum ${name}`);
    return d;
  };
  const struct = (name: string): StructPlan => {
    const p = plans.structs.get(name);
    if (!p) throw new Error(`layout: no struct ${name}`);
    return p;
  };

  const walkStruct = (p: StructPlan, obj: WireObject, at: readonly PathSegment[]): void => {
    for (const f of p.fields) {
      const v = obj[f.name];
      const segments = [...at, f.name];
      if (f.optional) {
        sites.push({ kind: "presence", segments, constraints: {}, outer: false, offset: w.pos, length: 1 });
        w.u8(v === undefined ? 0 : 1);
      }
      if (v !== undefined) walkValue(f.type, v, segments, f.constraints, true);
    }
  };

  const walkValue = (type: FieldType, v: WireValue, segments: readonly PathSegment[], constraints: Constraints, outer: boolean): void => {
    const index = sites.length;
    const offset = w.pos;
    if (type.kind === "struct") {
      walkStruct(struct(type.name), v as WireObject, segments);
    } else if (type.kind === "list") {
      const items = v as readonly WireValue[];
      w.u32(items.length);
      items.forEach((item, i) => walkValue(type.of, item, [...segments, i], constraints, false));
    } else {
      binaryType(type, { checks: NO_CHECKS, items: undefined, struct, enumDecl }).write(w, v);
    }
    sites.splice(index, 0, { kind: type.kind, segments, type, constraints, outer, offset, length: w.pos - offset, value: v });
  };

  walkStruct(plan, value, []);
  return { payload: w.finish(), sites };
}

/** A copy of `value` with the value at `segments` replaced. */
export function replaceAt(value: WireValue, segments: readonly PathSegment[], leaf: WireValue): WireValue {
  const [head, ...rest] = segments;
  if (head === undefined) return leaf;
  if (typeof head === "number") {
    const arr = [...(value as readonly WireValue[])];
    arr[head] = replaceAt(arr[head] as WireValue, rest, leaf);
    return arr;
  }
  const obj = value as WireObject;
  return { ...obj, [head]: replaceAt(obj[head] as WireValue, rest, leaf) };
}

/** `Message.field[2].inner`. */
export function formatSegments(messageName: string, segments: readonly PathSegment[]): string {
  return segments.reduce<string>((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : `${s}.${seg}`), messageName);
}
