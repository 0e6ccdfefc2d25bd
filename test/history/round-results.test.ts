import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RoundResults } from "../../src/run/report/report-types.js";
import { listRoundResults, readRoundResults, roundResultsPath, writeRoundResults } from "../../src/run/report/round-results.js";
import { stableJson } from "../../src/run/report/stable-json.js";
import { tempDir } from "./helpers.js";
import { PYTHON_ROUND_1 } from "./report-fixtures.js";

const RESULTS: RoundResults = {
  languages: [PYTHON_ROUND_1],
  interop: [],
  conformance: [],
  findings: [{ severity: "error", code: "untested-requirement", message: "R2 has no test", requirementId: "R2" }],
  tokens: { coder: 5400, architect: 2100 },
};

describe("round results", () => {
  it("writes .protoforge/rounds/N.json as pretty JSON with keys in stable order, and reads it back", async () => {
    const dir = await tempDir();
    const path = await writeRoundResults(dir, 1, RESULTS);
    expect(path).toBe(".protoforge/rounds/1.json");
    const text = await readFile(join(dir, path), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n").slice(0, 3)).toEqual(["{", '  "conformance": [],', '  "findings": [']);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["conformance", "findings", "interop", "languages", "round", "tokens"]);
    expect(text).toContain('"tokens": {\n    "architect": 2100,\n    "coder": 5400\n  }');
    expect(await readRoundResults(dir, 1)).toEqual({ round: 1, ...RESULTS });
  });

  it("gives the same bytes whatever order the keys were built in", async () => {
    const dir = await tempDir();
    const reordered: RoundResults = { tokens: { architect: 2100, coder: 5400 }, interop: [], conformance: [], findings: RESULTS.findings, languages: [{ ...PYTHON_ROUND_1 }].reverse() };
    await writeRoundResults(dir, 1, RESULTS);
    await writeRoundResults(dir, 2, reordered);
    const one = await readFile(join(dir, roundResultsPath(1)), "utf8");
    const two = await readFile(join(dir, roundResultsPath(2)), "utf8");
    expect(two).toBe(one.replace('"round": 1', '"round": 2'));
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{\n  "a": [\n    {\n      "c": 2,\n      "d": 1\n    }\n  ],\n  "b": 1\n}\n');
  });

  it("reads a round that wrote nothing as undefined and lists the rounds in numeric order", async () => {
    const dir = await tempDir();
    expect(await readRoundResults(dir, 3)).toBeUndefined();
    expect(await listRoundResults(dir)).toEqual([]);
    for (const round of [10, 2, 1]) await writeRoundResults(dir, round, RESULTS);
    await mkdir(join(dir, ".protoforge/rounds"), { recursive: true });
    await writeFile(join(dir, ".protoforge/rounds/notes.txt"), "");
    expect(await listRoundResults(dir)).toEqual([1, 2, 10]);
  });

  it("refuses a round that is not a positive integer", () => {
    expect(() => roundResultsPath(0)).toThrow(RangeError);
    expect(() => roundResultsPath(1.5)).toThrow(RangeError);
  });
});
