// Each role's machine, old against new: a transition or state gone is
// something a peer of the old version still does. (A valid spec reaches every
// state of its machines, so a state no longer reachable is a state removed.)
import type { Machine, RoleId, Spec, State, Transition } from "../spec/model.js";
import { ROLE_IDS } from "../spec/model.js";
import type { SpecChange } from "./change-model.js";
import { change, child, where, type Where } from "./changes.js";

export function diffMachines(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  return ROLE_IDS.flatMap((role) => diffMachine(oldSpec.machines[role], newSpec.machines[role], role, newSpec.roles[role].name));
}

function diffMachine(before: Machine, after: Machine, role: RoleId, roleName: string): SpecChange[] {
  const changes: SpecChange[] = [];
  const machine = where(`machines.${role}`, ["machines", role], ["machines", role]);
  const stateAt = (name: string): Where => {
    const i = before.states.findIndex((s) => s.name === name);
    const j = after.states.findIndex((s) => s.name === name);
    return where(`${machine.new.label}.${name}`, ["machines", role, "states", i], ["machines", role, "states", j]);
  };
  if (before.initial !== after.initial) {
    changes.push(change("initial-state-changed", ["behaviour"], child(machine, "initial").new, `the ${roleName} starts in ${after.initial}, was ${before.initial}`));
  }
  for (const o of before.states) {
    const n = after.states.find((s) => s.name === o.name);
    if (n === undefined) {
      changes.push(change("state-removed", ["behaviour"], stateAt(o.name).old, `the ${roleName}'s state ${o.name} removed`));
      continue;
    }
    if (!o.terminal && n.terminal) changes.push(change("state-made-terminal", ["behaviour"], child(stateAt(o.name), "terminal").new, `the ${roleName}'s session ends in ${o.name} now`));
    changes.push(...diffTransitions(o, n, stateAt(o.name), roleName));
  }
  for (const n of after.states) {
    if (!before.states.some((s) => s.name === n.name)) changes.push(change("state-added", [], stateAt(n.name).new, `the ${roleName}'s state ${n.name} added`));
  }
  return changes;
}

const said = (t: Transition) => `${t.action === "send" ? "sends" : "receives"} ${t.message}`;
const sameStep = (a: Transition) => (b: Transition) => a.action === b.action && a.message === b.message;

function diffTransitions(o: State, n: State, at: Where, roleName: string): SpecChange[] {
  const changes: SpecChange[] = [];
  const transitionAt = (t: Transition) => {
    const i = o.transitions.findIndex(sameStep(t));
    const j = n.transitions.findIndex(sameStep(t));
    return where(`${at.new.label}.${t.action}.${t.message}`, [...at.old.path, "transitions", i], [...at.new.path, "transitions", j]);
  };
  for (const t of o.transitions) {
    const now = n.transitions.find(sameStep(t));
    if (now === undefined) changes.push(change("transition-removed", ["behaviour"], transitionAt(t).old, `in ${o.name} the ${roleName} no longer ${said(t)}`));
    else if (now.to !== t.to) changes.push(change("transition-retargeted", ["behaviour"], child(transitionAt(t), "to").new, `in ${o.name}, after it ${said(t)}, the ${roleName} goes to ${now.to}, was ${t.to}`));
  }
  for (const t of n.transitions) {
    if (!o.transitions.some(sameStep(t))) changes.push(change("transition-added", [], transitionAt(t).new, `in ${n.name} the ${roleName} also ${said(t)}`));
  }
  return changes;
}
