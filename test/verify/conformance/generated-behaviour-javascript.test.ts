// The generated JavaScript chat server with its behaviour engine
// (src/behaviour.js, from the plan of examples/chat.yaml's behaviour section),
// driven by `protoforge conform --behaviour` over TCP: every case passes, the
// behaviour family's 20 multi-peer cases included.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveServerCases, runServerConformance, selectCases } from "../../../src/verify/conformance/index.js";
import { example } from "../../python-layer/support.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

describe("conformance of the generated JavaScript chat server, behaviour included", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-js-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["javascript"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes every TCP case and the 20 behaviour cases", async () => {
    const cases = selectCases(deriveServerCases(spec, "tcp", { behaviour: true }), "tcp");
    const report = await runServerConformance({
      spec,
      cases,
      command: `cd ${join(out, "javascript")} && exec ${process.execPath} demo/server.js`,
      transport: "tcp",
      timings: { answerMs: 3000, closeMs: 1000, caseMs: 15_000 },
    });
    const failed = report.results.filter((r) => !r.ok);
    expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(report.passed).toBe(cases.length);
    expect(report.serverExitedEarly).toBeNull();
    const behaviour = report.results.filter((r) => r.family === "behaviour");
    expect(behaviour).toHaveLength(20);
    expect(behaviour.map((r) => r.name)).toEqual(expect.arrayContaining(["behaviour/session-unique", "behaviour/guard-KickUser-attribute", "behaviour/idempotent-SendMessage", "behaviour/session-resume"]));
  }, 120_000);
});
