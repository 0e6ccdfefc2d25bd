// The answers the demo session gets from a server that implements the spec's
// behaviour section (src/behaviour/demo-outcomes.ts), in the order the demo
// receives them: a request the behaviour refuses gets its error. Without the
// section, the flow's answers. Any language's view of the spec (the C++
// emitter's tests use it; JavaScript has its own copy in its folder).
import { demoOutcomes } from "../../behaviour/demo-outcomes.js";
import type { Behaviour } from "./behaviour.js";
import type { SpecView } from "./context.js";
import { sampleOf } from "./samples.js";
import { scriptOf } from "./script.js";

export function behaviourDemoAnswers(view: SpecView, behaviour: Behaviour, answers: readonly string[]): readonly string[] {
  const declared = view.spec.behaviour;
  if (declared === undefined) return answers;
  const script = scriptOf(view, behaviour.flow, (m, n) => `${m.name}:${n}`);
  const sends = script.flatMap((s) =>
    s.kind === "request" || s.kind === "oneway" ? [{ message: s.message, value: sampleOf(view, s.message, { optionals: true, self: behaviour.auth?.name === s.message }) }] : [],
  );
  const outcomes = demoOutcomes(view.spec, sends, { freshIdentities: declared.session?.unique !== undefined });
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
