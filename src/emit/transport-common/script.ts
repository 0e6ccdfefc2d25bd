// The demo session as client actions, from the flow the role machines give
// (deriveSessionFlow): requests answered at once, requests whose answer comes
// later (a task awaited there), oneways, events to wait for, and messages the
// handlers answer on their own. Also the demo's default port.
import type { Message } from "../../spec/model.js";
import type { FlowStep } from "../../spec/flows.js";
import type { SpecView } from "./context.js";

/** One step of the demo script. */
export type ScriptStep =
  | { readonly kind: "request"; readonly message: string; readonly task?: string }
  | { readonly kind: "oneway"; readonly message: string }
  | { readonly kind: "await"; readonly message: string; readonly task: string }
  | { readonly kind: "answer"; readonly message: string }
  | { readonly kind: "event"; readonly message: string }
  | { readonly kind: "auto"; readonly message: string };

/** Names the `n`th pending task (1, 2, ...) of request `message`, in the target language. */
export type TaskNamer = (message: Message, n: number) => string;

/** The flow as client actions: requests whose answer comes later in the flow become tasks awaited there. */
export function scriptOf(ctx: SpecView, flow: readonly FlowStep[], taskName: TaskNamer): ScriptStep[] {
  const out: ScriptStep[] = [];
  const open: { request: string; task?: string }[] = [];
  const taskCounts = new Map<string, number>();
  flow.forEach((step, i) => {
    const m = ctx.message(step.message);
    if (step.from === "initiator") {
      if (m.kind === "response") out.push({ kind: "auto", message: m.name });
      else if (m.kind === "request") {
        const next = flow[i + 1];
        const immediate = next !== undefined && next.from === "responder" && ctx.answers(m).includes(next.message);
        if (immediate) {
          out.push({ kind: "request", message: m.name });
          open.push({ request: m.name });
        } else {
          const n = (taskCounts.get(m.name) ?? 0) + 1;
          taskCounts.set(m.name, n);
          const task = taskName(m, n);
          out.push({ kind: "request", message: m.name, task });
          open.push({ request: m.name, task });
        }
      } else out.push({ kind: "oneway", message: m.name });
      return;
    }
    if (m.kind === "response") {
      const at = open.findIndex((o) => ctx.answers(ctx.message(o.request)).includes(m.name));
      const pending = at >= 0 ? open.splice(at, 1)[0] : undefined;
      if (pending?.task !== undefined) out.push({ kind: "await", message: m.name, task: pending.task });
      else out.push({ kind: "answer", message: m.name });
      return;
    }
    out.push(m.kind === "request" ? { kind: "auto", message: m.name } : { kind: "event", message: m.name });
  });
  return out;
}

/** A stable default port per protocol, 7000..7999 (the demos' and the Wireshark dissector's). */
export function defaultPort(ctx: { readonly spec: Pick<SpecView["spec"], "protocol"> }): number {
  let h = 0;
  for (const ch of ctx.spec.protocol.name) h = (h * 31 + ch.charCodeAt(0)) % 1000;
  return 7000 + h;
}
