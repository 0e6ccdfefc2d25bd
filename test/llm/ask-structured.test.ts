import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ModelCallError,
  StructuredOutputError,
  TokenBudgetError,
  UsageLedger,
  askStructured,
  askText,
  createChatModel,
  resolveModelConfig,
  reviewerAnswerSchema,
} from "../../src/llm/index.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer } from "./support/fake-openai-server.js";
import { ScriptedChatModel } from "./support/scripted-chat-model.js";

const planSchema = z.object({
  title: z.string().min(1),
  steps: z.array(z.string().min(1)).min(1),
  risk: z.enum(["low", "high"]),
});
const goodPlan = { title: "Add acks", steps: ["define Ack", "send it"], risk: "low" };

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serverModel(options: Parameters<typeof startFakeOpenAiServer>[0], jsonMode?: boolean): Promise<BaseChatModel> {
  server = await startFakeOpenAiServer(options);
  const config = resolveModelConfig({
    flags: { model: "openai:fake-model", baseUrl: server.baseUrl, timeoutMs: 5000, maxRetries: 0, ...(jsonMode === undefined ? {} : { jsonMode }) },
  });
  const model = createChatModel(config);
  if (model === null) throw new Error("expected a model");
  return model;
}

const ask = { system: "You plan small changes.", user: "Plan the acknowledgement feature.", agent: "architect", round: 1 };

