// The behaviour section, old against new, entry by entry (docs left out):
// what the generated server does by itself. Any difference is one a deployed
// peer can notice (a request refused that was served, an event it no longer
// gets), so each is breaking in behaviour; review it with the message.
import type { Behaviour } from "../spec/behaviour-model.js";
import type { Spec } from "../spec/model.js";
import type { SpecChange } from "./change-model.js";
import { change } from "./changes.js";

type Entry = { readonly id: string; readonly index: number; readonly json: string };
const LISTS = ["groups", "guards", "idempotent", "sequence", "progress"] as const;

export function diffBehaviour(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const changes: SpecChange[] = [];
  const o = oldSpec.behaviour;
  const n = newSpec.behaviour;
  const at = (path: readonly (string | number)[], label: string) => ({ side: "new" as const, path: ["behaviour", ...path], label: `behaviour.${label}` });
  const gone = (path: readonly (string | number)[], label: string) => ({ ...at(path, label), side: "old" as const });
  const oldSession = canonical(o?.session);
  const newSession = canonical(n?.session);
  if (oldSession !== newSession) {
    if (o?.session === undefined) changes.push(change("behaviour-declared", ["behaviour"], at(["session"], "session"), "sessions declared: the server now refuses what they forbid (a taken identity, an expired token)"));
    else if (n?.session === undefined) changes.push(change("behaviour-dropped", ["behaviour"], gone(["session"], "session"), "sessions no longer declared: the server stops enforcing them"));
    else changes.push(change("behaviour-changed", ["behaviour"], at(["session"], "session"), "the declared session changed"));
  }
  for (const key of LISTS) {
    const before = entries(o, key);
    const after = entries(n, key);
    for (const e of before) {
      const now = after.find((a) => a.id === e.id);
      if (now === undefined) changes.push(change("behaviour-dropped", ["behaviour"], gone([key, e.index], `${key}.${e.id}`), `${key} entry ${e.id} no longer declared: the server stops doing it by itself`));
      else if (now.json !== e.json) changes.push(change("behaviour-changed", ["behaviour"], at([key, now.index], `${key}.${e.id}`), `${key} entry ${e.id} changed`));
    }
    for (const a of after) {
      if (!before.some((e) => e.id === a.id)) changes.push(change("behaviour-declared", ["behaviour"], at([key, a.index], `${key}.${a.id}`), `${key} entry ${a.id} declared: the server now does it by itself, and may refuse or answer otherwise what an old peer sends`));
    }
  }
  return changes;
}

/** How an entry is known across versions: a group or transfer by name, a guard by its requests and error, the rest by the field they name. */
const ENTRY_ID: { readonly [K in (typeof LISTS)[number]]: (item: NonNullable<Behaviour[K]>[number]) => string } = {
  groups: (g) => g.name,
  guards: (g) => `${g.request.join("+")}:${g.error}`,
  idempotent: (i) => i.request,
  sequence: (q) => q.field,
  progress: (p) => p.name,
};

function entries(b: Behaviour | undefined, key: (typeof LISTS)[number]): Entry[] {
  const list: readonly object[] = b?.[key] ?? [];
  const idOf = ENTRY_ID[key] as (item: object) => string;
  return list.map((item, index) => ({ id: idOf(item), index, json: canonical(item) }));
}

/** JSON with sorted keys and without docs, so that prose and key order do not count. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "doc") return undefined;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  });
}
