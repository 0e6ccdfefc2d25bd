import { describe, expect, it } from "vitest";
import { extractFencedBlock, extractJson, stripReasoning } from "../../src/llm/index.js";

describe("extractJson", () => {
  it("takes a whole-answer object", () => {
    expect(extractJson(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 }, from: "whole" });
  });

  it("prefers a json fence over other fences", () => {
    const text = 'Example:\n```\n{"example": true}\n```\nAnswer:\n```json\n{"answer": 1}\n```';
    expect(extractJson(text)).toEqual({ ok: true, value: { answer: 1 }, from: "fenced" });
  });

  it("takes an unlabelled fence", () => {
    expect(extractJson('Here:\n```\n{"a": [1, 2]}\n```')).toMatchObject({ ok: true, value: { a: [1, 2] } });
  });

  it("finds the first balanced object in prose, skipping braces in strings", () => {
    const text = 'I think {this is not json} but this is: {"text": "a } brace", "n": {"m": 2}} and more {"x": 1}';
    expect(extractJson(text)).toEqual({ ok: true, value: { text: "a } brace", n: { m: 2 } }, from: "embedded" });
  });

  it("ignores reasoning sections", () => {
    expect(extractJson('<think>maybe {"wrong": 1}</think>\n{"right": 2}')).toMatchObject({ ok: true, value: { right: 2 } });
    expect(stripReasoning("<thinking>a</thinking> b")).toBe("b");
  });

  it("explains a failure", () => {
    expect(extractJson("")).toEqual({ ok: false, reason: "the answer was empty" });
    expect(extractJson("No JSON here.")).toEqual({ ok: false, reason: "the answer holds no JSON object" });
    const cut = extractJson('{"a": "unterminated');
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.reason).toMatch(/^the answer's JSON does not parse: /);
    const open = extractJson('Result: {"a": 1');
    expect(!open.ok && open.reason).toContain("not closed");
  });
});

describe("extractFencedBlock", () => {
  it("returns the body of the first block in one of the languages", () => {
    const text = "Notes.\n```json\n{}\n```\n```yaml\nprotocol:\n  name: x\n```\n";
    expect(extractFencedBlock(text, ["yaml", "yml"])).toBe("protocol:\n  name: x\n");
    expect(extractFencedBlock(text, ["python"])).toBeUndefined();
  });

  it("matches languages case-insensitively", () => {
    expect(extractFencedBlock("```YAML\na: 1\n```", ["yaml"])).toBe("a: 1\n");
  });
});
