// Family "role": every message only the server sends, sent to it by the
// client as a valid frame (the flags its kind requires). The server never
// receives it in any state, and there is no request to answer: it closes the
// connection (wire-format §10.4). Pure.
import type { CaseKit } from "./case-kit.js";
import type { ConformanceCase } from "./case-model.js";
import { CaseScript } from "./script.js";

export function roleCases(kit: CaseKit): ConformanceCase[] {
  const { spec } = kit;
  const client = spec.roles.initiator.name;
  return spec.messages
    .filter((m) => m.from === "responder")
    .map((m) => {
      const script = new CaseScript(kit);
      script.send(m.name);
      script.expectClose(`${m.name} is sent by the ${spec.roles.responder.name} only (wire-format §10.4)`);
      return {
        name: `role/${m.name}-from-${client}`,
        family: "role",
        proves: [`message:${m.name}`, `role:${spec.roles.responder.name}`],
        summary: `${m.name}, a ${m.kind} of the ${spec.roles.responder.name}, sent by the ${client}: the server closes the connection`,
        transports: ["tcp"],
        steps: script.steps,
      };
    });
}
