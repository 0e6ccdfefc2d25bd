// Building a change: the version part it calls for follows from what it
// breaks and whether it adds something (one entry per kind, so a new kind
// fails to compile until it is placed).
import type { Area, ChangeKind, Level, Place, SpecChange } from "./change-model.js";

/** Kinds that add what an old peer never sends: a new minor when they break nothing. */
const ADDS: Readonly<Record<ChangeKind, boolean>> = {
  "protocol-renamed": false,
  "frame-limit-lowered": false,
  "frame-limit-raised": true,
  "authentication-changed": false,
  "rate-limit-tightened": false,
  "rate-limit-loosened": true,
  "timing-changed": false,
  "message-added": true,
  "message-removed": false,
  "message-renamed": false,
  "message-renumbered": false,
  "message-id-reused": false,
  "message-kind-changed": false,
  "message-direction-changed": false,
  "response-added": true,
  "response-removed": false,
  "error-answer-changed": false,
  "field-added": false,
  "field-removed": false,
  "field-moved": false,
  "field-renamed": false,
  "field-type-changed": false,
  "field-made-required": false,
  "field-made-optional": false,
  "constraint-tightened": false,
  "constraint-loosened": true,
  "on-invalid-changed": false,
  "unit-changed": false,
  "enum-value-added": true,
  "enum-value-removed": false,
  "enum-value-renumbered": false,
  "enum-value-renamed": false,
  "error-added": true,
  "error-removed": false,
  "error-renumbered": false,
  "initial-state-changed": false,
  "state-added": true,
  "state-removed": false,
  "state-made-terminal": false,
  "transition-added": true,
  "transition-removed": false,
  "transition-retargeted": false,
  "behaviour-declared": false,
  "behaviour-dropped": false,
  "behaviour-changed": false,
};

export function change(kind: ChangeKind, breaks: readonly Area[], at: Place, message: string): SpecChange {
  const level: Level = breaks.length > 0 ? "major" : ADDS[kind] ? "minor" : "patch";
  return { kind, breaks, level, at, message };
}

/** Places in the old and the new spec under one label. */
export interface Where {
  readonly old: Place;
  readonly new: Place;
}

export function where(label: string, oldPath: Place["path"], newPath: Place["path"]): Where {
  return { old: { side: "old", path: oldPath, label }, new: { side: "new", path: newPath, label } };
}

export function child(w: Where, name: string, oldKey: string | number = name, newKey: string | number = oldKey): Where {
  return where(`${w.old.label}.${name}`, [...w.old.path, oldKey], [...w.new.path, newKey]);
}
