// The answers the demo session gets from a server that implements the spec's
// behaviour section (src/behaviour/demo-outcomes.ts), in the order the demo
// receives them: a request the behaviour refuses gets its error. Without the
// section, the flow's answers. Shared by the JavaScript, Java and C++ emitters.
import { demoOutcomes } from "../../behaviour/demo-outcomes.js";
import type { Behaviour } from "./behaviour.js";
import type { SpecView } from "./context.js";
import { sampleOf } from "./samples.js";
import { scriptOf } from "./script.js";

export function demoAnswers(ctx: SpecView, behaviour: Behaviour, answers: readonly string[]): readonly string[] {
  const declared = ctx.spec.behaviour;
  if (declared === undefined) return answers;
  const script = scriptOf(ctx, behaviour.flow, (m, n) => `${m.name}:${n}`);
  const sends = script.flatMap((s) =>
    s.kind === "request" || s.kind === "oneway" ? [{ message: s.message, value: sampleOf(ctx, s.message, { optionals: true, self: behaviour.auth?.name === s.message }) }] : [],
  );
  const outcomes = demoOutcomes(ctx.spec, sends, { freshIdentities: freshIdentities(ctx) });
  const immediate: string[] = [];
  const byTask = new Map<string, string>();
  let at = 0;
  for (const s of script) {
    if (s.kind !== "request") continue;
    const outcome = outcomes[at++] ?? "";
    if (s.task === undefined) immediate.push(outcome);
    else byTask.set(s.task, outcome);
  }
  return script.flatMap((s) => (s.kind === "answer" ? [immediate.shift() ?? s.message] : s.kind === "await" ? [byTask.get(s.task) ?? s.message] : []));
}

/** Whether each login of the demo samples takes an identity of its own: the server refuses a name a live session has. */
export function freshIdentities(ctx: SpecView): boolean {
  return ctx.spec.behaviour?.session?.unique !== undefined;
}
