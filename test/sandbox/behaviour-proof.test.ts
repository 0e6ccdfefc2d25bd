// The behaviour proof in the sandbox, on the chat example's Python project
// with a coder's moderation rule (R7) and its behaviour test: the test fails
// with the default handlers, and the mutants of the rule are caught. The same
// test weakened (an early return, a value compared with itself) passes with
// the default handlers and catches no mutant. Prints the mutation score.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proveBehaviour } from "../../sandboxes/behaviour-proof/prove-behaviour.js";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { languageCacheDir } from "../../sandboxes/profiles/index.js";
import { pythonProfile } from "../../sandboxes/profiles/python.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { javascriptProfile } from "../../sandboxes/profiles/javascript.js";
import { MODERATION_TEST, MODERATION_TEST_JS, MODERATION_TEST_JS_PATH, MODERATION_TEST_PATH, moderationHandlers, moderationHandlersJs, WEAKENED_MODERATION_TEST } from "../support/chat-moderation.js";
import { chatWithoutBehaviour } from "../support/chat-without-behaviour.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const HANDLERS = "python/src/chat/handlers.py";
const TEST = `python/${MODERATION_TEST_PATH}`;
const HANDLERS_JS = "javascript/src/handlers.js";
const TEST_JS = `javascript/${MODERATION_TEST_JS_PATH}`;
const runner = createSandboxRunner();
let out = "";
let defaultHandlers = "";
let defaultHandlersJs = "";

beforeAll(async () => {
  out = await tempDir("proof");
  for (const file of ["python", "javascript"].flatMap((l) => createEmitterRegistry().get(l as "python").generate(chatWithoutBehaviour(), { transport: "tcp" }))) {
    mkdirSync(dirname(join(out, file.path)), { recursive: true });
    writeFileSync(join(out, file.path), file.content);
  }
  defaultHandlers = readFileSync(join(out, HANDLERS), "utf8");
  writeFileSync(join(out, HANDLERS), moderationHandlers(defaultHandlers));
  defaultHandlersJs = readFileSync(join(out, HANDLERS_JS), "utf8");
  writeFileSync(join(out, HANDLERS_JS), moderationHandlersJs(defaultHandlersJs));
  writeFileSync(join(out, TEST_JS), MODERATION_TEST_JS);
  // The tester's install steps (the venv, node_modules), which the proof uses read-only.
  for (const profile of [pythonProfile, javascriptProfile]) {
    const ctx = { projectDir: join(out, profile.language), cacheDir: await languageCacheDir(profile.language) };
    await profile.detect();
    await profile.prefetch(ctx);
    for (const step of profile.steps(ctx).filter((s) => s.step === "install")) {
      const result = await runner.run({ argv: step.argv, cwd: ctx.projectDir, writableDir: ctx.projectDir, readOnlyMounts: [{ source: ctx.cacheDir }], ...(step.env ? { env: step.env } : {}), limits: { wallClockMs: 300_000 } });
      expect(result.exitCode, result.stderr).toBe(0);
    }
  }
}, 400_000);
afterAll(removeTempDirs);

const prove = (test: string, maxMutants?: number) => {
  writeFileSync(join(out, TEST), test);
  return proveBehaviour({
    outDir: out,
    language: "python",
    profile: pythonProfile,
    runner,
    tests: [TEST],
    behaviour: [{ path: HANDLERS, text: moderationHandlers(defaultHandlers), defaultText: defaultHandlers }],
    ...(maxMutants !== undefined ? { maxMutants } : {}),
  });
};

