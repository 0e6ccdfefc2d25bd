// Printing traces and findings as message sequences, with the roles' display
// names:
//   1. sensor → collector: Hello   (sensor: connecting → authenticating)
//   2. collector receives Hello (awaiting_hello → checking)
import type { RoleId, Spec } from "../spec/model.js";
import { otherRole } from "../spec/model.js";
import { formatSpecPath } from "../spec/problems.js";
import type { ModelCheckFinding, TraceStep } from "./model-check-types.js";

/** One numbered line per step, joined by newlines, no trailing newline; "" for an empty trace. */
export function formatTrace(trace: readonly TraceStep[], spec: Spec): string {
  const name = (role: RoleId) => spec.roles[role].name;
  return trace
    .map((step, i) => {
      const who = name(step.role);
      const line =
        step.action === "send"
          ? `${who} → ${name(otherRole(step.role))}: ${step.message}   (${who}: ${step.from} → ${step.to})`
          : step.action === "receive"
            ? `${who} receives ${step.message} (${step.from} → ${step.to})`
            : `${who} discards ${step.message} (${step.from} is terminal)`;
      return `  ${i + 1}. ${line}`;
    })
    .join("\n");
}

/** `kind at path: summary`, then the trace when there is one. */
export function formatFinding(f: ModelCheckFinding, spec: Spec): string {
  const where = f.path.length > 0 ? ` at ${formatSpecPath(f.path)}` : "";
  const head = `${f.kind}${where}: ${f.summary}`;
  return f.trace.length > 0 ? `${head}\n${formatTrace(f.trace, spec)}` : head;
}
