// A scripted behaviour proof for the workflow tests (the real one is
// sandboxes/behaviour-proof/): every `def test_*` of the coder's tests fails
// with the default handlers unless its file holds the marker `PROOF:vacuous`,
// and `PROOF:survivors=N` makes N of 10 mutants survive. It records each call.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BehaviourProver, BehaviourProofRequest } from "../../../agents/tester/behaviour-prover.js";
import type { RevertedTestCase, SurvivingMutant } from "../../../src/results/types.js";

export interface FakeProver {
  readonly prove: BehaviourProver;
  readonly calls: BehaviourProofRequest[];
}

export function fakeProver(): FakeProver {
  const calls: BehaviourProofRequest[] = [];
  const prove: BehaviourProver = async (request) => {
    calls.push(request);
    const cases: RevertedTestCase[] = [];
    let surviving = 0;
    for (const file of request.tests) {
      const text = await readFile(join(request.outDir, file), "utf8");
      const vacuous = text.includes("PROOF:vacuous");
      surviving = Math.max(surviving, Number(/PROOF:survivors=(\d+)/.exec(text)?.[1] ?? 0));
      for (const m of text.matchAll(/def (test_\w+)\(/g)) cases.push({ suite: file, name: m[1] ?? "?", file, failedWhenReverted: !vacuous });
    }
    const survivors: SurvivingMutant[] = Array.from({ length: surviving }, (_, i) => ({ path: request.behaviour[0]?.path ?? "?", line: i + 1, operator: "drop-statement", before: "x()", after: "pass" }));
    return {
      language: request.language,
      status: "proven",
      testFiles: [...request.tests],
      reverted: request.behaviour.filter((b) => b.defaultText !== undefined).map((b) => b.path),
      cases,
      mutation: { candidates: 10, run: 10, killed: 10 - surviving, survivors },
      durationMs: 1,
    };
  };
  return { prove, calls };
}
