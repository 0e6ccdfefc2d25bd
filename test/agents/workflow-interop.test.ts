// Two languages through the workflow, with the fake emitters and a scripted
// tester that also reports the interop matrix: the tester gets both languages
// and the transport; the pairs land in the round's file, REPORT.md,
// report.json, the Tests: trailer, the printed summary (text and --json);
// a failed pair is a failure that keeps the run from succeeding.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startRun } from "../../agents/graph/start-run.js";
import type { RunRequest } from "../../agents/graph/run-request.js";
import type { TestRunner, TestRunOptions } from "../../agents/tester/test-runner.js";
import type { InteropResult } from "../../src/results/types.js";
import { defineEmitter, EmitterRegistry } from "../../src/emit/language.js";
import { DEFAULT_BUDGETS } from "../../src/run/budget.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { formatRunSummary, runSummaryJson } from "../../src/run/progress-summary.js";
import { silentRunLog } from "../../src/run/progress-log.js";
import { readRoundResults } from "../../src/run/report/round-results.js";
import { readFinalReport, REPORT_MARKDOWN } from "../../src/run/report/write-report.js";
import { tallyResults } from "../../agents/tester/tally.js";
import { SENSOR_DESCRIPTION } from "./support/answers.js";
import { fakeEmitterRegistry } from "./support/fake-emitter.js";
import { fakeTester } from "./support/fake-tester.js";
import { tempDir } from "./support/run-helpers.js";

const REQUEST: RunRequest = { input: { kind: "description", description: SENSOR_DESCRIPTION }, languages: ["python", "javascript"], transport: "udp" };

/** The fake Python emitter plus a tiny JavaScript one. */
function twoLanguageRegistry(): EmitterRegistry {
  const python = fakeEmitterRegistry().get("python");
  const javascript = defineEmitter({
    language: "javascript",
    generate: (spec) => [
      { path: "javascript/package.json", content: '{"type":"module"}\n' },
      { path: "javascript/src/messages.js", content: `// generated: do not edit\n${spec.messages.map((m) => `export class ${m.name} {}\n`).join("")}` },
      {
        path: "javascript/test/vectors.test.js",
        content: `// generated: the golden vectors\ntest("vectors", () => check(${JSON.stringify(spec.messages.flatMap((m) => [m.name, ...m.fields.map((f) => `${m.name}.${f.name}`)]))}));\n`,
      },
    ],
  });
  return new EmitterRegistry([python, javascript]);
}

function pair(server: string, client: string, ok: boolean): InteropResult {
  return {
    server,
    client,
    transport: "udp",
    ok,
    durationMs: 1200,
    clientOutputTail: ok ? "done: sent 2, received 2 answers and 0 events\n" : "error: no answer\n",
    serverOutputTail: "sensor 1.0 collector listening on 127.0.0.1:40000 over UDP\n",
    ...(ok ? {} : { reason: "the client exited with code 1; its last line: error: no answer" }),
  };
}

async function run(interop: (options: TestRunOptions) => InteropResult[]) {
  const dir = join(await tempDir(), "out");
  const base = fakeTester();
  const seen: TestRunOptions[] = [];
  const testRunner: TestRunner = async (options) => {
    seen.push(options);
    const outcome = await base.run({ ...options, languages: ["python"] });
    const python = outcome.languages[0];
    if (python === undefined) throw new Error("the fake tester ran no language");
    const javascript = { ...python, language: "javascript", toolchain: "fake node", cases: python.cases.map((c) => ({ ...c, suite: "vectors", location: { file: "test/vectors.test.js" } })) };
    return { languages: [python, javascript], interop: interop(options) };
  };
  const result = await startRun({
    dir,
    request: REQUEST,
    budgets: DEFAULT_BUDGETS,
    model: { spec: "offline" },
    overrides: { emitters: twoLanguageRegistry(), testRunner, model: { model: null, label: "offline" }, log: silentRunLog(), env: {} },
  });
  return { dir, result, seen, history: await readHistory(dir) };
}

describe("a run of two languages", () => {
  it("tests both with the transport, then records the interop pairs everywhere results go", async () => {
    const { dir, result, seen, history } = await run(() => [pair("python", "javascript", true), pair("javascript", "python", true)]);
    expect(result.status, result.reason).toBe("succeeded");
    expect(seen[0]).toMatchObject({ languages: ["python", "javascript"], transport: "udp" });

    const round = await readRoundResults(dir, 1);
    expect(round?.interop.map((p) => [p.server, p.client, p.ok])).toEqual([
      ["python", "javascript", true],
      ["javascript", "python", true],
    ]);
    expect(result.state.interop).toHaveLength(2);

    const tester = history.find((h) => h.agent === "tester");
    const languagesOnly = tallyResults(result.state.results, []);
    expect(tester?.tests).toEqual({ passed: languagesOnly.passed + 2, failed: 0 });
    expect(tester?.summary).toMatch(/interop 2\/2 pairs passing$/);

    const report = await readFinalReport(dir);
    expect(report?.interop).toEqual([
      { round: 1, server: "python", client: "javascript", transport: "udp", ok: true },
      { round: 1, server: "javascript", client: "python", transport: "udp", ok: true },
    ]);
    const md = await readFile(join(dir, REPORT_MARKDOWN), "utf8");
    expect(md).toContain("## Interop");
    expect(md).toContain("| 1 | javascript | python | udp | pass |");
    expect(md).toContain("| Interop pairs (last round) | 2 of 2 passed (round 1) |");
  });

  it("fails on a failed pair: the round is not green, the failure is named, the summary shows it", async () => {
    const { dir, result } = await run(() => [pair("python", "javascript", true), pair("javascript", "python", false)]);
    expect(result.status).not.toBe("succeeded");
    expect(result.state.failureHistory[0]?.signatures).toEqual(["interop:javascript→python:udp"]);
    const md = await readFile(join(dir, REPORT_MARKDOWN), "utf8");
    expect(md).toContain("| 1 | javascript | python | udp | FAIL: the client exited with code 1; its last line: error: no answer |");

    const summary = {
      dir,
      status: result.status,
      reason: result.reason,
      rounds: result.state.round,
      durationMs: 0,
      tokens: 0,
      tests: tallyResults(result.state.results, result.state.interop),
      results: result.state.results,
      interop: result.state.interop,
      conformance: [],
      findings: [],
      report: REPORT_MARKDOWN,
      alreadyFinished: false,
    };
    const text = formatRunSummary(summary);
    expect(text).toMatch(/^interop\s+server\s+client\s+transport\s+time\s+result$/m);
    expect(text).toMatch(/^javascript→python\s+javascript\s+python\s+udp\s+1\.2 s\s+FAIL$/m);
    expect(text).toContain("javascript→python: the client exited with code 1; its last line: error: no answer");
    expect(text).toContain("    error: no answer");
    const json = JSON.parse(runSummaryJson(summary)) as { interop: InteropResult[]; tests: { failed: number } };
    expect(json.interop.map((p) => p.ok)).toEqual([true, false]);
    expect(json.tests.failed).toBe(1);
  });

  it("when the matrix ran no pair (a language failed its own steps), shows no interop section", async () => {
    const { dir, result } = await run(() => []);
    expect(result.status).toBe("succeeded");
    expect(await readFile(join(dir, REPORT_MARKDOWN), "utf8")).not.toContain("## Interop");
  });
});
