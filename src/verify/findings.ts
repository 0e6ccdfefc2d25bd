// Turning an exploration into findings: one per deadlocked state pair, per
// unspecified (role, state, message), per transition never taken, and one
// when the exploration stopped early. Sorted by kind, then spec path.
import type { Spec } from "../spec/model.js";
import type { Exploration } from "./explore.js";
import { FINDING_KINDS, type ModelCheckFinding } from "./model-check-types.js";
import { roleIdOf, type ProtocolGraph, type RoleIndex } from "./protocol-graph.js";
import { traceTo } from "./trace.js";

export function collectFindings(spec: Spec, graph: ProtocolGraph, exploration: Exploration, maxConfigurations: number): ModelCheckFinding[] {
  const name = (role: RoleIndex) => spec.roles[roleIdOf(role)].name;
  const stateName = (role: RoleIndex, state: number) => graph.machines[role].states[state]?.name ?? "?";
  const statePath = (role: RoleIndex, state: number) => ["machines", roleIdOf(role), "states", state];
  const findings: ModelCheckFinding[] = [];

  for (const d of exploration.deadlocks) {
    // Point at the first role that is still waiting (at least one is, or the conversation would be over).
    const waiting: RoleIndex = graph.machines[0].states[d.states[0]]?.terminal === true ? 1 : 0;
    const describe = (role: RoleIndex) =>
      graph.machines[role].states[d.states[role]]?.terminal === true
        ? `${name(role)} has ended in \`${stateName(role, d.states[role])}\``
        : `${name(role)} waits in \`${stateName(role, d.states[role])}\``;
    findings.push({
      kind: "deadlock",
      summary: `${describe(0)} and ${describe(1)}, with nothing in flight: neither can move`,
      role: roleIdOf(waiting),
      state: stateName(waiting, d.states[waiting]),
      path: statePath(waiting, d.states[waiting]),
      trace: traceTo(graph, exploration, d.at),
    });
  }

  for (const u of exploration.unspecified) {
    const message = graph.messages[u.message] ?? "?";
    const peer: RoleIndex = u.role === 0 ? 1 : 0;
    findings.push({
      kind: "unspecified-reception",
      summary: `\`${message}\` from ${name(peer)} can arrive while ${name(u.role)} is in \`${stateName(u.role, u.state)}\`, which has no transition receiving it`,
      role: roleIdOf(u.role),
      state: stateName(u.role, u.state),
      message,
      path: statePath(u.role, u.state),
      trace: traceTo(graph, exploration, u.at),
    });
  }

  graph.transitions.forEach((t, id) => {
    if (exploration.taken[id] === true) return;
    const state = graph.machines[t.role].states[t.state];
    const message = graph.messages[t.message] ?? "?";
    const label = `${stateName(t.role, t.state)}: ${t.action} ${message} → ${stateName(t.role, t.to)}`;
    const why = state?.terminal === true ? " (its state is terminal, so it never moves)" : " in any reachable configuration";
    findings.push({
      kind: "dead-transition",
      summary: `${name(t.role)} never takes \`${label}\`${why}`,
      role: roleIdOf(t.role),
      state: stateName(t.role, t.state),
      message,
      path: [...statePath(t.role, t.state), "transitions", t.index],
      trace: [],
    });
  });

  if (!exploration.complete) {
    findings.push({
      kind: "incomplete",
      summary: `exploration stopped at maxConfigurations (${maxConfigurations}); findings cover only the explored configurations, and a dead transition may still be taken beyond them`,
      path: [],
      trace: [],
    });
  }
  return sortFindings(findings);
}

export function sortFindings(findings: readonly ModelCheckFinding[]): ModelCheckFinding[] {
  return [...findings].sort(
    (a, b) =>
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
      comparePaths(a.path, b.path) ||
      ordinal(a.summary, b.summary),
  );
}

/** Element by element; numbers numerically, strings ordinally, numbers before strings; a prefix first. */
export function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y || x === undefined || y === undefined) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return ordinal(x, y);
  }
  return a.length - b.length;
}

const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