describe("the behaviour proof of the chat moderation rule", () => {
  it("a real behaviour test fails with the default handlers and catches the rule's mutants", async () => {
    const proof = await prove(MODERATION_TEST);
    expect(proof.status, proof.reason).toBe("proven");
    expect(proof.reverted).toEqual([HANDLERS]);
    expect(proof.cases.map((c) => [c.name, c.file, c.failedWhenReverted])).toEqual([
      ["test_a_member_may_not_kick", TEST, true],
      ["test_the_first_member_moderates_and_may_kick", TEST, true],
    ]);
    expect(proof.mutation.run).toBeGreaterThanOrEqual(4);
    expect(proof.mutation.killed / proof.mutation.run).toBeGreaterThanOrEqual(0.6);
    // Mutants only of the lines the rule added: none of the default's.
    expect(proof.mutation.survivors.every((s) => s.path === HANDLERS)).toBe(true);
    process.stdout.write(
      `behaviour proof, chat R7 (python): ${proof.mutation.killed} of ${proof.mutation.run} mutants killed (${proof.mutation.candidates} candidates) in ${proof.durationMs} ms; survivors: ${proof.mutation.survivors.map((s) => `${s.line} ${s.operator} \`${s.after}\``).join("; ") || "none"}\n`,
    );
    // The run folder is untouched: the proof works on a copy.
    expect(readFileSync(join(out, HANDLERS), "utf8")).toBe(moderationHandlers(defaultHandlers));
  }, 300_000);

  it("the weakened test passes with the default handlers and catches no mutant", async () => {
    const proof = await prove(WEAKENED_MODERATION_TEST, 4);
    expect(proof.status, proof.reason).toBe("proven");
    expect(proof.cases.map((c) => c.failedWhenReverted)).toEqual([false, false]);
    expect(proof.mutation.run).toBe(4);
    expect(proof.mutation.killed).toBe(0);
  }, 300_000);

  it("without the refusal's test, the refusal's mutants survive", async () => {
    const kickOnly = MODERATION_TEST.slice(0, MODERATION_TEST.indexOf("    async def test_a_member_may_not_kick"));
    const proof = await prove(kickOnly);
    expect(proof.cases.map((c) => [c.name, c.failedWhenReverted])).toEqual([["test_the_first_member_moderates_and_may_kick", true]]);
    // What the refusal answers is no longer checked (a negated condition still breaks the kick test).
    expect(proof.mutation.survivors.map((s) => `${s.operator} ${s.after}`)).toEqual(["return-nothing return None"]);
    process.stdout.write(`behaviour proof, chat R7 without the refusal's test: ${proof.mutation.killed} of ${proof.mutation.run} mutants killed\n`);
  }, 300_000);

  it("a behaviour test that fails as written cannot be judged", async () => {
    const proof = await prove(MODERATION_TEST.replace("ErrorCode.NOT_A_MODERATOR)\n", "ErrorCode.ROOM_NOT_FOUND)\n"), 1);
    expect(proof.status).toBe("could-not-run");
    expect(proof.reason).toMatch(/do not pass in a copy of the project: .*ROOM_NOT_FOUND|NOT_A_MODERATOR/s);
  }, 120_000);
});

describe("the behaviour proof in JavaScript", () => {
  it("the moderation test fails with the default handlers and catches the rule's mutants; node_modules stays the project's", async () => {
    const proof = await proveBehaviour({
      outDir: out,
      language: "javascript",
      profile: javascriptProfile,
      runner,
      tests: [TEST_JS],
      behaviour: [{ path: HANDLERS_JS, text: moderationHandlersJs(defaultHandlersJs), defaultText: defaultHandlersJs }],
    });
    expect(proof.status, proof.reason).toBe("proven");
    expect(proof.cases.map((c) => [c.name, c.file, c.failedWhenReverted])).toEqual([
      ["the first member moderates and may kick", TEST_JS, true],
      ["a member may not kick", TEST_JS, true],
    ]);
    expect(proof.mutation.run).toBeGreaterThanOrEqual(4);
    expect(proof.mutation.killed / proof.mutation.run).toBeGreaterThanOrEqual(0.6);
    process.stdout.write(
      `behaviour proof, chat R7 (javascript): ${proof.mutation.killed} of ${proof.mutation.run} mutants killed (${proof.mutation.candidates} candidates) in ${proof.durationMs} ms; survivors: ${proof.mutation.survivors.map((s) => `${s.line} ${s.operator} \`${s.after}\``).join("; ") || "none"}\n`,
    );
  }, 300_000);
});
