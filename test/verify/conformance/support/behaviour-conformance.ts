// Shared by the behaviour conformance tests of the generated servers: every
// TCP case of the spec with its behaviour family, against `command`, and
// the same assertions for each language.
import { expect } from "vitest";
import { deriveServerCases, runServerConformance, selectCases, type ConformanceReport } from "../../../../src/verify/conformance/index.js";
import type { Spec } from "../../../../src/spec/model.js";

/** Runs every TCP case, the behaviour family included, and expects all to pass: the 21 behaviour cases among them. */
export async function expectEveryBehaviourCase(spec: Spec, command: string, caseMs = 15_000): Promise<{ report: ConformanceReport; total: number }> {
  const cases = selectCases(deriveServerCases(spec, "tcp", { behaviour: true }), "tcp");
  const derived = cases.filter((c) => c.family === "behaviour");
  expect(derived).toHaveLength(21);
  const report = await runServerConformance({ spec, cases, command, transport: "tcp", timings: { answerMs: 3000, closeMs: 1000, caseMs } });
  const failed = report.results.filter((r) => !r.ok);
  expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
  expect(report.passed).toBe(cases.length);
  expect(report.serverExitedEarly).toBeNull();
  const behaviour = report.results.filter((r) => r.family === "behaviour");
  expect(behaviour).toHaveLength(21);
  expect(behaviour.filter((r) => r.ok).map((r) => r.name).sort()).toEqual(derived.map((c) => c.name).sort());
  expect(behaviour.map((r) => r.name)).toEqual(expect.arrayContaining(["behaviour/session-unique", "behaviour/guard-KickUser-attribute", "behaviour/idempotent-SendMessage", "behaviour/session-resume", "behaviour/session-takeover"]));
  return { report, total: cases.length };
}