describe("askStructured through ChatOpenAI and the fake endpoint", () => {
  it("returns the validated value of a good first answer", async () => {
    const model = await serverModel({ replies: [reply.json(goodPlan, { prompt_tokens: 120, completion_tokens: 30 })] });
    const usage = new UsageLedger();
    const answer = await askStructured({ model, schema: planSchema, ...ask, usage });
    expect(answer).toEqual({ value: goodPlan, attempts: 1, raw: JSON.stringify(goodPlan) });
    expect(usage.totals()).toMatchObject({ promptTokens: 120, completionTokens: 30, totalTokens: 150, calls: 1, estimatedCalls: 0 });

    const [request] = server?.completions() ?? [];
    const system = request?.messages[0]?.content ?? "";
    expect(system.startsWith("You plan small changes.")).toBe(true);
    expect(system).toContain("## Answer format");
    expect(system).toContain('"risk"');
    expect(system).toContain('"enum"');
    expect(request?.messages[1]).toEqual({ role: "user", content: "Plan the acknowledgement feature." });
    expect(request?.body["response_format"]).toBeUndefined();
  });

  it("takes the JSON out of prose and fences", async () => {
    const model = await serverModel({ replies: [`<think>{ not this }</think>Sure! Here it is:\n\`\`\`json\n${JSON.stringify(goodPlan, null, 2)}\n\`\`\`\nHope it helps.`] });
    const answer = await askStructured({ model, schema: planSchema, ...ask, usage: new UsageLedger() });
    expect(answer.value).toEqual(goodPlan);
    expect(answer.attempts).toBe(1);
  });

  it("retries a malformed answer with the validation error, and records both calls", async () => {
    const bad = { title: "Add acks", steps: [], risk: "medium" };
    const model = await serverModel({
      replies: [reply.json(bad, { prompt_tokens: 100, completion_tokens: 20 }), reply.json(goodPlan, { prompt_tokens: 160, completion_tokens: 25 })],
    });
    const usage = new UsageLedger();
    const answer = await askStructured({ model, schema: planSchema, ...ask, usage });
    expect(answer.attempts).toBe(2);
    expect(answer.value).toEqual(goodPlan);

    const [, second] = server?.completions() ?? [];
    const messages = second?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(messages[2]?.content).toBe(JSON.stringify(bad));
    const correction = messages[3]?.content ?? "";
    expect(correction).toContain("could not be used");
    expect(correction).toContain("steps"); // the path of the first problem
    expect(correction).toMatch(/Too small|>=1/i);
    expect(correction).toContain("risk");
    expect(correction).toMatch(/"low"/);

    expect(usage.entries.map((e) => [e.attempt, e.promptTokens, e.completionTokens])).toEqual([
      [1, 100, 20],
      [2, 160, 25],
    ]);
    expect(usage.forAgent("architect")).toMatchObject({ totalTokens: 305, calls: 2 });
  });

  it("retries an answer that is not JSON at all", async () => {
    const model = await serverModel({ replies: ["I would add an acknowledgement message.", reply.json(goodPlan)] });
    const answer = await askStructured({ model, schema: planSchema, ...ask, usage: new UsageLedger() });
    expect(answer.attempts).toBe(2);
    const correction = server?.completions()[1]?.messages[3]?.content ?? "";
    expect(correction).toContain("Not JSON: the answer holds no JSON object.");
  });

  it("says that a cut-off answer was cut off", async () => {
    const model = await serverModel({ replies: [{ kind: "text", content: '{"title": "Add acks", "steps": ["def', finishReason: "length" }, reply.json(goodPlan)] });
    await askStructured({ model, schema: planSchema, ...ask, usage: new UsageLedger() });
    const correction = server?.completions()[1]?.messages[3]?.content ?? "";
    expect(correction).toContain("the answer's JSON does not parse");
    expect(correction).toContain("cut off at the output limit");
  });

  it("throws StructuredOutputError with the last error and answer when attempts run out", async () => {
    const model = await serverModel({ replies: ["no", reply.json({ title: "" }), reply.json({ title: "x", steps: ["a"], risk: "huge" })] });
    const usage = new UsageLedger();
    const error = await askStructured({ model, schema: planSchema, ...ask, usage, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    const e = error as StructuredOutputError;
    expect(e.code).toBe("invalid-structured-output");
    expect([e.agent, e.round, e.attempts]).toEqual(["architect", 1, 3]);
    expect(e.raw).toBe('{"title":"x","steps":["a"],"risk":"huge"}');
    expect(e.lastError).toContain("risk");
    expect(e.message).toContain("no valid answer in 3 attempts");
    expect(server?.completions()).toHaveLength(3);
    expect(server?.remaining()).toBe(0);
    expect(usage.totals().calls).toBe(3);
  });

  it("asks for JSON mode when told to", async () => {
    const model = await serverModel({ replies: [reply.json(goodPlan)] }, true);
    await askStructured({ model, schema: planSchema, ...ask, usage: new UsageLedger(), jsonMode: true });
    expect(server?.completions()[0]?.body["response_format"]).toEqual({ type: "json_object" });
  });

  it("turns an endpoint failure into a ModelCallError naming agent and round", async () => {
    const model = await serverModel({ replies: [reply.error(500, "the GPU caught fire")] });
    const usage = new UsageLedger();
    const error = await askStructured({ model, schema: planSchema, ...ask, agent: "coder", round: 4, usage }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error).toMatchObject({ code: "model-call-failed", agent: "coder", round: 4, status: 500 });
    expect((error as Error).message).toContain("the GPU caught fire");
    expect(usage.totals().calls).toBe(0);
  });

  it("turns a malformed HTTP body into a ModelCallError", async () => {
    const model = await serverModel({ replies: [reply.malformed("<html>proxy error</html>")] });
    const error = await askText({ model, ...ask, usage: new UsageLedger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
  });

  it("reports a timeout as model-timeout", async () => {
    server = await startFakeOpenAiServer({ replies: [{ kind: "text", content: "late", delayMs: 3000 }] });
    const model = createChatModel(resolveModelConfig({ flags: { model: "openai:m", baseUrl: server.baseUrl, timeoutMs: 200, maxRetries: 0 } }));
    if (model === null) throw new Error("expected a model");
    const error = await askText({ model, ...ask, usage: new UsageLedger() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ModelCallError", code: "model-timeout" });
  });
});

describe("token accounting across agents and rounds", () => {
  it("counts every call per agent and per round, retries included", async () => {
    const model = await serverModel({
      replies: [
        reply.json(goodPlan, { prompt_tokens: 1000, completion_tokens: 200 }), // architect r1
        reply.text("not json", { prompt_tokens: 800, completion_tokens: 10 }), // coder r1, attempt 1
        reply.json(goodPlan, { prompt_tokens: 850, completion_tokens: 150 }), // coder r1, attempt 2
        reply.text("looks fine", { prompt_tokens: 500, completion_tokens: 40 }), // reviewer r1 (text)
        reply.json(goodPlan, { prompt_tokens: 900, completion_tokens: 100 }), // coder r2
      ],
    });
    const usage = new UsageLedger();
    await askStructured({ model, schema: planSchema, ...ask, agent: "architect", round: 1, usage });
    await askStructured({ model, schema: planSchema, ...ask, agent: "coder", round: 1, usage });
    await askText({ model, ...ask, agent: "reviewer", round: 1, usage });
    await askStructured({ model, schema: planSchema, ...ask, agent: "coder", round: 2, usage });

    expect(usage.totals()).toEqual({ promptTokens: 4050, completionTokens: 500, totalTokens: 4550, calls: 5, estimatedCalls: 0 });
    expect([...usage.byAgent().entries()]).toEqual([
      ["architect", { promptTokens: 1000, completionTokens: 200, totalTokens: 1200, calls: 1, estimatedCalls: 0 }],
      ["coder", { promptTokens: 2550, completionTokens: 260, totalTokens: 2810, calls: 3, estimatedCalls: 0 }],
      ["reviewer", { promptTokens: 500, completionTokens: 40, totalTokens: 540, calls: 1, estimatedCalls: 0 }],
    ]);
    expect([...usage.byRound().entries()].map(([round, t]) => [round, t.totalTokens, t.calls])).toEqual([
      [1, 3550, 4],
      [2, 1000, 1],
    ]);
    expect(usage.remaining(5000)).toBe(450);
    expect(UsageLedger.fromJSON(JSON.parse(JSON.stringify(usage))).byAgent()).toEqual(usage.byAgent());
  });

  it("estimates tokens when the endpoint reports no usage", async () => {
    const model = await serverModel({ replies: [reply.json(goodPlan, null)] });
    const usage = new UsageLedger();
    await askStructured({ model, schema: planSchema, ...ask, usage });
    const totals = usage.totals();
    expect(totals.estimatedCalls).toBe(1);
    expect(totals.completionTokens).toBe(Math.ceil(JSON.stringify(goodPlan).length / 4));
    expect(totals.promptTokens).toBeGreaterThan(50);
  });

  it("refuses to call once the budget is spent, and stops a retry loop that would overrun it", async () => {
    const model = new ScriptedChatModel([
      { content: "nope", usage: { input: 600, output: 100 } },
      { content: "still nope", usage: { input: 700, output: 100 } },
      { content: JSON.stringify(goodPlan), usage: { input: 800, output: 100 } },
    ]);
    const usage = new UsageLedger();
    const error = await askStructured({ model, schema: planSchema, ...ask, agent: "coder", round: 3, usage, tokenBudget: 1000, maxAttempts: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenBudgetError);
    // The first call is made with its answer capped; the retry's prompt alone could use the 300 left.
    expect(error).toMatchObject({ code: "token-budget-exhausted", agent: "coder", round: 3, used: 700, budget: 1000 });
    expect((error as Error).message).toMatch(/^token budget exhausted: 700 of 1000 tokens used before coder could ask \(round 3\): the question needs up to \d+ tokens of prompt and 128 of answer, more than the 300 left$/);
    expect(model.calls).toHaveLength(1);
    await expect(askText({ model, ...ask, usage, tokenBudget: 700 })).rejects.toBeInstanceOf(TokenBudgetError);
    expect(model.remaining()).toBe(2);
  });
});

describe("askStructured with scripted chat models", () => {
  it("validates refinements too, and shows their message to the model", async () => {
    const approvingWithBlocker = {
      verdict: "approve",
      summary: "Good.",
      trace: [{ requirement: "R1", spec: ["message:Report"], code: ["handlers.py"], tests: ["tests/test_handlers.py"], status: "met" }],
      findings: [{ severity: "blocker", problem: "Report is never acknowledged.", suggestion: "Send ReportAck." }],
    };
    const fixed = { ...approvingWithBlocker, verdict: "request-changes" };
    const model = new ScriptedChatModel([JSON.stringify(approvingWithBlocker), JSON.stringify(fixed)]);
    const answer = await askStructured({ model, schema: reviewerAnswerSchema, ...ask, agent: "reviewer", usage: new UsageLedger() });
    expect(answer.value.verdict).toBe("request-changes");
    const correction = model.calls[1]?.at(-1)?.text ?? "";
    expect(correction).toContain("verdict is approve but a finding is a blocker");
  });

  it("refuses a maxAttempts that is not a positive integer", async () => {
    const model = new ScriptedChatModel([]);
    await expect(askStructured({ model, schema: planSchema, ...ask, usage: new UsageLedger(), maxAttempts: 0 })).rejects.toThrow(RangeError);
  });
});
