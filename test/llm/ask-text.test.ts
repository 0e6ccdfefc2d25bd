import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ModelCallError, UsageLedger, askStructured, askText, estimateTokens } from "../../src/llm/index.js";
import { ScriptedChatModel } from "./support/scripted-chat-model.js";

const base = { system: "You are terse.", user: "Say hello.", agent: "reviewer", round: 2 };

describe("askText with LangChain's fake chat models", () => {
  it("returns the answers of a FakeListChatModel in order", async () => {
    const model = new FakeListChatModel({ responses: ["hello", "hello again"] });
    const usage = new UsageLedger();
    expect(await askText({ model, ...base, usage })).toBe("hello");
    expect(await askText({ model, ...base, usage })).toBe("hello again");
    expect(usage.totals().calls).toBe(2);
  });

  it("estimates the tokens of a model that reports no usage", async () => {
    const model = new FakeListChatModel({ responses: ["hello there"] });
    const usage = new UsageLedger();
    await askText({ model, ...base, usage });
    expect(usage.entries).toEqual([
      {
        agent: "reviewer",
        round: 2,
        attempt: 1,
        promptTokens: estimateTokens("You are terse.\nSay hello."),
        completionTokens: estimateTokens("hello there"),
        estimated: true,
      },
    ]);
  });

  it("drops a reasoning section before the answer", async () => {
    const model = new FakeListChatModel({ responses: ["<think>\nThe user wants a greeting.\n</think>\n\nHello."] });
    expect(await askText({ model, ...base, usage: new UsageLedger() })).toBe("Hello.");
  });

  it("sends the system prompt and the user message", async () => {
    const model = new ScriptedChatModel([{ content: "hi", usage: { input: 9, output: 1 } }]);
    const usage = new UsageLedger();
    await askText({ model, ...base, usage });
    expect(model.calls[0]?.map((m) => [m.type, m.text])).toEqual([
      ["system", "You are terse."],
      ["human", "Say hello."],
    ]);
    expect(usage.entries[0]).toMatchObject({ promptTokens: 9, completionTokens: 1, estimated: false });
  });

  it("wraps a model failure in a ModelCallError", async () => {
    const scripted = new ScriptedChatModel([{ content: "", fail: "connection refused" }]);
    const wrapped = await askText({ model: scripted, ...base, usage: new UsageLedger() }).catch((e: unknown) => e);
    expect(wrapped).toBeInstanceOf(ModelCallError);
    expect(wrapped).toMatchObject({ code: "model-call-failed", agent: "reviewer", round: 2 });
    expect((wrapped as ModelCallError).cause).toBeInstanceOf(Error);
  });

  it("drives askStructured too: a FakeListChatModel repairing its answer", async () => {
    const model = new FakeListChatModel({ responses: ['{"ok": "yes"}', '{"ok": true}'] });
    const answer = await askStructured({ model, schema: z.object({ ok: z.boolean() }), ...base, usage: new UsageLedger() });
    expect(answer).toEqual({ value: { ok: true }, attempts: 2, raw: '{"ok": true}' });
  });
});
