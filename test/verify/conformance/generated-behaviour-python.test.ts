// The generated Python chat server, as emitted today, under `protoforge
// conform --behaviour` over TCP: every case passes, the 20 cases of the
// behaviour family included (its engine, behaviour.py, implements the spec's
// behaviour section).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveServerCases, runServerConformance, selectCases } from "../../../src/verify/conformance/index.js";
import { example, PYTHON } from "../../python-layer/support.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

describe("conformance of the generated Python chat server with its behaviour engine", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-py-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["python"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes every case over TCP, the 20 behaviour cases included", async () => {
    const cases = selectCases(deriveServerCases(spec, "tcp", { behaviour: true }), "tcp");
    const behaviour = cases.filter((c) => c.family === "behaviour");
    expect(behaviour).toHaveLength(20);
    const report = await runServerConformance({
      spec,
      cases,
      command: `cd ${join(out, "python")} && PYTHONPATH=src exec ${PYTHON} -m chat.demo server`,
      transport: "tcp",
      timings: { answerMs: 3000, closeMs: 1000, caseMs: 30_000 },
    });
    const failed = report.results.filter((r) => !r.ok);
    expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(report.passed).toBe(cases.length);
    expect(report.results.filter((r) => r.family === "behaviour" && r.ok).map((r) => r.name).sort()).toEqual(behaviour.map((c) => c.name).sort());
    expect(report.serverExitedEarly).toBeNull();
  }, 180_000);
});

