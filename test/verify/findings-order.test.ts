import { describe, expect, it } from "vitest";
import { comparePaths, sortFindings } from "../../src/verify/findings.js";
import type { ModelCheckFinding } from "../../src/verify/model-check.js";

const finding = (kind: ModelCheckFinding["kind"], path: (string | number)[], summary = "s"): ModelCheckFinding => ({ kind, summary, path, trace: [] });

describe("finding order", () => {
  it("compares spec paths element by element, indices numerically", () => {
    expect(comparePaths(["machines", "initiator", "states", 2], ["machines", "initiator", "states", 10])).toBeLessThan(0);
    expect(comparePaths(["machines", "responder"], ["machines", "initiator"])).toBeGreaterThan(0);
    expect(comparePaths(["machines", "initiator", "states", 1], ["machines", "initiator", "states", 1, "transitions", 0])).toBeLessThan(0);
    expect(comparePaths([], [])).toBe(0);
  });

  it("sorts by kind, then path, then summary", () => {
    const sorted = sortFindings([
      finding("incomplete", []),
      finding("dead-transition", ["machines", "responder", "states", 0, "transitions", 1]),
      finding("dead-transition", ["machines", "initiator", "states", 10, "transitions", 0]),
      finding("unspecified-reception", ["machines", "initiator", "states", 3]),
      finding("deadlock", ["machines", "initiator", "states", 1], "b"),
      finding("deadlock", ["machines", "initiator", "states", 1], "a"),
      finding("dead-transition", ["machines", "initiator", "states", 2, "transitions", 0]),
    ]);
    expect(sorted.map((f) => [f.kind, f.path.join("."), f.summary])).toEqual([
      ["deadlock", "machines.initiator.states.1", "a"],
      ["deadlock", "machines.initiator.states.1", "b"],
      ["unspecified-reception", "machines.initiator.states.3", "s"],
      ["dead-transition", "machines.initiator.states.2.transitions.0", "s"],
      ["dead-transition", "machines.initiator.states.10.transitions.0", "s"],
      ["dead-transition", "machines.responder.states.0.transitions.1", "s"],
      ["incomplete", "", "s"],
    ]);
  });
});
