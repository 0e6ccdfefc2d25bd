// Declared types, old against new, by name: an enum's values, a struct's
// fields. ErrorCode is the errors section (diff-specs.ts), not a type here.
import type { Spec, TypeDecl } from "../spec/model.js";
import { ERROR_CODE_TYPE } from "../spec/model.js";
import type { SpecChange } from "./change-model.js";
import { change, where } from "./changes.js";
import { diffFields } from "./diff-fields.js";
import { diffValues, ENUM_VALUE_KINDS } from "./diff-values.js";

export function diffTypes(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const declared = (spec: Spec) => spec.types.filter((t) => t.name !== ERROR_CODE_TYPE);
  const before = declared(oldSpec);
  const after = declared(newSpec);
  const changes: SpecChange[] = [];
  for (const o of before) {
    const n = after.find((t) => t.name === o.name);
    if (n === undefined) continue; // no field refers to it any more: those fields' changes say so
    const i = before.indexOf(o);
    const j = after.indexOf(n);
    const list = (d: TypeDecl) => (d.kind === "enum" ? "values" : "fields");
    const at = where(`types.${o.name}.${list(n)}`, ["types", i, list(o)], ["types", j, list(n)]);
    if (o.kind !== n.kind) {
      changes.push(change("field-type-changed", ["wire", "json"], { side: "new", path: ["types", j, "kind"], label: `types.${n.name}.kind` }, `${n.name} is an ${n.kind}, was a ${o.kind}: every field of that type reads otherwise`));
    } else if (o.kind === "enum" && n.kind === "enum") {
      const numbered = (d: typeof o) => d.values.map((v) => ({ name: v.name, number: v.value }));
      changes.push(...diffValues(numbered(o), numbered(n), at, ENUM_VALUE_KINDS));
    } else if (o.kind === "struct" && n.kind === "struct") {
      changes.push(...diffFields({ old: o.fields, new: n.fields, at, oldSpec, newSpec }));
    }
  }
  return changes;
}
