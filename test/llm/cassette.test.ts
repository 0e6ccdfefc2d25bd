// Record and replay: a recorded run's questions are answered again from the
// cassette alone, with the same text, attempts and token accounting; the same
// question asked twice is replayed in order; a killed recording stays
// readable; a question not recorded stops with cassette-miss and says where
// it parts from the recorded one.
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CassetteFileError,
  CassetteMissError,
  CassetteRecordingModel,
  CassetteReplayModel,
  CassetteWriter,
  ModelCallError,
  UsageLedger,
  askStructured,
  askText,
  cassettePath,
  createChatModel,
  readCassette,
  resolveModelConfig,
} from "../../src/llm/index.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer } from "./support/fake-openai-server.js";
import { ScriptedChatModel } from "./support/scripted-chat-model.js";

const header = { label: "openai:fake-model", spec: "openai:fake-model", jsonMode: true };
const planSchema = z.object({ title: z.string().min(1), steps: z.array(z.string()).min(1) });
const plan = { title: "Add acks", steps: ["define Ack", "send it"] };

let dir: string;
let server: FakeOpenAiServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "protoforge-cassette-"));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

const record = (inner: Parameters<typeof CassetteRecordingModel.open>[0]) => CassetteRecordingModel.open(inner, { dir, header });

async function coderAsks(model: Parameters<typeof askStructured>[0]["model"], usage: UsageLedger, user = "Write the handlers for R1.") {
  return askStructured({ model, schema: planSchema, system: "You are the coder.", user, agent: "coder", round: 2, usage, jsonMode: true, tokenBudget: 50_000 });
}

describe("record, then replay", () => {
  it("replays a structured question with its correction attempt: same value, attempts and token ledger, no model asked", async () => {
    const scripted = new ScriptedChatModel([
      { content: "Sure, here is the plan!", usage: { input: 410, output: 7 } },
      { content: JSON.stringify(plan), usage: { input: 520, output: 19 } },
    ]);
    const recordedUsage = new UsageLedger();
    const recorded = await coderAsks(await record(scripted), recordedUsage);
    expect(recorded.attempts).toBe(2);
    expect(scripted.remaining()).toBe(0);

    const cassette = await readCassette(dir);
    expect(cassette.header).toMatchObject({ type: "header", format: 1, label: "openai:fake-model", jsonMode: true });
    expect(cassette.exchanges.map((e) => [e.agent, e.round, e.attempt, e.occurrence])).toEqual([
      ["coder", 2, 1, 0],
      ["coder", 2, 2, 0],
    ]);
    expect(cassette.exchanges[0]?.request.responseFormat).toEqual({ type: "json_object" });
    expect(cassette.exchanges[0]?.request.maxTokens).toEqual(expect.any(Number));
    expect(cassette.exchanges[1]?.answer?.usage).toMatchObject({ input_tokens: 520, output_tokens: 19 });

    const replay = await CassetteReplayModel.load(dir);
    const replayedUsage = new UsageLedger();
    const replayed = await coderAsks(replay, replayedUsage);
    expect(replayed).toEqual(recorded);
    expect(replayedUsage.toJSON()).toEqual(recordedUsage.toJSON());
    expect(replayedUsage.totals()).toMatchObject({ promptTokens: 930, completionTokens: 26, calls: 2, estimatedCalls: 0 });
    expect(replay.remaining()).toBe(0);
  });

  it("replays the same question asked twice in the order it was answered (FakeListChatModel, estimated usage)", async () => {
    const fake = new FakeListChatModel({ responses: ["first answer", "second answer, longer than the first"] });
    const recorder = await record(fake);
    const ask = (model: typeof recorder | CassetteReplayModel, usage: UsageLedger) =>
      askText({ model, system: "You are the reviewer.", user: "Review round 1.", agent: "reviewer", round: 1, usage });
    const usage = new UsageLedger();
    const answers = [await ask(recorder, usage), await ask(recorder, usage)];
    expect(answers).toEqual(["first answer", "second answer, longer than the first"]);
    const cassette = await readCassette(dir);
    expect(cassette.exchanges.map((e) => e.occurrence)).toEqual([0, 1]);
    expect(cassette.exchanges[1]?.key).toBe(cassette.exchanges[0]?.key);

    const replay = await CassetteReplayModel.load(dir);
    const replayedUsage = new UsageLedger();
    expect([await ask(replay, replayedUsage), await ask(replay, replayedUsage)]).toEqual(answers);
    expect(replayedUsage.toJSON()).toEqual(usage.toJSON());
    // A third time is one more than recorded.
    const third = await ask(replay, replayedUsage).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(CassetteMissError);
    expect((third as CassetteMissError).message).toContain("reviewer (round 1, attempt 1) asked a request the cassette holds 2 times, one time more than recorded");
  });

  it("replays an endpoint failure as the same ModelCallError", async () => {
    const recorder = await record(new ScriptedChatModel([{ content: "", fail: "503 the model is overloaded" }]));
    const ask = (model: typeof recorder | CassetteReplayModel) =>
      askText({ model, system: "You are the architect.", user: "Design it.", agent: "architect", round: 1, usage: new UsageLedger() }).catch((e: unknown) => e);
    const original = await ask(recorder);
    const replayed = await ask(await CassetteReplayModel.load(dir));
    expect(original).toBeInstanceOf(ModelCallError);
    expect(replayed).toBeInstanceOf(ModelCallError);
    expect((replayed as ModelCallError).message).toBe((original as ModelCallError).message);
    expect((replayed as ModelCallError).code).toBe("model-call-failed");
  });

  it("records what ChatOpenAI got from a real HTTP endpoint: usage, finish reason; who asks is never sent", async () => {
    server = await startFakeOpenAiServer({ replies: [reply.text("version: 1", { prompt_tokens: 33, completion_tokens: 4 })] });
    const chat = createChatModel(resolveModelConfig({ flags: { model: "openai:fake-model", baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 5000 } }));
    if (chat === null) throw new Error("expected a model");
    const usage = new UsageLedger();
    await askText({ model: await record(chat), system: "You are the architect.", user: "Design it.", agent: "architect", round: 1, usage });
    expect(Object.keys(server.completions()[0]?.body ?? {})).not.toContain("protoforgeCall");
    await server.close();
    server = undefined;
    const replayedUsage = new UsageLedger();
    const text = await askText({ model: await CassetteReplayModel.load(dir), system: "You are the architect.", user: "Design it.", agent: "architect", round: 1, usage: replayedUsage });
    expect(text).toBe("version: 1");
    expect(replayedUsage.toJSON()).toEqual(usage.toJSON());
    expect(usage.totals()).toMatchObject({ promptTokens: 33, completionTokens: 4, estimatedCalls: 0 });
    expect((await readCassette(dir)).exchanges[0]?.answer?.finishReason).toBe("stop");
  });
});

