// The generated Python chat server, as emitted today, under `protoforge
// conform --behaviour` over TCP: every case passes, the 20 cases of the
// behaviour family included (its engine, behaviour.py, implements the spec's
// behaviour section).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { example, PYTHON } from "../../python-layer/support.js";
import { expectEveryBehaviourCase } from "./support/behaviour-conformance.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

describe("conformance of the generated Python chat server with its behaviour engine", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-py-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["python"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes every case over TCP, the 21 behaviour cases included", async () => {
    await expectEveryBehaviourCase(spec, `cd ${join(out, "python")} && PYTHONPATH=src exec ${PYTHON} -m chat.demo server`, 30_000);
  }, 180_000);
});

