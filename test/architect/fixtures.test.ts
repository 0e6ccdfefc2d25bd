import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import { loadFixtures } from "../../evals/design/fixture.js";
import { scoreConcepts } from "../../evals/design/score.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { modelCheck } from "../../src/verify/model-check.js";

const fixtures = loadFixtures(join(import.meta.dirname, "..", "..", "evals", "design", "fixtures"));

describe("design eval fixtures", () => {
  it("has at least 25 descriptions", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s: validates and model-checks clean", (_, f) => {
    const result = designSpec(f.request);
    const parsed = parseSpecText(result.specYaml, `${f.name}.yaml`);
    expect(parsed.ok).toBe(true);
    const findings = modelCheck(result.spec).findings;
    expect(findings.map((x) => `${x.kind}: ${x.summary}`)).toEqual([]);
    // A floor, not the target: the eval reports the real share.
    expect(scoreConcepts(result.spec, f.expect).share).toBeGreaterThanOrEqual(0.5);
  });
});
