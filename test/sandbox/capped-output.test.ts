// The output cap: everything under it comes back whole; over it, the start and
// the end survive with a marker saying how much of the middle was cut.
import { describe, expect, it } from "vitest";
import { CappedOutput } from "../../sandboxes/isolation/index.js";

const text = (cap: number, chunks: string[]): string => {
  const out = new CappedOutput(cap);
  for (const c of chunks) out.push(Buffer.from(c));
  return out.text();
};

describe("CappedOutput", () => {
  it("returns output up to the cap unchanged", () => {
    expect(text(10, [])).toBe("");
    expect(text(10, ["hello", "world"])).toBe("helloworld");
    expect(text(10, ["0123456789"])).toBe("0123456789");
  });

  it("keeps the first and last halves and marks the cut", () => {
    const out = text(10, ["0123456789", "abcdefghij"]);
    expect(out).toBe("01234\n[… protoforge sandbox: 10 bytes of output cut; 20 in all …]\nfghij");
  });

  it("keeps the true tail across many small chunks", () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const out = new CappedOutput(100);
    for (const c of chunks) out.push(Buffer.from(c));
    const all = chunks.join("");
    expect(out.truncated).toBe(true);
    expect(out.totalBytes).toBe(all.length);
    const result = out.text();
    expect(result.startsWith(all.slice(0, 50))).toBe(true);
    expect(result.endsWith(all.slice(-50))).toBe(true);
    expect(result).toContain(`${all.length - 100} bytes of output cut`);
  });

  it("holds no more than the cap plus one chunk however much is pushed", () => {
    const out = new CappedOutput(1000);
    const chunk = Buffer.alloc(4096, 120);
    for (let i = 0; i < 10_000; i++) out.push(chunk);
    expect(out.text().length).toBeLessThan(1200);
  });
});
