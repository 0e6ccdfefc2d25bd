// Scoring a designed spec against a fixture: the share of expected concepts
// present among the spec's message, type, field, enum value and error names.
// Names compare case-insensitively, ignoring `_`, so `RoomFull` matches `room_full`.
import type { Spec } from "../../src/spec/model.js";

export interface ConceptScore {
  readonly found: readonly string[];
  readonly missing: readonly string[];
  readonly share: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

export function specNames(spec: Spec): Set<string> {
  const names = new Set<string>();
  for (const m of spec.messages) {
    names.add(norm(m.name));
    for (const f of m.fields) names.add(norm(f.name));
  }
  for (const t of spec.types) {
    names.add(norm(t.name));
    if (t.kind === "struct") for (const f of t.fields) names.add(norm(f.name));
    else for (const v of t.values) names.add(norm(v.name));
  }
  for (const e of spec.errors) names.add(norm(e.name));
  return names;
}

export function scoreConcepts(spec: Spec, expect: readonly (readonly string[])[]): ConceptScore {
  const names = specNames(spec);
  const found: string[] = [];
  const missing: string[] = [];
  for (const alternatives of expect) {
    const hit = alternatives.find((a) => names.has(norm(a)));
    if (hit !== undefined) found.push(hit);
    else missing.push(alternatives.join("|"));
  }
  return { found, missing, share: expect.length === 0 ? 1 : found.length / expect.length };
}