describe("a replay that misses", () => {
  it("stops with cassette-miss naming the agent, the round and the message that differs (not a ModelCallError)", async () => {
    await coderAsks(await record(new ScriptedChatModel([JSON.stringify(plan)])), new UsageLedger());
    const replay = await CassetteReplayModel.load(dir);
    const miss = await coderAsks(replay, new UsageLedger(), "Write the handlers for R2.").catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(CassetteMissError);
    const error = miss as CassetteMissError;
    expect(error.code).toBe("cassette-miss");
    expect(error.agent).toBe("coder");
    expect(error.round).toBe(2);
    expect(error.difference).toBe('message 2 (human) differs at character 25 (line 1): recorded "Write the handlers for R1.", asked "Write the handlers for R2."');
    expect(error.message).toContain("no recorded answer for coder (round 2, attempt 1); the coder's prompt differs from the one recorded for round 2, attempt 1: message 2 (human)");
  });

  it("says when the cassette holds nothing of the agent", async () => {
    await coderAsks(await record(new ScriptedChatModel([JSON.stringify(plan)])), new UsageLedger());
    const miss = await askText({ model: await CassetteReplayModel.load(dir), system: "s", user: "u", agent: "reviewer", round: 3, usage: new UsageLedger() }).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(CassetteMissError);
    expect((miss as CassetteMissError).message).toMatch(/no recorded answer for reviewer \(round 3, attempt 1\); the cassette holds no exchange of reviewer$/);
  });
});

describe("the cassette file", () => {
  it("stays readable after a kill mid-write, and a resumed recording cuts the torn line and counts on", async () => {
    const fake = () => new FakeListChatModel({ responses: ["same"] });
    const ask = async (model: CassetteRecordingModel) => askText({ model, system: "s", user: "u", agent: "coder", round: 1, usage: new UsageLedger() });
    await ask(await record(fake()));
    await appendFile(cassettePath(dir), '{"type":"exchange","key":"ab');
    const torn = await readCassette(dir);
    expect(torn.tornTail).toBe(true);
    expect(torn.exchanges).toHaveLength(1);

    await ask(await CassetteRecordingModel.open(fake(), { dir, header, continue: true }));
    const text = await readFile(cassettePath(dir), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").filter((l) => l !== "")).toHaveLength(3);
    const resumed = await readCassette(dir);
    expect(resumed.tornTail).toBe(false);
    expect(resumed.exchanges.map((e) => e.occurrence)).toEqual([0, 1]);
  });

  it("names what is wrong: no cassette, a bad line, another model on resume", async () => {
    const missing = await readCassette(join(dir, "nothing")).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CassetteFileError);
    expect((missing as CassetteFileError).code).toBe("no-cassette");

    await writeFile(cassettePath(dir), `${JSON.stringify({ type: "header", format: 1, ...header })}\nnot json\n{"type":"exchange"}\n`);
    const bad = await readCassette(dir).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CassetteFileError);
    expect(bad).toMatchObject({ code: "bad-cassette", line: 2 });

    await CassetteWriter.start(dir, { type: "header", format: 1, ...header });
    const other = await CassetteWriter.continue(dir, { type: "header", format: 1, ...header, label: "openai:other" }).catch((e: unknown) => e);
    expect(other).toMatchObject({ code: "cassette-model-differs" });
  });
});
