import { describe, expect, it } from "vitest";
import { parseTscDiagnostics } from "../../sandboxes/results/tsc.js";

describe("parseTscDiagnostics", () => {
  it("reads placed errors with codes, continuation lines and global errors", () => {
    const out = [
      "src/codec.js(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
      "  Type 'a' is not assignable to type 'number'.",
      "test/x.test.js(3,1): warning TS6133: 'y' is declared but its value is never read.",
      "error TS5083: Cannot read file '/p/tsconfig.json'.",
      "",
      "Found 3 errors.",
    ].join("\n");
    expect(parseTscDiagnostics(out)).toEqual([
      {
        severity: "error",
        code: "TS2322",
        message: "Type 'string' is not assignable to type 'number'.\nType 'a' is not assignable to type 'number'.",
        location: { file: "src/codec.js", line: 12 },
      },
      { severity: "warning", code: "TS6133", message: "'y' is declared but its value is never read.", location: { file: "test/x.test.js", line: 3 } },
      { severity: "error", code: "TS5083", message: "Cannot read file '/p/tsconfig.json'." },
    ]);
  });

  it("reads paths with parentheses-free spaces and ignores everything else", () => {
    expect(parseTscDiagnostics("demo/my server.js(1,2): error TS1005: ';' expected.\nnpm notice\n")).toEqual([
      { severity: "error", code: "TS1005", message: "';' expected.", location: { file: "demo/my server.js", line: 1 } },
    ]);
    expect(parseTscDiagnostics("")).toEqual([]);
  });
});
