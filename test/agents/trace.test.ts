// The requirement trace: spec elements → code that names them → tests that
// ran and name them (or run over the golden vectors that carry them).
import { describe, expect, it } from "vitest";
import { elementName, traceRequirements } from "../../agents/reviewer/rules/requirement-trace.js";
import { parseSpecText } from "../../src/spec/parse.js";
import type { Spec } from "../../src/spec/model.js";
import { sensorSpecYaml } from "./support/answers.js";

function sensorSpec(): Spec {
  const parsed = parseSpecText(sensorSpecYaml(), "protocol.yaml");
  if (!parsed.ok) throw new Error("the sensor spec does not parse");
  return parsed.spec;
}

const ran = (file: string) => ({ suite: `tests.${file}.T`, name: "test_x", status: "passed" as const, durationMs: 1, location: { file: `tests/${file}.py` } });

describe("traceRequirements", () => {
  it("traces each requirement to code and to tests that ran", () => {
    const spec = sensorSpec();
    const files = [
      { path: "python/src/pkg/messages.py", text: "class Report:\n    temperature: float\nclass ReportAck:\n    seq: int\n" },
      { path: "python/src/pkg/notes.py", text: "# a report is sent\nreporting = 1\n" },
      { path: "python/tests/test_flow.py", text: "from pkg.messages import ReportAck\n" },
      { path: "python/tests/test_unrun.py", text: "from pkg.messages import Report\n" },
    ];
    const { trace, findings } = traceRequirements({ spec, languages: ["python"], files, casesByLanguage: new Map([["python", [ran("test_flow")]]]) });
    expect(trace.map((t) => [t.requirementId, t.files, t.tests])).toEqual([
      ["R1", ["python/src/pkg/messages.py"], []],
      ["R2", ["python/src/pkg/messages.py"], ["python/tests/test_flow.py"]],
    ]);
    // R1 is traced to messages and fields, so a missing test blocks.
    expect(findings).toEqual([expect.objectContaining({ code: "requirement-untested", severity: "error", requirementId: "R1" })]);
  });

  it("counts the golden-vector tests for elements the vectors carry", () => {
    const spec = sensorSpec();
    const files = [
      { path: "python/src/pkg/messages.py", text: "class Report: ...\nclass ReportAck: ...\n" },
      { path: "vectors/manifest.json", text: '{"valid": [{"message": "Report"}, {"message": "ReportAck"}]}' },
      { path: "python/tests/test_vectors.py", text: "manifest = load(vectors_dir())\n" },
    ];
    const { findings, trace } = traceRequirements({ spec, languages: ["python"], files, casesByLanguage: new Map([["python", [{ ...ran("test_vectors"), location: { file: "tests/test_vectors.py" } }]]]) });
    expect(findings).toEqual([]);
    expect(trace.every((t) => t.tests.includes("python/tests/test_vectors.py"))).toBe(true);
  });

  it("names elements the way code spells them", () => {
    expect(elementName("message:Report")).toEqual({ key: "Report", exact: true });
    expect(elementName("field:Welcome.report_interval_ms")).toEqual({ key: "reportintervalms", exact: false });
    expect(elementName("timing:keepaliveIntervalMs")).toEqual({ key: "keepaliveintervalms", exact: false });
  });
});
