// The behaviour proof's score counts only mutants that were tested: a mutant
// whose run reports no test case at all (the compiler refused it, as g++
// -Werror refuses a `return {};` that leaves a parameter unused) is neither
// run nor killed. A scripted runner stands in for the sandbox: it reads the
// handlers in the copy and answers as the build and the tests would.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proveBehaviour } from "../../sandboxes/behaviour-proof/prove-behaviour.js";
import type { SandboxCommand, SandboxResult, SandboxRunner } from "../../sandboxes/isolation/index.js";
import type { ToolchainProfile } from "../../sandboxes/profiles/index.js";
import type { TestCaseResult } from "../../src/results/types.js";
import { mutantsOf, sampleMutants } from "../../src/verify/behaviour-proof/mutants.js";

const HANDLERS = "javascript/src/handlers.js";
const TEST = "javascript/test/behaviour-kick.test.js";
const DEFAULT_TEXT = 'export function kick(session) {\n  return "ok";\n}\n';
const CODER_TEXT = 'export function kick(session) {\n  if (session.moderator === true) return "ok";\n  return "not_moderator";\n}\n';

/** The "compiler" refuses every mutant with `!==`; the "tests" pass only on the coder's text. */
function scriptedSandbox(): { runner: SandboxRunner; profile: ToolchainProfile } {
  let cases: TestCaseResult[] = [];
  const runner: SandboxRunner = {
    probe: () => Promise.reject(new Error("not used")),
    async run(command: SandboxCommand): Promise<SandboxResult> {
      const text = await readFile(join(command.cwd, "src/handlers.js"), "utf8");
      const built = !text.includes("!==");
      const passed = text === CODER_TEXT;
      cases = built ? [{ suite: "kick", name: "only a moderator may kick", status: passed ? "passed" : "failed", durationMs: 1 }] : [];
      return { exitCode: passed ? 0 : 1, signal: null, timedOut: false, stdout: built ? "" : "error: unused parameter", stderr: "", durationMs: 5, isolation: "limits-only" } as SandboxResult;
    },
  };
  const profile = {
    language: "javascript",
    behaviourRun: () => ({ step: "test", name: "scripted", argv: ["true"], cases: () => Promise.resolve(cases) }),
  } as unknown as ToolchainProfile;
  return { runner, profile };
}

let out = "";
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "protoforge-unbuilt-"));
  await mkdir(join(out, "javascript/src"), { recursive: true });
  await mkdir(join(out, "javascript/test"), { recursive: true });
  await writeFile(join(out, HANDLERS), CODER_TEXT);
  await writeFile(join(out, TEST), "// the scripted runner decides\n");
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe("the behaviour proof's mutation score", () => {
  it("leaves out mutants that did not build: not run, not killed, counted apart", async () => {
    const chosen = sampleMutants(mutantsOf({ language: "javascript", path: HANDLERS, text: CODER_TEXT, defaultText: DEFAULT_TEXT }), 20);
    const refused = chosen.filter((m) => m.text.includes("!==")).length;
    expect(refused).toBeGreaterThan(0);
    expect(chosen.length - refused).toBeGreaterThan(0);

    const { runner, profile } = scriptedSandbox();
    const proof = await proveBehaviour({ outDir: out, language: "javascript", profile, runner, tests: [TEST], behaviour: [{ path: HANDLERS, text: CODER_TEXT, defaultText: DEFAULT_TEXT }] });

    expect(proof.status).toBe("proven");
    expect(proof.cases.map((c) => c.failedWhenReverted)).toEqual([true]);
    expect(proof.mutation.unbuildable).toBe(refused);
    expect(proof.mutation.run).toBe(chosen.length - refused);
    expect(proof.mutation.killed).toBe(chosen.length - refused);
    expect(proof.mutation.survivors).toEqual([]);
  });
});
