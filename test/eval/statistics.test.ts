// The eval statistics against published values: Wilson intervals from
// Newcombe (1998a), the paired difference of Cavo et al. (2012) as printed by
// the contingencytables R package (Fagerland, Lydersen, Laake), McNemar's
// exact p-values by hand from the binomial distribution.
import { describe, expect, it } from "vitest";
import { comparePaired, mean, passRate, type PassPair } from "../../src/eval/statistics.js";

const pairs = (cells: { both: number; regressed: number; improved: number; neither: number }): PassPair[] => [
  ...Array.from({ length: cells.both }, () => ({ baseline: true, candidate: true })),
  ...Array.from({ length: cells.regressed }, () => ({ baseline: true, candidate: false })),
  ...Array.from({ length: cells.improved }, () => ({ baseline: false, candidate: true })),
  ...Array.from({ length: cells.neither }, () => ({ baseline: false, candidate: false })),
];

describe("pass rate (Wilson)", () => {
  it("matches Newcombe's worked examples", () => {
    const a = passRate(81, 263);
    expect([a.low, a.high].map((x) => x.toFixed(4))).toEqual(["0.2553", "0.3662"]);
    const b = passRate(15, 148);
    expect([b.low, b.high].map((x) => x.toFixed(4))).toEqual(["0.0624", "0.1605"]);
  });

  it("stays inside [0, 1] at 0 and n, where the Wald interval collapses", () => {
    const none = passRate(0, 20);
    expect([none.value, none.low, none.high.toFixed(4)]).toEqual([0, 0, "0.1611"]);
    const all = passRate(20, 20);
    expect([all.value, all.low.toFixed(4), all.high]).toEqual([1, "0.8389", 1]);
  });

  it("refuses what is not a count", () => {
    expect(() => passRate(3, 2)).toThrow(RangeError);
    expect(() => passRate(1.5, 2)).toThrow(RangeError);
  });
});

describe("mean (Student's t)", () => {
  it("gives the t interval", () => {
    // mean 5, sd 2 (values 3, 5, 7), n 3: t(0.975, 2) = 4.3027 → half width 4.3027 · 2 / √3 = 4.9683.
    const m = mean([3, 5, 7]);
    expect([m.value, m.low.toFixed(4), m.high.toFixed(4)]).toEqual([5, "0.0317", "9.9683"]);
  });

  it("cuts the interval at 0 for values that cannot be negative, not for others", () => {
    expect(mean([1, 40]).low).toBe(0);
    expect(mean([-1, 40]).low).toBeLessThan(-100);
  });

  it("has no interval from one value", () => {
    expect(mean([4])).toEqual({ value: 4, low: 4, high: 4 });
  });
});

describe("paired comparison", () => {
  it("matches the published Newcombe interval for Cavo et al. (candidate − baseline = −(first − second))", () => {
    // First measurement = baseline, second = candidate: 59 both, 6 only the first, 16 only the second, 80 neither.
    const r = comparePaired(pairs({ both: 59, regressed: 6, improved: 16, neither: 80 }));
    expect([r.difference.value, r.difference.low, r.difference.high].map((x) => x.toFixed(4))).toEqual(["0.0621", "0.0046", "0.1186"]);
    expect([r.regressed, r.improved, r.pairs]).toEqual([6, 16, 161]);
  });

  it("gives McNemar's exact p-value: twice the smaller binomial tail of the discordant pairs", () => {
    // 1 regressed, 9 improved: 2 · P(X ≤ 1 | 10, ½) = 2 · 11/1024.
    expect(comparePaired(pairs({ both: 5, regressed: 1, improved: 9, neither: 5 })).pValue).toBeCloseTo(22 / 1024, 12);
    // 6 and 16: 2 · P(X ≤ 6 | 22, ½).
    let tail = 0;
    for (let k = 0; k <= 6; k++) tail += binomial(22, k) / 2 ** 22;
    expect(comparePaired(pairs({ both: 59, regressed: 6, improved: 16, neither: 80 })).pValue).toBeCloseTo(2 * tail, 12);
  });

  it("finds identical variants not different, and caps the p-value at 1", () => {
    const same = comparePaired(pairs({ both: 7, regressed: 0, improved: 0, neither: 3 }));
    expect([same.pValue, same.difference.value]).toEqual([1, 0]);
    expect(comparePaired(pairs({ both: 0, regressed: 3, improved: 3, neither: 0 })).pValue).toBe(1);
  });
});

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
