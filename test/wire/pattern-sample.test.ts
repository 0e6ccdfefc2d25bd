import { describe, expect, it } from "vitest";
import { mismatchPattern, samplePattern } from "../../src/wire/vectors/pattern-sample.js";

const re = (p: string) => new RegExp(`^(?:${p})$`, "u");
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("pattern samples", () => {
  it.each([
    ["[A-Za-z0-9_-]+", 1, 64],
    ["[a-z]+", 0, 8],
    ["\\d{4}-\\d{2}-\\d{2}", 0, 100],
    ["[A-Z][a-z]+(-[A-Z][a-z]+)*", 2, 12],
    ["(?:ab|cde)+", 3, 10],
    ["[^\\s]{3,5}", 0, 10],
    ["\\w+@\\w+\\.(com|org)", 5, 40],
    ["v\\d+\\.\\d+\\.\\d+", 0, 20],
    ["(?<major>\\d+)\\.(?<minor>\\d+)", 0, 20],
    ["[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 64],
    ["\\u00e9+", 2, 10],
    ["[é-ë]{2}", 0, 10],
    ["a?b*c{0,3}", 0, 0],
    [".+", 4, 4],
    ["https?://[a-z.]+/\\S*", 0, 64],
  ])("/%s/ in %i..%i bytes", (pattern, lo, hi) => {
    for (const target of [lo, hi]) {
      const s = samplePattern(pattern, { minBytes: lo, maxBytes: hi }, target);
      expect(s).toBeDefined();
      expect(re(pattern).test(s ?? "")).toBe(true);
      expect(bytes(s ?? "")).toBeGreaterThanOrEqual(lo);
      expect(bytes(s ?? "")).toBeLessThanOrEqual(hi);
    }
  });

  it("aims at the target length", () => {
    expect(samplePattern("[a-z]+", { minBytes: 1, maxBytes: 64 }, 64)).toHaveLength(64);
    expect(samplePattern("[a-z]+", { minBytes: 1, maxBytes: 64 }, 1)).toHaveLength(1);
    expect(samplePattern("[A-Za-z0-9_-]+", { minBytes: 1, maxBytes: 64 }, 64)).toBe("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
  });

  it("falls back to fixed candidates for unsupported syntax", () => {
    expect(samplePattern("(?=.*@)\\S+", { minBytes: 0, maxBytes: 64 }, 10)).toBe("user@example.com");
    expect(samplePattern("\\bexample\\b", { minBytes: 0, maxBytes: 64 }, 10)).toBe("example");
  });

  it("gives up when nothing fits", () => {
    expect(samplePattern("[a-z]{5}", { minBytes: 0, maxBytes: 4 }, 4)).toBeUndefined();
    expect(samplePattern("(?=a)b", { minBytes: 0, maxBytes: 10 }, 4)).toBeUndefined();
  });

  it("finds strings that do not match", () => {
    const s = mismatchPattern("[A-Za-z0-9_-]+", { minBytes: 1, maxBytes: 64 });
    expect(s).toBeDefined();
    expect(re("[A-Za-z0-9_-]+").test(s ?? "a")).toBe(false);
    expect(mismatchPattern(".*", { minBytes: 0, maxBytes: 10 })).toBeUndefined();
  });
});
