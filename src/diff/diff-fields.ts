// The fields of one message or struct, old against new. The binary payload
// is the fields in declaration order with no tags (wire-format §3), so any
// field added, removed or moved breaks the wire; JSON reads by name (§9), so
// a rename breaks it and a move does not.
import type { Constraints, Field, Spec } from "../spec/model.js";
import type { Area, SpecChange } from "./change-model.js";
import { change, child, type Where } from "./changes.js";
import { typeCompat } from "./type-compat.js";

export interface FieldLists {
  readonly old: readonly Field[];
  readonly new: readonly Field[];
  /** The `fields` list of the message or struct in each spec. */
  readonly at: Where;
  readonly oldSpec: Spec;
  readonly newSpec: Spec;
}

export function diffFields(lists: FieldLists): SpecChange[] {
  const { old: before, new: after, at } = lists;
  const changes: SpecChange[] = [];
  const fieldAt = (name: string, i: number, j: number) => child(at, name, i, j);
  const removed = before.filter((f) => !after.some((n) => n.name === f.name));
  const added = after.filter((n) => !before.some((f) => f.name === n.name));
  // A field in the same place with another name and a type that reads the same bytes: renamed.
  const renamed: [Field, Field][] = [];
  for (const f of [...removed]) {
    const n = after[before.indexOf(f)];
    if (n === undefined || !added.includes(n) || n.optional !== f.optional || !typeCompat(f.type, n.type, lists.oldSpec, lists.newSpec).wire) continue;
    renamed.push([f, n]);
    removed.splice(removed.indexOf(f), 1);
    added.splice(added.indexOf(n), 1);
  }
  for (const f of removed) {
    const i = before.indexOf(f);
    changes.push(change("field-removed", ["wire", "json"], fieldAt(f.name, i, i).old, `field ${f.name} removed: a peer of the old version still sends it (trailing bytes on the wire, an unknown key in JSON)`));
  }
  for (const n of added) {
    const j = after.indexOf(n);
    const breaks: Area[] = n.optional ? ["wire"] : ["wire", "json"];
    const why = n.optional ? "the payload of an old peer has no presence byte for it" : "an old peer never sends it";
    changes.push(change("field-added", breaks, fieldAt(n.name, j, j).new, `${n.optional ? "optional" : "required"} field ${n.name} added: ${why}`));
  }
  for (const [f, n] of renamed) {
    const i = before.indexOf(f);
    changes.push(change("field-renamed", ["json"], fieldAt(n.name, i, i).new, `field ${f.name} renamed ${n.name}: the same bytes on the wire, another key in JSON`));
  }
  const commonOld = before.filter((f) => after.some((n) => n.name === f.name)).map((f) => f.name);
  const commonNew = after.filter((n) => commonOld.includes(n.name)).map((n) => n.name);
  commonNew.forEach((name, k) => {
    if (commonOld[k] === name) return;
    const j = after.findIndex((n) => n.name === name);
    changes.push(change("field-moved", ["wire"], fieldAt(name, before.findIndex((f) => f.name === name), j).new, `field ${name} moved: the binary payload is the fields in declaration order`));
  });
  const pairs: [Field, Field][] = [...commonOld.map((name): [Field, Field] => [byName(before, name), byName(after, name)]), ...renamed];
  for (const [f, n] of pairs) changes.push(...diffField(f, n, fieldAt(n.name, before.indexOf(f), after.indexOf(n)), lists));
  return changes;
}

function byName(fields: readonly Field[], name: string): Field {
  const f = fields.find((x) => x.name === name);
  if (f === undefined) throw new Error(`no field ${name}`);
  return f;
}

function diffField(f: Field, n: Field, at: Where, lists: FieldLists): SpecChange[] {
  const changes: SpecChange[] = [];
  if (f.typeText !== n.typeText) {
    const compat = typeCompat(f.type, n.type, lists.oldSpec, lists.newSpec);
    const breaks: Area[] = [...(compat.wire ? [] : ["wire" as const]), ...(compat.json ? [] : ["json" as const])];
    const how = breaks.length === 0 ? "the same bytes and the same JSON" : `an old peer's value ${breaks.map((a) => (a === "wire" ? "does not read the same on the wire" : "is not accepted the same in JSON")).join(" and ")}`;
    changes.push(change("field-type-changed", breaks, child(at, "type").new, `type of ${n.name} changed from ${f.typeText} to ${n.typeText}: ${how}`));
  }
  if (f.optional !== n.optional) {
    if (n.optional) changes.push(change("field-made-optional", ["wire"], child(at, "optional").new, `${n.name} made optional: the binary payload gains a presence byte`));
    else changes.push(change("field-made-required", ["wire", "json"], child(at, "optional").new, `${n.name} made required: an old peer may leave it out`));
  }
  changes.push(...diffConstraints(f.constraints, n.constraints, n.name, at));
  if (f.onInvalid !== n.onInvalid) {
    changes.push(change("on-invalid-changed", ["behaviour"], child(at, "onInvalid").new, `${n.name}: a broken constraint is answered with ${n.onInvalid ?? "security.onInvalid"}, not ${f.onInvalid ?? "security.onInvalid"}`));
  }
  if (f.unit !== n.unit) {
    changes.push(change("unit-changed", ["behaviour"], child(at, "unit").new, `${n.name}: unit ${f.unit ?? "(none)"} became ${n.unit ?? "(none)"}: the same number means something else`));
  }
  return changes;
}

type Bound = "min" | "max" | "minLength" | "maxLength" | "minItems" | "maxItems";
const LOWER: readonly Bound[] = ["min", "minLength", "minItems"];
const BOUNDS: readonly Bound[] = ["min", "max", "minLength", "maxLength", "minItems", "maxItems"];

/** Tightened: a value an old peer may send is refused (constraint_violated); loosened: more is accepted. */
function diffConstraints(before: Constraints, after: Constraints, field: string, at: Where): SpecChange[] {
  const changes: SpecChange[] = [];
  const say = (key: string, tight: boolean, text: string) =>
    changes.push(change(tight ? "constraint-tightened" : "constraint-loosened", tight ? ["wire", "json"] : [], child(at, key).new, `${field}.${key} ${text}`));
  for (const key of BOUNDS) {
    const o = before[key];
    const n = after[key];
    if (o === n) continue;
    const lower = LOWER.includes(key);
    if (o === undefined) say(key, true, `${n} added`);
    else if (n === undefined) say(key, false, `${o} removed`);
    else say(key, lower ? n > o : n < o, `${o} became ${n}`);
  }
  if (before.pattern !== after.pattern) {
    if (before.pattern === undefined) say("pattern", true, `${after.pattern} added`);
    else if (after.pattern === undefined) say("pattern", false, `${before.pattern} removed`);
    else say("pattern", true, `${before.pattern} became ${after.pattern} (not shown to accept every value the old one did)`);
  }
  return changes;
}
