// The behaviour proof in C++, in the sandbox: the C++ project of the chat example without its behaviour section
// over TCP with a coder's moderation rule (R7) in the user-owned, header-only
// include/chat/server_handlers.hpp and its behaviour test in
// test/behaviour_moderation_test.cpp, where the generated CMakeLists.txt
// picks it up by name. The proof builds only the library and
// chat_behaviour_tests (warning build) and runs `ctest -L behaviour`: the
// tests pass with the rule, fail with the default handlers, and catch the
// rule's mutants. Each run recompiles the test file (the server and client
// headers): the mutants are capped, and the proof's wall time is printed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proveBehaviour } from "../../sandboxes/behaviour-proof/prove-behaviour.js";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { cppProfile } from "../../sandboxes/profiles/cpp.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { chatWithoutBehaviour } from "../support/chat-without-behaviour.js";
import { MODERATION_TEST_CPP, MODERATION_TEST_CPP_PATH, moderationHandlersCpp } from "../support/chat-moderation-cpp.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const HANDLERS = "cpp/include/chat/server_handlers.hpp";
const TEST = `cpp/${MODERATION_TEST_CPP_PATH}`;
/**
 * Of the rule's 7 candidates: the first run builds the library and the test file, each further run the
 * test file again (about 12 s of g++). The two sampled (user_of's `return {};`, the moderator comparison
 * negated) compile; 2 other candidates do not under -Werror and would count as killed (prove-behaviour.ts
 * has no discard rule for mutants that do not compile).
 */
const MAX_MUTANTS = 2;
const runner = createSandboxRunner();
let out = "";
let defaultHandlers = "";

beforeAll(async () => {
  out = await tempDir("cpp-proof");
  for (const file of createEmitterRegistry().get("cpp").generate(chatWithoutBehaviour(), { transport: "tcp" })) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.content);
  }
  defaultHandlers = readFileSync(join(out, HANDLERS), "utf8");
  writeFileSync(join(out, HANDLERS), moderationHandlersCpp(defaultHandlers));
  writeFileSync(join(out, TEST), MODERATION_TEST_CPP);
  const info = await cppProfile.detect();
  expect(info.available, info.reason).toBe(true);
}, 60_000);
afterAll(removeTempDirs);

describe("the behaviour proof in C++", () => {
  it("builds and runs only the behaviour tests: they fail with the default handlers and catch the rule's mutants", async () => {
    const started = Date.now();
    const proof = await proveBehaviour({
      outDir: out,
      language: "cpp",
      profile: cppProfile,
      runner,
      tests: [TEST],
      behaviour: [{ path: HANDLERS, text: moderationHandlersCpp(defaultHandlers), defaultText: defaultHandlers }],
      maxMutants: MAX_MUTANTS,
      onStep: (step) => process.stdout.write(`cpp behaviour proof, ${((Date.now() - started) / 1000).toFixed(1)} s: ${step}\n`),
    });
    expect(proof.status, proof.reason).toBe("proven");
    expect(proof.reverted).toEqual([HANDLERS]);
    // The two behaviour tests and nothing else: none of the project's generated tests ran.
    expect(proof.cases.map((c) => [c.suite, c.name, c.file, c.failedWhenReverted]).sort()).toEqual([
      ["Moderation", "AMemberMayNotKick", TEST, true],
      ["Moderation", "TheFirstMemberModeratesAndMayKick", TEST, true],
    ]);
    expect(proof.mutation.candidates).toBeGreaterThan(MAX_MUTANTS);
    // Every mutant run is killed; the proof stops starting mutants past its own time budget (3 min), so on a
    // loaded machine fewer than MAX_MUTANTS may run, never none (the first two runs take well under that).
    expect(proof.mutation.run).toBeGreaterThanOrEqual(1);
    expect(proof.mutation.run).toBeLessThanOrEqual(MAX_MUTANTS);
    expect(proof.mutation.killed).toBe(proof.mutation.run);
    expect(proof.mutation.survivors).toEqual([]);
    process.stdout.write(
      `behaviour proof, chat R7 (cpp): ${proof.mutation.killed} of ${proof.mutation.run} mutants killed (${proof.mutation.candidates} candidates) in ${proof.durationMs} ms\n`,
    );
    // The run folder is untouched: the proof works on a copy.
    expect(readFileSync(join(out, HANDLERS), "utf8")).toBe(moderationHandlersCpp(defaultHandlers));
  }, 400_000);
});
