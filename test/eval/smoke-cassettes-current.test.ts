// The smoke suite's cassettes were recorded with the architect prompt of their
// day, and that prompt carries docs/spec-reference.md and the example spec
// verbatim. Edit either and replay misses (eval-replay, a 60 s toolchain
// test, fails late in CI); this check says so in the unit lane, with the fix.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_SPEC_FILE, SPEC_REFERENCE_FILE } from "../../agents/graph/architect/architect-resources.js";

const CASSETTES = "evals/suites/smoke/cassettes";
const ARCHITECT_RUNS = ["sensor/scripted/1", "sensor/sloppy/1", "sensor/without-test-rule/1"];

interface Exchange {
  readonly type: string;
  readonly agent?: string;
  readonly request?: { readonly messages: readonly { readonly role: string; readonly text: string }[] };
}

async function architectSystemTexts(run: string): Promise<string[]> {
  const lines = (await readFile(join(CASSETTES, run, "cassette.jsonl"), "utf8")).trim().split("\n");
  return lines
    .map((line) => JSON.parse(line) as Exchange)
    .filter((e) => e.type === "exchange" && e.agent === "architect")
    .map((e) => e.request?.messages.find((m) => m.role === "system")?.text ?? "");
}

describe("the smoke cassettes match today's architect prompt", () => {
  for (const run of ARCHITECT_RUNS) {
    it(`${run} carries the current ${SPEC_REFERENCE_FILE} and ${EXAMPLE_SPEC_FILE} (else: npm run eval:record-smoke, then replay into replayed-results.json)`, async () => {
      const [reference, example] = await Promise.all([readFile(SPEC_REFERENCE_FILE, "utf8"), readFile(EXAMPLE_SPEC_FILE, "utf8")]);
      const systems = await architectSystemTexts(run);
      expect(systems.length).toBeGreaterThan(0);
      for (const system of systems) {
        expect(system.includes(reference), `${run}: the recorded architect prompt has another ${SPEC_REFERENCE_FILE}`).toBe(true);
        expect(system.includes(example), `${run}: the recorded architect prompt has another ${EXAMPLE_SPEC_FILE}`).toBe(true);
      }
    });
  }
});
