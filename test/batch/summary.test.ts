// The batch's closing files from its states: summary entries and counts,
// the exit code (RUN_EXIT for the batch as a whole), SUMMARY.md, junit.xml.
import { describe, expect, it } from "vitest";
import { renderJunit } from "../../src/batch/junit.js";
import { renderSummaryMarkdown } from "../../src/batch/summary-markdown.js";
import { batchExitCode, formatCounts, summarise } from "../../src/batch/summary.js";
import { batchOf, finished, GRANT, planned, T0 } from "./support.js";

const runs = [planned("sensor-py"), planned("chat"), planned("ft-udp"), planned("late"), planned("boom")];
const mixed = batchOf(runs, {}, {
  "sensor-py": finished("succeeded", 0, 41_000),
  chat: finished("layer-complete", 120, 65_000),
  "ft-udp": { ...finished("failed", 0, 3_000), reason: 'tests fail | "quoted" <tag> & more' } as ReturnType<typeof finished>,
  late: { state: "not-started", cause: "deadline", reason: "the deadline 07:00 came first" },
  boom: { state: "error", granted: GRANT, code: "crash", message: "TypeError: x is undefined", endedAt: T0.toISOString() },
});

describe("summarise", () => {
  it("has one entry per run with its folder, status, numbers and report link", () => {
    const summary = summarise(mixed);
    expect(summary.runs.map((r) => [r.name, r.folder, r.status, r.report])).toEqual([
      ["sensor-py", "runs/sensor-py", "succeeded", "runs/sensor-py/REPORT.md"],
      ["chat", "runs/chat", "layer-complete", "runs/chat/REPORT.md"],
      ["ft-udp", "runs/ft-udp", "failed", "runs/ft-udp/REPORT.md"],
      ["late", "runs/late", "not-started", null],
      ["boom", "runs/boom", "error", null],
    ]);
    expect(summary.runs[1]).toMatchObject({ rounds: 1, tokens: 120, wallMs: 65_000 });
    expect(summary.runs[4]?.reason).toBe("[crash] TypeError: x is undefined");
    expect(summary.counts).toEqual({ succeeded: 1, "layer-complete": 1, failed: 1, error: 1, "not-started": 1 });
    expect(summary.tokens).toBe(120);
    expect(formatCounts(summary)).toBe("1 succeeded, 1 layer-complete, 1 failed, 1 error, 1 not-started");
  });
});

describe("batchExitCode", () => {
  it("is 0 when every run succeeded or is layer-complete", () => {
    expect(batchExitCode(batchOf([planned("a"), planned("b")], {}, { a: finished("succeeded"), b: finished("layer-complete") }))).toBe(0);
  });
  it("is 1 when every run had its chance and one did not succeed", () => {
    for (const status of ["failed", "stuck", "budget-exhausted", "timed-out"] as const) {
      expect(batchExitCode(batchOf([planned("a"), planned("b")], {}, { a: finished("succeeded"), b: finished(status) }))).toBe(1);
    }
    expect(batchExitCode(batchOf([planned("a")], {}, { a: { state: "error", code: "x", message: "y", endedAt: T0.toISOString() } }))).toBe(1);
  });
  it("is 4 when the total token budget left a run unstarted, 5 when the deadline did (or left one interrupted)", () => {
    expect(batchExitCode(batchOf([planned("a"), planned("b")], {}, { a: finished("failed"), b: { state: "not-started", cause: "tokens", reason: "r" } }))).toBe(4);
    expect(batchExitCode(mixed)).toBe(5);
    expect(batchExitCode(batchOf([planned("a")], {}, { a: { state: "interrupted", granted: GRANT, startedAt: "t", reason: "r" } }))).toBe(5);
  });
});

describe("SUMMARY.md", () => {
  it("is a table with one row per run, pipes escaped, links to each REPORT.md", () => {
    const md = renderSummaryMarkdown(summarise(mixed));
    expect(md).toContain("| run | status | reason | rounds | tokens | wall time | report |");
    expect(md).toContain("| `sensor-py` | succeeded | succeeded because | 1 | 0 | 41.0 s | [REPORT.md](runs/sensor-py/REPORT.md) |");
    expect(md).toContain('| `ft-udp` | failed | tests fail \\| "quoted" <tag> & more | 1 | 0 | 3.0 s |');
    expect(md).toContain("| `late` | not-started | the deadline 07:00 came first | – | – | – | – |");
    expect(md).toContain("**1 succeeded, 1 layer-complete, 1 failed, 1 error, 1 not-started**; 120 tokens used; exit code 5.");
    expect(md.split("\n").filter((l) => l.startsWith("| `"))).toHaveLength(5);
    expect(renderSummaryMarkdown(summarise(mixed))).toBe(md);
  });
});

describe("junit.xml", () => {
  it("has one testcase per run: passing for succeeded and layer-complete, <error> for errors, <failure> for the rest", () => {
    const xml = renderJunit(summarise(mixed));
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('<testsuites name="protoforge batch" tests="5" failures="2" errors="1" time="109.000">');
    expect(xml).toContain('<testcase classname="protoforge.batch" name="sensor-py" time="41.000">\n      <system-out>');
    expect(xml).toContain('<failure type="failed" message="failed: tests fail | &quot;quoted&quot; &lt;tag&gt; &amp; more"/>');
    expect(xml).toContain('<failure type="not-started" message="not-started: the deadline 07:00 came first"/>');
    expect(xml).toContain('<error type="error" message="error: [crash] TypeError: x is undefined"/>');
    const cases = xml.split("<testcase ").slice(1);
    expect(cases.filter((c) => /<(failure|error) /.test(c)).map((c) => / name="([^"]+)"/.exec(c)?.[1])).toEqual(["ft-udp", "late", "boom"]);
  });

  it("drops characters XML cannot hold", () => {
    const batch = batchOf([planned("a")], {}, { a: { state: "error", code: "crash", message: "bad \u0001 byte", endedAt: T0.toISOString() } });
    expect(renderJunit(summarise(batch))).toContain('message="error: [crash] bad  byte"');
  });
});
