// The generated JavaScript chat server with its behaviour engine
// (src/behaviour.js, from the plan of examples/chat.yaml's behaviour section),
// driven by `protoforge conform --behaviour` over TCP: every case passes, the
// behaviour family's 20 multi-peer cases included.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { example } from "../../python-layer/support.js";
import { expectEveryBehaviourCase } from "./support/behaviour-conformance.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

describe("conformance of the generated JavaScript chat server, behaviour included", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-js-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["javascript"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes every TCP case and the 21 behaviour cases", async () => {
    await expectEveryBehaviourCase(spec, `cd ${join(out, "javascript")} && exec ${process.execPath} demo/server.js`);
  }, 120_000);
});
