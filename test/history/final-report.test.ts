import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatDuration } from "../../src/run/report/format-duration.js";
import { cell, code } from "../../src/run/report/markdown.js";
import { renderReportMarkdown } from "../../src/run/report/render-report.js";
import { languageTestsOf, RUN_STATUSES, tokenUsageOf, type FinalReport } from "../../src/run/report/report-types.js";
import { readFinalReport, writeFinalReport } from "../../src/run/report/write-report.js";
import { tempDir } from "./helpers.js";
import { PYTHON_ROUND_1 } from "./report-fixtures.js";

const PYTHON_ROUND_2 = { ...PYTHON_ROUND_1, ok: true, cases: [], summary: { suites: 2, tests: 12, passed: 12, failed: 0, errored: 0, skipped: 0 } };

const RUN = {
  reason: "every test passes and the reviewer approved",
  model: "openai:gpt-4o-mini",
  promptSet: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  temperature: 0.2,
  budgets: { rounds: { used: 2, given: 5 }, tokens: { used: 10_230, given: 200_000 }, timeMs: { used: 83_400, given: 1_800_000 } },
};

const REPORT: FinalReport = {
  status: "succeeded",
  ...RUN,
  rounds: 2,
  durationMs: 83_400,
  tests: [
    ...languageTestsOf(2, [PYTHON_ROUND_2]),
    ...languageTestsOf(1, [PYTHON_ROUND_1, { ...PYTHON_ROUND_1, language: "java", ok: false, skippedReason: "javac not installed", summary: { suites: 0, tests: 0, passed: 0, failed: 0, errored: 0, skipped: 0 } }]),
  ],
  interop: [],
  conformance: [
    { round: 1, language: "python", side: "server", transport: "tcp", ok: false, total: 30, passed: 29, failures: [{ name: "state/Report-before-Hello", reason: "answered Ack, expected ErrorReply" }] },
    { round: 2, language: "python", side: "server", transport: "tcp", ok: true, total: 30, passed: 30, failures: [] },
  ],
  behaviourProof: [
    {
      round: 2,
      language: "python",
      status: "proven",
      testFiles: ["python/tests/test_behaviour_kick.py"],
      reverted: ["python/src/chat/handlers.py"],
      cases: [
        { suite: "tests.test_behaviour_kick.KickTest", name: "test_member_may_not_kick", file: "python/tests/test_behaviour_kick.py", failedWhenReverted: true },
        { suite: "tests.test_behaviour_kick.KickTest", name: "test_login", file: "python/tests/test_behaviour_kick.py", failedWhenReverted: false },
      ],
      mutation: { candidates: 9, run: 9, killed: 8, survivors: [{ path: "python/src/chat/handlers.py", line: 212, operator: "drop-statement", before: "self.kicks += 1", after: "pass" }] },
      durationMs: 5100,
    },
  ],
  tokens: [...tokenUsageOf(1, { architect: 2100, coder: 5400 }), ...tokenUsageOf(2, { coder: 1830, reviewer: 900 })],
  trace: [
    {
      requirementId: "R1",
      text: "The client sends Hello first",
      specElements: ["messages.Hello", "machines.initiator.states.start"],
      files: ["python/server.py"],
      tests: ["python/tests/test_server.py::test_hello_first"],
      conformance: ["python conformance"],
      open: [],
      status: "covered",
    },
    { requirementId: "R2", text: "A reading | carries its unit", specElements: ["messages.Reading"], files: [], tests: [], conformance: [], open: ["messages.Reading"], status: "open" },
  ],
  findings: [{ severity: "warning", code: "untested-requirement", message: "R2 has no test", requirementId: "R2", location: { file: "spec.yaml", line: 14 } }],
};

