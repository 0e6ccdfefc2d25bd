// The generated C++ chat server with its behaviour engine
// (include/chat/behaviour.hpp, from the plan of examples/chat.yaml's behaviour
// section), built once with the warnings as errors and under ASan+UBSan, then
// driven by `protoforge conform --behaviour` over TCP: every case passes, the
// behaviour family's 20 multi-peer cases included (a sanitizer report aborts
// the server, failing the cases after it).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPP_SANITIZER_FLAGS, CPP_WARNING_FLAGS } from "../../../sandboxes/profiles/cpp.js";
import { example } from "../../python-layer/support.js";
import { expectEveryBehaviourCase } from "./support/behaviour-conformance.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

function run(command: string, args: readonly string[], cwd: string, timeout: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, out: `${stdout}\n${stderr}` });
    });
  });
}

describe("conformance of the generated C++ chat server, behaviour included", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-cpp-"));
  beforeAll(() => emitProject(spec, "tcp", out, ["cpp"]));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("builds warning-free under ASan+UBSan and passes every TCP case and the 21 behaviour cases", async () => {
    const project = join(out, "cpp");
    const flags = `${CPP_WARNING_FLAGS} ${CPP_SANITIZER_FLAGS}`;
    const configure = await run("cmake", ["-S", ".", "-B", "build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug", `-DCMAKE_CXX_FLAGS=${flags}`, `-DCMAKE_EXE_LINKER_FLAGS=${CPP_SANITIZER_FLAGS}`, "-DCHAT_BUILD_TESTS=OFF"], project, 120_000);
    expect(configure.code, configure.out.slice(-8000)).toBe(0);
    const build = await run("cmake", ["--build", "build", "-j2", "--target", "demo_server"], project, 900_000);
    expect(build.code, build.out.slice(-12_000)).toBe(0);

    const command = `exec env ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 ${join(project, "build", "demo_server")}`;
    const { report, total } = await expectEveryBehaviourCase(spec, command);
    console.log(`chat C++ server with its behaviour engine over TCP: ${report.passed} of ${total} conformance cases passed`);
  }, 1_200_000);
});
