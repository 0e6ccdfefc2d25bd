// Mermaid diagrams of a spec: one state diagram per role, a sequence diagram
// of a typical session, and one per request with its answers.
import type { Machine, Message, RoleId, Spec } from "../../spec/model.js";
import { otherRole } from "../../spec/model.js";
import { deriveSessionFlow } from "../../spec/flows.js";

/** Words Mermaid's state diagram grammar reserves; states so named get a suffix. */
const MERMAID_RESERVED = new Set(["end", "state", "note", "direction", "class", "classdef", "click", "style", "as", "left", "right", "of"]);
const stateId = (name: string): string => (MERMAID_RESERVED.has(name) ? `${name}_state` : name);

export function stateDiagram(machine: Machine): string {
  const lines = ["```mermaid", "stateDiagram-v2", `    [*] --> ${stateId(machine.initial)}`];
  for (const state of machine.states) {
    for (const t of state.transitions) lines.push(`    ${stateId(state.name)} --> ${stateId(t.to)} : ${t.action} ${t.message}`);
    if (state.terminal) lines.push(`    ${stateId(state.name)} --> [*]`);
  }
  lines.push("```");
  return lines.join("\n");
}

const actor = (spec: Spec, role: RoleId): string => spec.roles[role].name;

export function sessionSequenceDiagram(spec: Spec): string {
  const lines = header(spec);
  for (const step of deriveSessionFlow(spec)) {
    lines.push(`    ${actor(spec, step.from)}->>${actor(spec, otherRole(step.from))}: ${step.message}`);
  }
  lines.push("```");
  return lines.join("\n");
}

export function requestSequenceDiagram(spec: Spec, request: Message): string {
  const lines = header(spec);
  const from = actor(spec, request.from);
  const to = actor(spec, otherRole(request.from));
  lines.push(`    ${from}->>${to}: ${request.name}`);
  const answers = [...request.responses, ...(request.error === undefined ? [] : [request.error])];
  answers.forEach((answer, i) => {
    const label = answer === request.error ? "failure" : answers.length > 1 ? `answer ${i + 1}` : "success";
    if (answers.length > 1) lines.push(`    ${i === 0 ? "alt" : "else"} ${label}`);
    lines.push(`    ${answers.length > 1 ? "    " : ""}${to}-->>${from}: ${answer}`);
  });
  if (answers.length > 1) lines.push("    end");
  lines.push("```");
  return lines.join("\n");
}

function header(spec: Spec): string[] {
  return ["```mermaid", "sequenceDiagram", `    participant ${actor(spec, "initiator")}`, `    participant ${actor(spec, "responder")}`];
}