describe("final report", () => {
  it("renders the status, summary and every section", () => {
    const md = renderReportMarkdown(REPORT);
    expect(md.startsWith("# protoforge run report\n\n")).toBe(true);
    expect(md).toContain("| Status | **succeeded**: every test passes, the reviewer approved the result, and every requirement is shown to hold |");
    expect(md).toContain("| Reason | every test passes and the reviewer approved |");
    expect(md).toContain("| Model | `openai:gpt-4o-mini`, temperature 0.2 |");
    expect(md).toContain("| Prompt set | `9f86d081884c` |");
    expect(md).toContain("| Rounds | 2 (budget 5) |");
    expect(md).toContain("| Time | 1 min 23 s (budget 30 min 00 s) |");
    expect(md).toContain("| Tokens | 10230 (budget 200000) |");
    expect(renderReportMarkdown({ ...REPORT, temperature: null })).toContain("| Model | `openai:gpt-4o-mini` |");
    expect(md).toContain("| Tests (last round) | 12 passed, 0 failed |");
    expect(md).toContain("| Requirements shown to hold | 1 of 2 (open: R2) |");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("lists tests per language per round, round by round", () => {
    const md = renderReportMarkdown(REPORT);
    const tests = md.slice(md.indexOf("## Tests"), md.indexOf("## Conformance"));
    const rows = tests.split("\n").filter((l) => /^\| [12] \| (java|python) \| \d/.test(l));
    expect(rows).toEqual([
      "| 1 | java | 0 | 0 | 0 | not run: javac not installed |",
      "| 1 | python | 10 | 2 | 0 | FAIL |",
      "| 2 | python | 12 | 0 | 0 | pass |",
    ]);
  });

  it("shows the behaviour proof: tests failing with the default handlers, mutants killed, and what got through", () => {
    const md = renderReportMarkdown(REPORT);
    const section = md.slice(md.indexOf("## Behaviour tests"), md.indexOf("## Tokens"));
    expect(section).toContain("| 2 | python | 2 | 1 | 8 of 9 | proven |");
    expect(section).toContain("- python `test_login` passes with the default handlers: it does not test the behaviour written");
    expect(section).toContain("- surviving mutant `python/src/chat/handlers.py:212` (drop-statement): `pass`");
    expect(renderReportMarkdown({ ...REPORT, behaviourProof: [] })).not.toContain("## Behaviour tests");
  });

  it("lists conformance per language per round, with the failed cases of the last round only", () => {
    const md = renderReportMarkdown(REPORT);
    expect(md).toContain("| Conformance (last round) | python server 30/30 |");
    expect(md).toContain(
      ["## Conformance", "", "| Round | Language | Demo | Transport | Passed | Failed | Result |", "| ---: | --- | --- | --- | ---: | ---: | --- |", "| 1 | python | server | tcp | 29 | 1 | FAIL |", "| 2 | python | server | tcp | 30 | 0 | pass |", "", "## Interop"].join("\n").replace("\n\n## Interop", ""),
    );
    expect(md).not.toContain("Failed cases in round");
    const failing = renderReportMarkdown({ ...REPORT, conformance: REPORT.conformance.filter((c) => c.round === 1) });
    expect(failing).toContain("| Conformance (last round) | python server 29/30 (FAIL) |");
    expect(failing).toContain("Failed cases in round 1:\n\n- python server `state/Report-before-Hello`: answered Ack, expected ErrorReply");
    expect(renderReportMarkdown({ ...REPORT, conformance: [] })).not.toContain("Conformance");
  });

  it("counts tokens per agent and per round", () => {
    const md = renderReportMarkdown(REPORT);
    expect(md).toContain("| Round | architect | coder | tester | reviewer | Total |");
    expect(md).toContain("| 1 | 2100 | 5400 | 0 | 0 | 7500 |");
    expect(md).toContain("| 2 | 0 | 1830 | 0 | 900 | 2730 |");
    expect(md).toContain("| **Total** | **2100** | **7230** | **0** | **900** | **10230** |");
  });

  it("traces each requirement to spec elements, code and tests", () => {
    const md = renderReportMarkdown(REPORT);
    expect(md).toContain("| Requirement | Text | Spec elements | Code | Evidence | Status |");
    expect(md).toContain(
      "| **R1** | The client sends Hello first | `messages.Hello`, `machines.initiator.states.start` | `python/server.py` | python conformance, `python/tests/test_server.py::test_hello_first` | covered |",
    );
    expect(md).toContain("| **R2** | A reading \\| carries its unit | `messages.Reading` | — | — | **open**: `messages.Reading` |");
  });

  it("lists the findings still open", () => {
    const md = renderReportMarkdown(REPORT);
    expect(md).toContain("## Findings\n\n- **warning** `untested-requirement`: R2 has no test (`spec.yaml:14`) [requirement R2]\n");
    expect(renderReportMarkdown({ ...REPORT, findings: [] })).toContain("## Findings\n\nNo findings.\n");
  });

  it("adds an Interop section and summary row only when the run has pairs", () => {
    expect(renderReportMarkdown(REPORT)).not.toContain("Interop");
    const md = renderReportMarkdown({
      ...REPORT,
      interop: [
        { round: 1, server: "python", client: "javascript", transport: "tcp", ok: false, reason: "the client exited with code 1 | twice" },
        { round: 2, server: "python", client: "javascript", transport: "tcp", ok: true },
        { round: 2, server: "javascript", client: "python", transport: "tcp", ok: false, reason: "the server printed no listening line within 30000 ms" },
      ],
    });
    expect(md).toContain("| Interop pairs (last round) | 1 of 2 passed (round 2) |");
    expect(md).toContain(
      [
        "## Interop",
        "",
        "| Round | Server | Client | Transport | Result |",
        "| ---: | --- | --- | --- | --- |",
        "| 1 | python | javascript | tcp | FAIL: the client exited with code 1 \\| twice |",
        "| 2 | javascript | python | tcp | FAIL: the server printed no listening line within 30000 ms |",
        "| 2 | python | javascript | tcp | pass |",
        "",
        "## Tokens",
      ].join("\n"),
    );
  });

  it("explains every status, and renders an empty run", () => {
    for (const status of RUN_STATUSES) {
      const md = renderReportMarkdown({ status, ...RUN, rounds: 0, durationMs: 0, tests: [], interop: [], conformance: [], behaviourProof: [], tokens: [], trace: [], findings: [] });
      expect(md).toMatch(new RegExp(`\\| Status \\| \\*\\*${status}\\*\\*: \\S`));
      expect(md).toContain("No tests ran.");
      expect(md).toContain("No tokens were used.");
      expect(md).toContain("No requirements were traced.");
    }
  });

  it("writes .protoforge/report.json and REPORT.md, and reads the JSON back", async () => {
    const dir = await tempDir();
    expect(await readFinalReport(dir)).toBeUndefined();
    const paths = await writeFinalReport(dir, REPORT);
    expect(paths).toEqual([".protoforge/report.json", "REPORT.md"]);
    expect(await readFile(join(dir, "REPORT.md"), "utf8")).toBe(renderReportMarkdown(REPORT));
    const json = await readFile(join(dir, ".protoforge/report.json"), "utf8");
    expect(Object.keys(JSON.parse(json) as object)).toEqual(["behaviourProof", "budgets", "conformance", "durationMs", "findings", "interop", "model", "promptSet", "reason", "rounds", "status", "temperature", "tests", "tokens", "trace"]);
    expect(await readFinalReport(dir)).toEqual(JSON.parse(JSON.stringify(REPORT)));
  });
});

describe("report formatting helpers", () => {
  it("formats durations", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(245_000)).toBe("4 min 05 s");
    expect(formatDuration(3_720_000)).toBe("1 h 02 min");
    expect(formatDuration(-1)).toBe("unknown");
  });

  it("keeps table cells on one line and code spans intact", () => {
    expect(cell("a |\n b")).toBe("a \\| b");
    expect(code("x`y")).toBe("`` x`y ``");
    expect(code("plain")).toBe("`plain`");
  });
});
