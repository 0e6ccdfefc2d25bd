import { describe, expect, it } from "vitest";
import { NO_TOKENS, UsageLedger } from "../../src/llm/index.js";

function sample(): UsageLedger {
  const ledger = new UsageLedger();
  ledger.record({ agent: "architect", round: 0, promptTokens: 100, completionTokens: 50 });
  ledger.record({ agent: "coder", round: 1, promptTokens: 200, completionTokens: 80 });
  ledger.record({ agent: "coder", round: 1, attempt: 2, promptTokens: 260, completionTokens: 90 });
  ledger.record({ agent: "reviewer", round: 1, promptTokens: 40, completionTokens: 10, estimated: true });
  ledger.record({ agent: "coder", round: 2, promptTokens: 300, completionTokens: 70 });
  return ledger;
}

describe("UsageLedger", () => {
  it("starts empty", () => {
    const ledger = new UsageLedger();
    expect(ledger.totals()).toEqual(NO_TOKENS);
    expect(ledger.byAgent().size).toBe(0);
    expect(ledger.forRound(3)).toEqual(NO_TOKENS);
  });

  it("sums all calls", () => {
    expect(sample().totals()).toEqual({ promptTokens: 900, completionTokens: 300, totalTokens: 1200, calls: 5, estimatedCalls: 1 });
  });

  it("groups by agent (sorted) and by round (in order)", () => {
    const ledger = sample();
    expect([...ledger.byAgent().keys()]).toEqual(["architect", "coder", "reviewer"]);
    expect(ledger.byAgent().get("coder")).toEqual({ promptTokens: 760, completionTokens: 240, totalTokens: 1000, calls: 3, estimatedCalls: 0 });
    expect([...ledger.byRound()].map(([round, t]) => [round, t.totalTokens])).toEqual([
      [0, 150],
      [1, 680],
      [2, 370],
    ]);
    expect(ledger.forAgent("reviewer").estimatedCalls).toBe(1);
    expect(ledger.forRound(1).calls).toBe(3);
  });

  it("tells what is left of a budget", () => {
    const ledger = sample();
    expect(ledger.remaining(2000)).toBe(800);
    expect(ledger.isExhausted(2000)).toBe(false);
    expect(ledger.remaining(1200)).toBe(0);
    expect(ledger.isExhausted(1200)).toBe(true);
    expect(ledger.remaining(1000)).toBe(0);
    expect(ledger.remaining(Infinity)).toBe(Infinity);
  });

  it("round-trips through JSON", () => {
    const ledger = sample();
    const json = JSON.parse(JSON.stringify(ledger)) as unknown;
    expect(json).toEqual({ entries: ledger.entries });
    const back = UsageLedger.fromJSON(json);
    expect(back.totals()).toEqual(ledger.totals());
    expect(back.entries).toEqual(ledger.entries);
    back.record({ agent: "coder", round: 3, promptTokens: 1, completionTokens: 1 });
    expect(ledger.totals().calls).toBe(5); // independent copies
  });

  it("refuses JSON that is not a ledger", () => {
    expect(() => UsageLedger.fromJSON({ entries: [{ agent: "coder", round: 1 }] })).toThrow();
    expect(() => UsageLedger.fromJSON({ entries: [], extra: 1 })).toThrow();
    expect(() => UsageLedger.fromJSON(null)).toThrow();
  });

  it("refuses negative or fractional counts", () => {
    const ledger = new UsageLedger();
    expect(() => ledger.record({ agent: "coder", round: 1, promptTokens: -1, completionTokens: 0 })).toThrow();
    expect(() => ledger.record({ agent: "coder", round: 1.5, promptTokens: 1, completionTokens: 0 })).toThrow();
    expect(ledger.entries).toHaveLength(0);
  });
});
