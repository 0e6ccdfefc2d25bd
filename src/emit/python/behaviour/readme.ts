// The README's account of the behaviour engine: what the default server does
// by itself (the plan in short lines) and the two modules that hold it. Empty
// for a spec without a behaviour section.
import { describePlan } from "../../../behaviour/describe-plan.js";
import type { BehaviourPlan } from "../../../behaviour/plan-model.js";

export function behaviourReadmeLines(pkg: string, plan: BehaviourPlan): string[] {
  if (plan.messages.length === 0) return [];
  return [
    "## What the default server does",
    "",
    `The spec's behaviour section is implemented in \`src/${pkg}/behaviour.py\` (regenerated, one method per`,
    "message below) on the state in `_behaviour.py`: sessions by identity, groups and their members,",
    "history, idempotent requests, resume tokens. The default handlers call it",
    "(`return await self.behaviour.join_room(session, message)`); a handler you rewrite keeps these",
    "checks by calling its method too.",
    "",
    "```text",
    ...describePlan(plan),
    "```",
    "",
  ];
}

/** The Layout table's rows for the engine's modules. */
export function behaviourLayoutRows(plan: BehaviourPlan): string[] {
  if (plan.messages.length === 0) return [];
  return ["| `behaviour.py` | the spec's behaviour section, called by the default handlers |", "| `_behaviour.py` | the behaviour's state: sessions, groups, history |"];
}
