// Numbered names, old against new: an enum's values and the spec's errors
// (the ErrorCode enum on the wire). The wire carries the number, JSON the
// name (wire-format §4.5, §9); a decoder refuses an undeclared one.
import type { ChangeKind, SpecChange } from "./change-model.js";
import { change, child, type Where } from "./changes.js";

export interface Numbered {
  readonly name: string;
  readonly number: number;
}

export interface ValueKinds {
  readonly added: ChangeKind;
  readonly removed: ChangeKind;
  readonly renumbered: ChangeKind;
  readonly what: string;
}

export const ENUM_VALUE_KINDS: ValueKinds = { added: "enum-value-added", removed: "enum-value-removed", renumbered: "enum-value-renumbered", what: "value" };
export const ERROR_KINDS: ValueKinds = { added: "error-added", removed: "error-removed", renumbered: "error-renumbered", what: "error" };

export function diffValues(before: readonly Numbered[], after: readonly Numbered[], at: Where, kinds: ValueKinds): SpecChange[] {
  const changes: SpecChange[] = [];
  const atValue = (name: string) => child(at, name, before.findIndex((v) => v.name === name), after.findIndex((v) => v.name === name));
  const known = (list: readonly Numbered[], name: string) => list.find((v) => v.name === name);
  for (const o of before) {
    const n = known(after, o.name);
    if (n !== undefined) {
      if (n.number !== o.number) changes.push(change(kinds.renumbered, ["wire"], atValue(o.name).new, `${kinds.what} ${o.name} renumbered from ${o.number} to ${n.number}: an old peer's number now means another ${kinds.what} or none`));
      continue;
    }
    const sameNumber = after.find((v) => v.number === o.number && known(before, v.name) === undefined);
    if (sameNumber !== undefined) {
      changes.push(change("enum-value-renamed", ["json"], child(at, sameNumber.name, before.indexOf(o), after.indexOf(sameNumber)).new, `${kinds.what} ${o.name} renamed ${sameNumber.name}: the same number on the wire, another name in JSON`));
      continue;
    }
    const i = before.indexOf(o);
    changes.push(change(kinds.removed, ["wire", "json"], child(at, o.name, i, i).old, `${kinds.what} ${o.name} (${o.number}) removed: an old peer still sends it`));
  }
  for (const n of after) {
    if (known(before, n.name) !== undefined || before.some((o) => o.number === n.number && known(after, o.name) === undefined)) continue;
    const j = after.indexOf(n);
    changes.push(change(kinds.added, [], child(at, n.name, j, j).new, `${kinds.what} ${n.name} (${n.number}) added: an old peer refuses it when a new one sends it, so upgrade readers first`));
  }
  return changes;
}
