// How the interop driver starts the C++ demo (unit lane): the programs of the
// profile's warning build, OUT/cpp/build/demo_server|demo_client, named by the
// CMake targets the app emits; a project not built yet is a demo-not-found
// InteropError (a failed pair with its reason), not a crash.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoTargets } from "../../src/emit/cpp/app/index.js";
import { cppView } from "../../src/emit/cpp/app/view.js";
import { buildCppModel } from "../../src/emit/cpp/index.js";
import { CPP_DEMO_PROGRAMS, cppDemoLaunch } from "../../sandboxes/interop/cpp-demo.js";
import { DEMO_COMMANDS } from "../../sandboxes/interop/demo-commands.js";
import { InteropError } from "../../sandboxes/interop/errors.js";
import { example } from "../python-layer/support.js";

describe("the C++ demo command", () => {
  const dir = mkdtempSync(join(tmpdir(), "protoforge-cpp-demo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the warning build's programs, which are the CMake targets the app emits", () => {
    expect(cppDemoLaunch("/out/cpp", "server")).toEqual({ cwd: "/out/cpp", argv: ["/out/cpp/build/demo_server"] });
    expect(cppDemoLaunch("/out/cpp", "client")).toEqual({ cwd: "/out/cpp", argv: ["/out/cpp/build/demo_client"] });
    const targets = demoTargets(cppView(buildCppModel(example("chat")), "tcp"));
    expect([targets.server, targets.client]).toEqual([CPP_DEMO_PROGRAMS.server, CPP_DEMO_PROGRAMS.client]);
  });

  it("is refused by name when the project was not built, and found once it was", async () => {
    const project = join(dir, "cpp");
    mkdirSync(join(project, "build"), { recursive: true });
    const ctx = { projectDir: project, node: process.execPath };
    await expect(DEMO_COMMANDS.cpp(ctx, "server")).rejects.toEqual(expect.objectContaining({ code: "demo-not-found" }));
    await expect(DEMO_COMMANDS.cpp(ctx, "server")).rejects.toBeInstanceOf(InteropError);
    writeFileSync(join(project, "build", "demo_server"), "");
    await expect(DEMO_COMMANDS.cpp(ctx, "server")).resolves.toEqual({ cwd: project, argv: [join(project, "build", "demo_server")] });
  });
});
