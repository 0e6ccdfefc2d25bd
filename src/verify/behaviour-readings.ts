// The model check's two readings of the behaviour section (docs/decisions/0009,
// step 5), where it changes what the machines must allow. Pure.
//
// - refusal-not-allowed: the behaviour plan refuses a request with its error
//   answer (a guard, a full group, a taken name, a spent token, …). The
//   responder must be able to send that answer from every state in which it
//   handles the request, and the initiator must be able to receive it in
//   every state it waits in after sending the request; otherwise the
//   generated server breaks its own machine to refuse, or cannot refuse.
// - events-after-end: a message of `session.ends` ends the session: it leaves
//   every group, so from the state the responder moves to, until a new
//   authentication or resumption opens a session again, no state may send an
//   event of a group.
import { buildPlan } from "../behaviour/build-plan.js";
import { splitFieldRef } from "../spec/behaviour-model.js";
import type { Spec } from "../spec/model.js";
import type { ModelCheckFinding } from "./model-check-types.js";
import { roleIdOf, type ProtocolGraph, type RoleIndex } from "./protocol-graph.js";

export function behaviourFindings(spec: Spec, graph: ProtocolGraph): ModelCheckFinding[] {
  if (spec.behaviour === undefined) return [];
  return [...refusalsNotAllowed(spec, graph), ...eventsAfterEnd(spec, graph)];
}

const statePath = (role: RoleIndex, state: number): (string | number)[] => ["machines", roleIdOf(role), "states", state];

/** Every request the plan may refuse must have its error answer in both machines. */
function refusalsNotAllowed(spec: Spec, graph: ProtocolGraph): ModelCheckFinding[] {
  const findings: ModelCheckFinding[] = [];
  const roleName = (role: RoleIndex) => spec.roles[roleIdOf(role)].name;
  for (const plan of buildPlan(spec).messages) {
    const request = spec.messages.find((m) => m.name === plan.message);
    if (request?.kind !== "request" || request.error === undefined || plan.checks.length === 0) continue;
    const error = request.error;
    const codes = [...new Set(plan.checks.map((c) => c.error))].join(", ");
    const requestId = graph.messages.indexOf(request.name);
    const errorId = graph.messages.indexOf(error);
    // Responder: after `receive request`, it answers; initiator: after `send request`, it waits.
    const sides: ReadonlyArray<readonly [RoleIndex, "receive" | "send", "send" | "receive"]> = [
      [1, "receive", "send"],
      [0, "send", "receive"],
    ];
    for (const [role, trigger, answer] of sides) {
      const after = new Set(graph.transitions.filter((t) => t.role === role && t.action === trigger && t.message === requestId).map((t) => t.to));
      for (const state of [...after].sort((a, b) => a - b)) {
        const s = graph.machines[role].states[state];
        if (s === undefined || s.terminal) continue;
        const allows = s.transitions.some((id) => graph.transitions[id]?.action === answer && graph.transitions[id]?.message === errorId);
        if (allows) continue;
        findings.push({
          kind: "refusal-not-allowed",
          summary: `the behaviour section refuses \`${request.name}\` with \`${error}\` (${codes}), but ${roleName(role)} in \`${s.name}\` has no \`${answer} ${error}\``,
          role: roleIdOf(role),
          state: s.name,
          message: error,
          path: statePath(role, state),
          trace: [],
        });
      }
    }
  }
  return findings;
}

/** After an `ends` message, until a session opens again, the responder sends no group event. */
function eventsAfterEnd(spec: Spec, graph: ProtocolGraph): ModelCheckFinding[] {
  const b = spec.behaviour;
  const session = b?.session;
  if (b === undefined || session === undefined || session.ends.length === 0) return [];
  const id = (name: string) => graph.messages.indexOf(name);
  const events = new Set<number>();
  for (const g of b.groups) {
    for (const e of g.events) events.add(id(e.send));
    if (g.remove?.notify !== undefined) events.add(id(g.remove.notify));
  }
  // Messages that open a session again: the authentication request and the resumption request.
  const opening = new Set([id(splitFieldRef(session.identity).owner), ...(session.resume === undefined ? [] : [id(splitFieldRef(session.resume.present).owner)])]);
  const responder = graph.machines[1];
  const findings: ModelCheckFinding[] = [];
  const reported = new Set<number>();
  for (const end of session.ends) {
    const endId = id(end);
    const starts = graph.transitions.filter((t) => t.role === 1 && t.action === "receive" && t.message === endId).map((t) => t.to);
    const seen = new Set<number>();
    const queue = [...starts];
    while (queue.length > 0) {
      const state = queue.shift() as number;
      if (seen.has(state)) continue;
      seen.add(state);
      const s = responder.states[state];
      if (s === undefined || s.terminal) continue;
      for (const tid of s.transitions) {
        const t = graph.transitions[tid];
        if (t === undefined || (t.action === "receive" && opening.has(t.message))) continue;
        if (t.action === "send" && events.has(t.message) && !reported.has(tid)) {
          reported.add(tid);
          findings.push({
            kind: "events-after-end",
            summary: `\`${end}\` ends the session (behaviour.session.ends: it leaves every group), but ${spec.roles.responder.name} in \`${s.name}\` may still send \`${graph.messages[t.message] ?? "?"}\`, a group event, before a session opens again`,
            role: "responder",
            state: s.name,
            message: graph.messages[t.message] ?? "?",
            path: [...statePath(1, state), "transitions", t.index],
            trace: [],
          });
        }
        queue.push(t.to);
      }
    }
  }
  return findings;
}
