import { describe, expect, it } from "vitest";
import { parseDiagnostics } from "../../sandboxes/results/diagnostics.js";
import { parseJUnitXml } from "../../sandboxes/results/junit.js";
import { summarise } from "../../src/results/types.js";

const PYTEST_XUNIT1 = `<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.5">
<testcase classname="tests.test_vectors.VectorTest" name="test_valid" file="tests/test_vectors.py" line="11" time="0.010"/>
<testcase classname="tests.test_vectors.VectorTest" name="test_invalid" file="tests/test_vectors.py" line="20" time="0.020"><failure message="AssertionError: b'\\x01' != b'\\x02'">Traceback...
AssertionError</failure></testcase>
<testcase classname="tests.test_tcp.TcpTest" name="test_session" file="tests/test_tcp.py" line="5" time="1.5"><error message="failed on setup with &quot;OSError&quot;">trace</error></testcase>
<testcase classname="tests.test_tcp.TcpTest" name="test_skip" file="tests/test_tcp.py" line="9" time="0"><skipped message="no ipv6"/></testcase>
</testsuite></testsuites>`;

describe("JUnit XML", () => {
  it("reads pytest's xunit1 output with statuses, messages and 1-based lines", () => {
    const cases = parseJUnitXml(PYTEST_XUNIT1);
    expect(cases.map((c) => [c.name, c.status])).toEqual([
      ["test_valid", "passed"],
      ["test_invalid", "failed"],
      ["test_session", "errored"],
      ["test_skip", "skipped"],
    ]);
    expect(cases[1]).toMatchObject({ suite: "tests.test_vectors.VectorTest", message: "AssertionError: b'\\x01' != b'\\x02'", location: { file: "tests/test_vectors.py", line: 21 }, durationMs: 20 });
    expect(cases[2]?.message).toBe('failed on setup with "OSError"');
    expect(summarise(cases)).toEqual({ suites: 2, tests: 4, passed: 1, failed: 1, errored: 1, skipped: 1 });
  });

  it("reads a single testsuite root without file attributes (xunit2, Surefire)", () => {
    const cases = parseJUnitXml(`<testsuite name="com.x.CodecTest" tests="2"><testcase name="roundTrip" classname="com.x.CodecTest" time="0.1"/><testcase name="bad" classname="com.x.CodecTest"><failure>expected 1</failure></testcase></testsuite>`);
    expect(cases).toHaveLength(2);
    expect(cases[1]).toMatchObject({ status: "failed", message: "expected 1" });
    expect(cases[1]?.location).toBeUndefined();
  });
});

describe("compiler diagnostics", () => {
  it("reads mypy and gcc lines with places and codes", () => {
    const out = [
      "src/pkg/codec.py:12: error: Incompatible return value type (got \"int\", expected \"str\")  [return-value]",
      "src/pkg/codec.py:30:5: note: Revealed type is \"builtins.int\"",
      "codec.cpp:4:10: warning: unused variable 'x' [-Wunused-variable]",
      "Success: no issues found",
    ].join("\n");
    expect(parseDiagnostics(out)).toEqual([
      { severity: "error", message: 'Incompatible return value type (got "int", expected "str")', location: { file: "src/pkg/codec.py", line: 12 }, code: "return-value" },
      { severity: "note", message: 'Revealed type is "builtins.int"', location: { file: "src/pkg/codec.py", line: 30 } },
      { severity: "warning", message: "unused variable 'x'", location: { file: "codec.cpp", line: 4 }, code: "-Wunused-variable" },
    ]);
  });
});
