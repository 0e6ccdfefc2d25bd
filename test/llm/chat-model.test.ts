import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_API_KEY, TokenBudgetError, UsageLedger, askText, createChatModel, promptTokenBound, resolveModelConfig, type ModelConfig } from "../../src/llm/index.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer } from "./support/fake-openai-server.js";

let server: FakeOpenAiServer | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

function compatible(baseUrl: string, extra: { timeoutMs?: number; maxRetries?: number; apiKey?: string } = {}): ModelConfig {
  return resolveModelConfig({
    flags: { model: "openai:fake-model", baseUrl, timeoutMs: extra.timeoutMs ?? 5000, maxRetries: extra.maxRetries ?? 0 },
    env: extra.apiKey === undefined ? {} : { OPENAI_API_KEY: extra.apiKey },
  });
}

describe("createChatModel", () => {
  it("is null for offline", () => {
    expect(createChatModel({ kind: "offline", source: "default" })).toBeNull();
  });

  it("is a ChatOpenAI for OpenAI, with the settings of the config", () => {
    const config = resolveModelConfig({ flags: { model: "openai:gpt-4o-mini", timeoutMs: 7000, maxRetries: 1 }, env: { OPENAI_API_KEY: "sk-x" } });
    const model = createChatModel(config);
    expect(model).toBeInstanceOf(ChatOpenAI);
    const chat = model as ChatOpenAI;
    expect(chat.model).toBe("gpt-4o-mini");
    expect(chat.timeout).toBe(7000);
    expect(chat.streaming).toBe(false);
  });

  it("talks to a compatible endpoint over HTTP and carries the usage", async () => {
    server = await startFakeOpenAiServer({ replies: [reply.text("pong", { prompt_tokens: 11, completion_tokens: 3 })] });
    const model = createChatModel(compatible(server.baseUrl));
    if (model === null) throw new Error("expected a model");
    const answer = await model.invoke([new SystemMessage("You answer ping with pong."), new HumanMessage("ping")]);
    expect(answer.text).toBe("pong");
    expect((answer as { usage_metadata?: unknown }).usage_metadata).toMatchObject({ input_tokens: 11, output_tokens: 3, total_tokens: 14 });
    const [request] = server.completions();
    expect(request?.model).toBe("fake-model");
    expect(request?.body["stream"]).toBe(false);
    expect(request?.messages).toEqual([
      { role: "system", content: "You answer ping with pong." },
      { role: "user", content: "ping" },
    ]);
    expect(request?.authorization).toBe(`Bearer ${NO_API_KEY}`);
  });

  it("sends the API key when one is configured", async () => {
    server = await startFakeOpenAiServer({ replies: ["ok"], requireApiKey: "sk-local" });
    const model = createChatModel(compatible(server.baseUrl, { apiKey: "sk-local" }));
    expect((await model?.invoke("hi"))?.text).toBe("ok");
  });

  it("is not redirected by OPENAI_BASE_URL or a LangSmith gateway in the environment", async () => {
    server = await startFakeOpenAiServer({ replies: ["here"] });
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    vi.stubEnv("LANGSMITH_GATEWAY", "true");
    const model = createChatModel(compatible(server.baseUrl));
    expect((await model?.invoke("where?"))?.text).toBe("here");
    expect(server.completions()).toHaveLength(1);
  });

  it("fails on an HTTP 500 after its retries", async () => {
    server = await startFakeOpenAiServer({ replies: [reply.error(500, "boom"), reply.error(500, "boom again")] });
    const model = createChatModel(compatible(server.baseUrl, { maxRetries: 1 }));
    await expect(model?.invoke("x")).rejects.toThrow(/boom again/);
    expect(server.completions()).toHaveLength(2);
  });

  it("retries an HTTP 500 and then succeeds", async () => {
    server = await startFakeOpenAiServer({ replies: [reply.error(503, "overloaded"), "fine"] });
    const model = createChatModel(compatible(server.baseUrl, { maxRetries: 1 }));
    expect((await model?.invoke("x"))?.text).toBe("fine");
  });

  it("gives up after its timeout", async () => {
    server = await startFakeOpenAiServer({ replies: [{ kind: "text", content: "late", delayMs: 3000 }] });
    const model = createChatModel(compatible(server.baseUrl, { timeoutMs: 200 }));
    const started = Date.now();
    await expect(model?.invoke("x")).rejects.toThrow(/time/i);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe("the token budget over HTTP", () => {
  it("caps each answer with max_tokens so that prompt + answer stay within what is left, and refuses a call that cannot fit", async () => {
    const long = "x".repeat(40_000); // 10 000 tokens at the fake server's 4 characters a token
    server = await startFakeOpenAiServer({ replies: [reply.text(long), reply.text(long), reply.text(long)] });
    const model = createChatModel(compatible(server.baseUrl));
    if (model === null) throw new Error("expected a model");
    const usage = new UsageLedger();
    const ask = { model, agent: "coder", round: 1, usage, tokenBudget: 3000, system: "You are terse.", user: "Write a long story." };
    const first = await askText(ask);
    expect(first.length).toBeLessThan(long.length);
    const sent = server.completions()[0]?.body["max_tokens"];
    expect(typeof sent).toBe("number");
    const bound = promptTokenBound([new SystemMessage(ask.system), new HumanMessage(ask.user)]);
    expect(sent).toBe(3000 - bound);
    expect(usage.totals().totalTokens).toBeLessThanOrEqual(3000);
    // Nothing worth asking is left: no request is sent.
    await expect(askText(ask)).rejects.toBeInstanceOf(TokenBudgetError);
    expect(server.completions()).toHaveLength(1);
    expect(usage.totals().totalTokens).toBeLessThanOrEqual(3000);
  });
});
