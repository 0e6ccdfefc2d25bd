// Every conformance case of a spec's server, derived from the spec alone
// (pure, deterministic): session paths, wrong states, wire errors, messages
// of the wrong role, unknown ids, bad flags, keepalive.
import type { Spec } from "../../spec/model.js";
import { createCaseKit } from "./case-kit.js";
import type { ConformanceCase } from "./case-model.js";
import { roleCases } from "./foreign-cases.js";
import { keepaliveCases } from "./keepalive-cases.js";
import { sessionCases, wrongStateCases } from "./session-cases.js";
import { wireCases } from "./wire-cases.js";

export function deriveServerCases(spec: Spec): ConformanceCase[] {
  const kit = createCaseKit(spec);
  const cases = [...sessionCases(kit), ...wrongStateCases(kit), ...wireCases(kit), ...roleCases(kit), ...keepaliveCases(kit)];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`deriveServerCases: two cases are named ${c.name}`);
    names.add(c.name);
  }
  return cases;
}
