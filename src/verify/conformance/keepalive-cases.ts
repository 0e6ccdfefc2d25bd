// Family "keepalive": a PING is answered at once with a PONG carrying its
// sequence number (wire-format §10.1), before authentication and in the first
// resting state after it. Pure.
import type { CaseKit } from "./case-kit.js";
import type { ConformanceCase } from "./case-model.js";
import { CaseScript } from "./script.js";
import { restingStates } from "./server-states.js";
import { routeTo } from "./session-cases.js";

export function keepaliveCases(kit: CaseKit): ConformanceCase[] {
  const initial = kit.spec.machines.responder.initial;
  const fresh = new CaseScript(kit);
  fresh.expectPong(fresh.ping());
  const cases: ConformanceCase[] = [
    { name: "keepalive/PING→PONG", family: "keepalive", proves: ["keepalive:§10.1", `state:server.${initial}`], summary: `a PING in ${initial} gets a PONG with its sequence number`, transports: ["tcp", "udp"], steps: fresh.steps },
  ];
  const later = restingStates(kit.spec).find((r) => r.route.length > 0);
  if (later !== undefined) {
    const script = routeTo(kit, later);
    script.expectPong(script.ping());
    cases.push({
      name: `keepalive/PING→PONG@${later.state.name}`,
      family: "keepalive",
      proves: ["keepalive:§10.1", `state:server.${later.state.name}`],
      summary: `a PING in ${later.state.name} gets a PONG with its sequence number`,
      transports: ["tcp", "udp"],
      steps: script.steps,
    });
  }
  return cases;
}
