// The verdict is earned (issue 12): a run whose coder never writes the
// behaviour does not succeed, however agreeable the reviewer model is. Chat's
// requirements name errors (room_not_found, not_a_moderator…) that only
// behaviour proves; the scripted tester runs no conformance, so only behaviour
// tests the coder writes could show them, and these coders write none.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { chatWithoutBehaviourYaml } from "../support/chat-without-behaviour.js";
import { chatDefaultHandlers, MODERATION_TEST, MODERATION_TEST_PATH, moderationHandlers, WEAKENED_MODERATION_TEST } from "../support/chat-moderation.js";
import { approve, architectAnswer, coderAnswer } from "./support/answers.js";
import { PKG } from "./support/fake-emitter.js";
import { fakeRun } from "./support/run-helpers.js";

// Chat without its behaviour section: the default handlers leave R7 to the coder.
const chatYaml = chatWithoutBehaviourYaml();

/** Every coder answer writes a locked (generated) file: refused, nothing written. */
const refused = () => coderAnswer("rewrite the codec", [{ path: `src/${PKG}/codec.py`, content: "# mine now\n" }]);

const defaultHandlers = chatDefaultHandlers("python");

/** The coder writes the moderation rule (R7) and a behaviour test for it. */
const moderation = (test: string) =>
  coderAnswer("R7: the first member moderates; only the moderator may kick.", [
    { path: "src/chat/handlers.py", content: moderationHandlers(defaultHandlers) },
    { path: MODERATION_TEST_PATH, content: test },
  ]);

describe("the coder's behaviour tests must test", () => {
  it("a weakened test (an early return, a value compared with itself, passing with the default handlers): named findings, R7 unproven, not succeeded", async () => {
    // The scripted prover reports what the real one finds for this test (test/sandbox/behaviour-proof.test.ts): it passes with the default handlers.
    const weakened = moderation(`${WEAKENED_MODERATION_TEST}# PROOF:vacuous\n`);
    const model = new ScriptedChatModel([architectAnswer(chatYaml), weakened, approve(), weakened, approve()]);
    const run = await fakeRun({ model, budgets: { maxRounds: 2 }, overrides: { emitters: createEmitterRegistry() } });
    expect(["stuck", "budget-exhausted"]).toContain(run.result.status);
    const reviewer = run.result.state.findings.filter((f) => f.agent === "reviewer");
    const at = (code: string) => reviewer.filter((f) => f.code === code).map((f) => `${f.severity} ${f.location?.file}:${f.location?.line ?? ""}`);
    expect(at("assertion-unreachable")).toEqual([`error python/${MODERATION_TEST_PATH}:23`]);
    expect(at("assertion-tautological")).toEqual([`error python/${MODERATION_TEST_PATH}:40`]);
    expect(at("behaviour-test-vacuous")).toEqual([`warning python/${MODERATION_TEST_PATH}:`, `warning python/${MODERATION_TEST_PATH}:`]);
    // Its only evidence for R7 was the vacuous test: R7 is open.
    expect(reviewer.some((f) => f.code === "requirement-unproven" && f.requirementId === "R7")).toBe(true);
    expect(run.result.state.trace.find((t) => t.requirementId === "R7")?.status).toBe("open");
    const report = JSON.parse(await readFile(join(run.dir, ".protoforge/report.json"), "utf8")) as { findings: { code: string }[]; behaviourProof: { round: number; cases: unknown[] }[] };
    expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["assertion-unreachable", "assertion-tautological", "behaviour-test-vacuous", "requirement-unproven"]));
    expect(report.behaviourProof.map((p) => p.round)).toEqual([1]);
    expect(await readFile(join(run.dir, "REPORT.md"), "utf8")).toContain("## Behaviour tests");
  });

  it("a real test: R7 is covered and the proof raises nothing", async () => {
    const model = new ScriptedChatModel([architectAnswer(chatYaml), moderation(MODERATION_TEST), approve()]);
    const run = await fakeRun({ model, budgets: { maxRounds: 1 }, overrides: { emitters: createEmitterRegistry() } });
    const codes = run.result.state.findings.map((f) => f.code);
    expect(codes.filter((c) => /^(?:assertion-|behaviour-test|mutation-|behaviour-proof)/.test(c))).toEqual([]);
    expect(run.result.state.trace.find((t) => t.requirementId === "R7")?.status).toBe("covered");
    expect(run.result.state.behaviourProof.map((p) => `${p.language} ${p.status} ${p.reverted.join(",")}`)).toEqual(["python proven python/src/chat/handlers.py"]);
  });

  it("tests that let most mutants of the behaviour survive: mutation-score-low, with the survivors", async () => {
    const model = new ScriptedChatModel([architectAnswer(chatYaml), moderation(`${MODERATION_TEST}# PROOF:survivors=5\n`), approve()]);
    const run = await fakeRun({ model, budgets: { maxRounds: 1 }, overrides: { emitters: createEmitterRegistry() } });
    const low = run.result.state.findings.find((f) => f.code === "mutation-score-low");
    expect(low?.severity).toBe("error");
    expect(low?.message).toContain("killed 5 of 10 mutants of the behaviour code (50%, at least 60% needed)");
    expect(low?.message).toContain("python/src/chat/handlers.py:1 `x()` → `pass`");
    expect(run.result.status).not.toBe("succeeded");
  });
});

