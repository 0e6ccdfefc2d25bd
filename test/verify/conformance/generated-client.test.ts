// The generated chat demo clients (Python and JavaScript, TCP), as emitted
// today, driven by `protoforge conform --client`: every case passes. Before
// the Python demo retrieved the failure of a pending request's task, it
// failed client/error/Login and client/close/mid-session with asyncio's
// "Task exception was never retrieved" traceback; an emitter change that
// breaks a case fails this test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveClientCases, runClientConformance, selectClientCases } from "../../../src/verify/conformance/client/index.js";
import { example, PYTHON } from "../../python-layer/support.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

const CLIENTS = {
  python: (out: string) => `cd ${join(out, "python")} && PYTHONPATH=src exec ${PYTHON} -m chat.demo client`,
  javascript: (out: string) => `cd ${join(out, "javascript")} && exec ${process.execPath} demo/client.js`,
} as const;

describe("conformance of the generated chat clients over TCP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-chat-client-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["python", "javascript"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(["python", "javascript"] as const)(
    "%s: every case passes",
    async (language) => {
      const cases = selectClientCases(deriveClientCases(spec), "tcp");
      const report = await runClientConformance({ spec, cases, command: CLIENTS[language](out), transport: "tcp", timings: { caseMs: 15_000, drainMs: 300 } });
      const failed = report.results.filter((r) => !r.ok);
      expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(report.passed).toBe(19);
      const byName = new Map(report.results.map((r) => [r.name, r]));
      // The demo contract: an error answer to Login stops the session (exit 1); one to JoinRoom does not (exit 0).
      expect(byName.get("client/error/Login")?.exit.code).toBe(1);
      expect(byName.get("client/error/JoinRoom")?.exit.code).toBe(0);
      expect(byName.get("client/event/Kicked-while-JoinRoom")?.outputTail.at(-1)).toMatch(/^done: .* and 1 events$/);
      expect(byName.get("client/timeout/no-answer")?.outputTail.join("\n")).toMatch(/stopped: .*no answer to Login/);
    },
    60_000,
  );
});
