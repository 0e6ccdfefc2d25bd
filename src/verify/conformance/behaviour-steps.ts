// The steps of multi-peer behaviour cases that wait for events: an event
// arrives on a peer, or none does. Each wait is bounded by its deadline and a
// frame budget; see peer-link.ts for where events read by other steps go.
import type { Step } from "./case-model.js";
import { describeChecks, fieldProblem } from "./field-checks.js";
import { describeFrame, type JudgeContext } from "./judge.js";
import type { Link } from "./link.js";
import { PeerLink } from "./peer-link.js";

export type EventStep = Extract<Step, { kind: "expect-event" | "expect-no-event" }>;
type Outcome = { readonly kind: "next" } | { readonly kind: "fail"; readonly reason: string };

const MAX_FRAMES = 4096;
const SHOWN = 3;

export async function runEventStep(step: EventStep, link: Link, judge: JudgeContext, deadline: number, waitMs: number): Promise<Outcome> {
  if (!(link instanceof PeerLink)) return { kind: "fail", reason: `${step.kind} needs a multi-peer case` };
  const wanted = describeChecks(step.message, step.fields);
  if (step.kind === "expect-event") {
    for (let i = 0; i < MAX_FRAMES; i++) {
      const found = link.find(step.message, step.fields);
      if (found !== undefined) {
        found.taken = true;
        return { kind: "next" };
      }
      const r = await link.pull(deadline);
      if (r.kind === "timeout") return { kind: "fail", reason: `expected ${wanted} (${step.why}), got none within ${waitMs} ms${near(link, step, judge)}` };
      if (r.kind === "closed") return { kind: "fail", reason: `waiting for ${wanted} (${step.why}): ${r.why}${near(link, step, judge)}` };
    }
    return { kind: "fail", reason: `more than ${MAX_FRAMES} frames without ${wanted}` };
  }
  for (let i = 0; i < MAX_FRAMES; i++) {
    const r = await link.pull(deadline);
    if (r.kind !== "read") break;
  }
  const got = link.find(step.message, step.fields);
  return got === undefined ? { kind: "next" } : { kind: "fail", reason: `expected no ${wanted} (${step.why}), got ${describeFrame(judge.codec, got.frame)}` };
}

/** `; got RoomMessage #0 {…} (message.text is "x", expected "y")`: the events of that message not taken, and why each does not match. */
function near(link: PeerLink, step: EventStep, judge: JudgeContext): string {
  const same = link.inbox.filter((e) => !e.taken && e.frame.messageName === step.message);
  if (same.length === 0) return `; no ${step.message} arrived`;
  const shown = same.slice(0, SHOWN).map((e) => `${describeFrame(judge.codec, e.frame)} (${fieldProblem(e.frame.value, step.fields) ?? "matches"})`);
  return `; got ${shown.join(", ")}${same.length > SHOWN ? `, and ${same.length - SHOWN} more` : ""}`;
}