describe("the verdict is earned", () => {
  it("every coder answer refused: not succeeded, and the open requirements are the reviewer's findings", async () => {
    const model = new ScriptedChatModel([architectAnswer(chatYaml), refused(), refused(), approve(), refused(), refused(), approve(), refused(), refused(), approve()]);
    const run = await fakeRun({ model, budgets: { maxRounds: 3 }, overrides: { emitters: createEmitterRegistry() } });
    expect(run.result.status).not.toBe("succeeded");
    // The only blocking findings: the requirements nothing shows to hold (the code names everything, every test passes).
    expect([...new Set(run.result.state.findings.filter((f) => f.severity === "error" && f.agent === "reviewer").map((f) => f.code))]).toEqual(["requirement-unproven"]);
    expect(run.result.status).not.toBe("layer-complete");
    expect(["stuck", "budget-exhausted"]).toContain(run.result.status);
    const unproven = run.result.state.findings.filter((f) => f.code === "requirement-unproven");
    expect(unproven.map((f) => f.requirementId)).toEqual(expect.arrayContaining(["R3", "R7"]));
    expect(unproven.every((f) => f.severity === "error" && f.agent === "reviewer")).toBe(true);
    expect(unproven.find((f) => f.requirementId === "R7")?.message).toContain("error:not_a_moderator");
    const report = JSON.parse(await readFile(join(run.dir, ".protoforge/report.json"), "utf8")) as { status: string; findings: { code: string }[]; trace: { requirementId: string; status: string }[] };
    expect(report.status).toBe(run.result.status);
    expect(report.findings.map((f) => f.code)).toContain("requirement-unproven");
    expect(report.trace.find((t) => t.requirementId === "R7")?.status).toBe("open");
    expect(await readFile(join(run.dir, "REPORT.md"), "utf8")).toMatch(/\| \*\*R7\*\* \|.*\*\*open\*\*: .*`error:not_a_moderator`/);
  });

  it("prose instead of code and reviews: not succeeded", async () => {
    const prose = "I would add a moderator check to the kick handler.";
    const model = new ScriptedChatModel([architectAnswer(chatYaml), ...Array.from({ length: 12 }, () => prose)]);
    const run = await fakeRun({ model, budgets: { maxRounds: 2 }, overrides: { emitters: createEmitterRegistry() } });
    expect(["stuck", "budget-exhausted"]).toContain(run.result.status);
    expect(run.result.state.findings.some((f) => f.code === "requirement-unproven" && f.requirementId === "R7")).toBe(true);
  });

  it("offline, the same spec ends layer-complete with the open requirements listed, never succeeded", async () => {
    // The offline design of the sensor description: every requirement is about messages and fields.
    expect((await fakeRun()).result.status).toBe("succeeded");
    // The real emitter, so that the code names what the spec names; the scripted tester runs its tests.
    const chat = await fakeRun({ overrides: { emitters: createEmitterRegistry() }, request: { input: { kind: "spec", file: "chat.yaml", specText: chatYaml }, languages: ["python"], transport: "tcp" } });
    expect(chat.result.status).toBe("layer-complete");
    expect(chat.result.reason).toMatch(/requirements? not shown to hold, left to the handlers \(.*R7.*\)/);
    expect(chat.result.state.findings.filter((f) => f.code === "requirement-open").every((f) => f.severity === "warning")).toBe(true);
  });
});
