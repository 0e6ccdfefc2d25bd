// Rebuilding the trace to an explored configuration from the parent pointers
// the exploration kept: walk back to the start, then read the steps forward.
import { decodeConfiguration } from "./configuration.js";
import { decodeStep, type Exploration } from "./explore.js";
import type { TraceStep } from "./model-check-types.js";
import { roleIdOf, type ProtocolGraph } from "./protocol-graph.js";

export function traceTo(graph: ProtocolGraph, exploration: Exploration, at: number): TraceStep[] {
  const trace: TraceStep[] = [];
  for (let i = at; i > 0; i = exploration.parents[i] ?? 0) {
    trace.push(stepInto(graph, exploration, i));
  }
  return trace.reverse();
}

/** The step that first reached configuration `i`. */
function stepInto(graph: ProtocolGraph, exploration: Exploration, i: number): TraceStep {
  const step = decodeStep(graph, exploration.steps[i] ?? 0);
  const stateName = (role: 0 | 1, state: number) => graph.machines[role].states[state]?.name ?? "?";
  if (step.kind === "discard") {
    const parent = decodeConfiguration(exploration.keys[exploration.parents[i] ?? 0] ?? "");
    const state = stateName(step.role, parent.states[step.role]);
    return { role: roleIdOf(step.role), action: "discard", message: graph.messages[step.message] ?? "?", from: state, to: state };
  }
  const t = graph.transitions[step.id];
  if (t === undefined) throw new Error(`model check: unknown transition id ${step.id}`);
  return {
    role: roleIdOf(t.role),
    action: t.action,
    message: graph.messages[t.message] ?? "?",
    from: stateName(t.role, t.state),
    to: stateName(t.role, t.to),
  };
}
