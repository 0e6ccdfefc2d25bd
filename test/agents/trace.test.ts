// The requirement trace: spec elements → code that names them → evidence
// that each holds: conformance cases that passed, behaviour tests that ran,
// and for messages, fields and types any test that ran or the vector tests.
import { describe, expect, it } from "vitest";
import { elementName, provenElements, traceRequirements } from "../../agents/reviewer/rules/requirement-trace.js";
import { example } from "../python-layer/support.js";
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
    const input = { spec, languages: ["python" as const], files, casesByLanguage: new Map([["python", [ran("test_flow")]]]) };
    const { trace, findings } = traceRequirements(input);
    expect(trace.map((t) => [t.requirementId, t.files, t.tests, t.status])).toEqual([
      ["R1", ["python/src/pkg/messages.py"], [], "open"],
      ["R2", ["python/src/pkg/messages.py"], ["python/tests/test_flow.py"], "open"],
    ]);
    // Every element needs evidence: test_flow names ReportAck, not Report or its temperature.
    expect(trace.map((t) => t.open)).toEqual([
      ["field:Welcome.report_interval_ms", "message:Report", "field:Report.temperature"],
      ["message:Report", "field:Report.temperature"],
    ]);
    // Offline nobody writes behaviour: open requirements are reported, not blocking.
    expect(findings.map((f) => [f.requirementId, f.code, f.severity])).toEqual([
      ["R1", "requirement-open", "warning"],
      ["R2", "requirement-open", "warning"],
    ]);
    // With a model, an open must requirement blocks approval.
    expect(traceRequirements({ ...input, behaviourBy: "model" }).findings.map((f) => [f.requirementId, f.code, f.severity])).toEqual([
      ["R1", "requirement-unproven", "error"],
      ["R2", "requirement-unproven", "error"],
    ]);
    // A test that names them all covers R2.
    const flow = { path: "python/tests/test_flow.py", text: "from pkg.messages import Report, ReportAck\nassert Report(temperature=1).temperature == 1\n" };
    expect(traceRequirements({ ...input, files: [...files.slice(0, 2), flow] }).trace[1]).toMatchObject({ status: "covered", open: [] });
  });

  it("counts the golden-vector tests for elements the vectors carry", () => {
    const spec = sensorSpec();
    const files = [
      { path: "python/src/pkg/messages.py", text: "class Report: ...\nclass ReportAck: ...\n" },
      { path: "vectors/manifest.json", text: '{"valid": [{"message": "Report", "value": {"temperature": 21.5}}, {"message": "ReportAck"}, {"message": "Welcome", "value": {"report_interval_ms": 30000}}]}' },
      { path: "python/tests/test_vectors.py", text: "manifest = load(vectors_dir())\n" },
    ];
    const { findings, trace } = traceRequirements({ spec, languages: ["python"], files, casesByLanguage: new Map([["python", [{ ...ran("test_vectors"), location: { file: "tests/test_vectors.py" } }]]]) });
    expect(findings).toEqual([]);
    expect(trace.every((t) => t.tests.includes("python/tests/test_vectors.py") && t.status === "covered")).toBe(true);
  });

  it("counts conformance and behaviour tests for errors and states, never a generated test that names them", () => {
    const spec = example("chat");
    const r2 = { ...spec, requirements: spec.requirements.filter((r) => r.id === "R2") };
    expect(r2.requirements[0]?.tracedTo).toEqual(["state:server.awaiting_login", "error:not_authenticated"]);
    const files = [
      { path: "python/src/chat/session.py", text: "NOT_AUTHENTICATED = 2\nAWAITING_LOGIN = 'awaiting_login'\n" },
      { path: "javascript/src/session.js", text: "const NOT_AUTHENTICATED = 2; const AWAITING_LOGIN = 'awaiting_login';\n" },
      { path: "python/tests/test_generated.py", text: "assert code == ErrorCode.NOT_AUTHENTICATED  # awaiting_login\n" },
      { path: "python/tests/test_behaviour_auth.py", text: "def test_refused(): assert code == NOT_AUTHENTICATED  # awaiting_login\n" },
    ];
    const generatedOnly = { spec: r2, languages: ["python" as const], files, casesByLanguage: new Map([["python", [ran("test_generated")]]]), generated: new Set(["python/tests/test_generated.py"]) };
    expect(traceRequirements(generatedOnly).trace[0]).toMatchObject({ status: "open", open: ["state:server.awaiting_login", "error:not_authenticated"], tests: [] });
    // The coder's behaviour test that ran names both.
    const behaviour = { ...generatedOnly, casesByLanguage: new Map([["python", [ran("test_generated"), ran("test_behaviour_auth")]]]) };
    expect(traceRequirements(behaviour).trace[0]).toMatchObject({ status: "covered", open: [], tests: ["python/tests/test_behaviour_auth.py"] });
    // Conformance: a passed transition proves its state; the error is proven by name.
    const conformance = (language: string, proven: string[]) => ({ language, side: "server" as const, transport: "tcp", ok: true, total: 3, passed: 3, failures: [], proven, durationMs: 1, serverOutputTail: "" });
    const both = { ...generatedOnly, languages: ["python" as const, "javascript" as const], conformance: [conformance("python", ["transition:server.awaiting_login/Login", "error:not_authenticated"]), conformance("javascript", ["transition:server.awaiting_login/Login"])] };
    const traced = traceRequirements({ ...both, behaviourBy: "model" });
    expect(traced.trace[0]).toMatchObject({ status: "open", open: ["error:not_authenticated (javascript)"], conformance: ["javascript conformance", "python conformance"] });
    expect(traced.findings).toEqual([expect.objectContaining({ code: "requirement-unproven", severity: "error" })]);
    const all = { ...both, conformance: [conformance("python", ["state:server.awaiting_login", "error:not_authenticated"]), conformance("javascript", ["state:server.awaiting_login", "error:not_authenticated"])] };
    expect(traceRequirements({ ...all, behaviourBy: "model" })).toMatchObject({ findings: [], trace: [{ status: "covered" }] });
  });

  it("proves a transition's state and message, the frame limit, input validation and authentication", () => {
    expect([...provenElements(["transition:server.serving/SendMessage", "error:x"])].sort()).toEqual(["error:x", "message:SendMessage", "state:server.serving", "transition:server.serving/SendMessage"]);
    const chat = example("chat");
    expect(provenElements(["wire:frame_too_large", "wire:constraint_violated"], chat)).toEqual(new Set(["wire:frame_too_large", "wire:constraint_violated", "security:maxFrameBytes", "security:inputValidation"]));
    // Authentication: the Login transition AND a refusal in the first state; either alone is not enough.
    const login = "transition:server.awaiting_login/Login";
    expect(provenElements([login, "state:server.awaiting_login"], chat).has("security:authentication")).toBe(true);
    expect(provenElements([login], chat).has("security:authentication")).toBe(false);
    expect(provenElements(["state:server.awaiting_login"], chat).has("security:authentication")).toBe(false);
  });

  it("gives a type the evidence of the messages that carry it", () => {
    const chat = example("chat");
    const r6 = { ...chat, requirements: chat.requirements.filter((r) => r.id === "R6") };
    expect(r6.requirements[0]?.tracedTo).toEqual(["field:JoinOk.history", "type:ChatMessage"]);
    const conformance = (proven: string[]) => [{ language: "python", side: "server" as const, transport: "tcp", ok: true, total: 2, passed: 2, failures: [], proven, durationMs: 1, serverOutputTail: "" }];
    const files = [{ path: "python/src/chat/messages.py", text: "class JoinOk:\n    history: list[ChatMessage]\n" }];
    const input = { spec: r6, languages: ["python" as const], files, casesByLanguage: new Map() };
    // JoinOk is answered in a passing case: it carries ChatMessage. The field itself needs its own evidence.
    expect(traceRequirements({ ...input, conformance: conformance(["message:JoinOk"]) }).trace[0]).toMatchObject({ status: "open", open: ["field:JoinOk.history"] });
    expect(traceRequirements({ ...input, conformance: conformance(["message:JoinOk", "field:JoinOk.history"]) }).trace[0]).toMatchObject({ status: "covered" });
    // A message that does not carry it proves nothing of it.
    expect(traceRequirements({ ...input, conformance: conformance(["message:Login", "field:JoinOk.history"]) }).trace[0]).toMatchObject({ status: "open", open: ["type:ChatMessage"] });
  });

  it("reads a C++ constant without its k: kReportIntervalMs names field:Welcome.report_interval_ms", () => {
    const spec = sensorSpec();
    const trace = (text: string) =>
      traceRequirements({ spec, languages: ["cpp" as const], files: [{ path: "cpp/include/pkg/protocol_info.hpp", text }], casesByLanguage: new Map() }).trace[0]?.files;
    expect(trace("inline constexpr std::int64_t kReportIntervalMs = 30000;\n")).toEqual(["cpp/include/pkg/protocol_info.hpp"]);
    // Only a k before a capital is the prefix: kreportIntervalMs is another name.
    expect(trace("inline constexpr std::int64_t kreportIntervalMsX = 30000;\n")).toEqual([]);
  });

  it("names elements the way code spells them", () => {
    expect(elementName("message:Report")).toEqual({ key: "Report", exact: true });
    expect(elementName("field:Welcome.report_interval_ms")).toEqual({ key: "reportintervalms", exact: false });
    expect(elementName("timing:keepaliveIntervalMs")).toEqual({ key: "keepaliveintervalms", exact: false });
  });
});
