// The cassette key: the request as the model sees it, hashed. The same
// request through any port has one key, whatever order its options' keys
// were built in; a change to any part the answer depends on changes it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import {
  COMPLETION_CAP_OPTION,
  CassetteRecordingModel,
  UsageLedger,
  askText,
  canonicalJson,
  cassetteKey,
  cassetteRequestOf,
  createChatModel,
  firstDifference,
  readCassette,
  resolveModelConfig,
} from "../../src/llm/index.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer } from "./support/fake-openai-server.js";

const model = { label: "openai:fake-model", temperature: 0.2 };
const messages = (user = "Design a sensor protocol."): BaseMessage[] => [new SystemMessage("You are the architect."), new HumanMessage(user)];
const keyOf = (m: BaseMessage[], options: Record<string, unknown> = {}, who = model) => cassetteKey(cassetteRequestOf(m, options, who));

describe("cassetteKey", () => {
  it("is a sha256 that does not depend on the order of the options' keys", () => {
    const a = keyOf(messages(), { response_format: { type: "json_object", strict: true }, [COMPLETION_CAP_OPTION]: 900 });
    const b = keyOf(messages(), { [COMPLETION_CAP_OPTION]: 900, response_format: { strict: true, type: "json_object" } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it("changes with a message's text or role, the model, the temperature, the cap and the response format", () => {
    const base = keyOf(messages());
    const variants = [
      keyOf(messages("Design a sensor protocol!")),
      keyOf([new HumanMessage("You are the architect."), new HumanMessage("Design a sensor protocol.")]),
      keyOf(messages(), {}, { label: "openai:other-model", temperature: 0.2 }),
      keyOf(messages(), {}, { label: "openai:fake-model", temperature: 0.3 }),
      keyOf(messages(), { [COMPLETION_CAP_OPTION]: 100 }),
      keyOf(messages(), { response_format: { type: "json_object" } }),
      keyOf([...messages(), new HumanMessage("again")]),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    // Options that do not reach the endpoint (the abort signal, who asks) do not count.
    expect(keyOf(messages(), { signal: new AbortController().signal, protoforgeCall: { agent: "architect", round: 1, attempt: 1 } })).toBe(base);
  });
});

describe("firstDifference", () => {
  const request = (user: string, cap: number | null = null) => cassetteRequestOf(messages(user), cap === null ? {} : { [COMPLETION_CAP_OPTION]: cap }, model);

  it("names the message, the character and the line where two prompts part", () => {
    const diff = firstDifference(request("Design a sensor protocol.\nReports every 5 s."), request("Design a sensor protocol.\nReports every 9 s."));
    expect(diff).toBe('message 2 (human) differs at character 41 (line 2): recorded "…ensor protocol.\\nReports every 5 s.", asked "…ensor protocol.\\nReports every 9 s."');
  });

  it("names the messages before the completion cap (it follows from them), and nothing for the same request", () => {
    expect(firstDifference(request("x", 100), request("y", 200))).toMatch(/^message 2 \(human\) differs at character 1/);
    expect(firstDifference(request("x", 100), request("x", 200))).toBe("the completion cap (max tokens) differs: recorded 100, asked 200");
    expect(firstDifference(request("x"), cassetteRequestOf(messages("x"), {}, { label: "openai:other" }))).toBe('the model differs: recorded "openai:fake-model", asked "openai:other"');
    const longer = cassetteRequestOf([...messages("x"), new HumanMessage("more")], {}, model);
    expect(firstDifference(request("x"), longer)).toBe("the number of messages differs: recorded 2, asked 3");
    expect(firstDifference(request("x"), request("x"))).toBeUndefined();
  });
});

describe("a recorded key through ChatOpenAI", () => {
  const servers: FakeOpenAiServer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it("is the same whatever port and API key the endpoint has", async () => {
    const keys: string[] = [];
    for (const apiKey of ["sk-first", "sk-second"]) {
      const server = await startFakeOpenAiServer({ replies: [reply.text("spec: {}")] });
      servers.push(server);
      const dir = await mkdtemp(join(tmpdir(), "protoforge-cassette-key-"));
      dirs.push(dir);
      const config = resolveModelConfig({ flags: { model: "openai:fake-model", baseUrl: server.baseUrl, maxRetries: 0, timeoutMs: 5000 }, env: { OPENAI_API_KEY: apiKey } });
      const chat = createChatModel(config);
      if (chat === null) throw new Error("expected a model");
      const recorder = await CassetteRecordingModel.open(chat, { dir, header: { label: "openai:fake-model", spec: "openai:fake-model", jsonMode: false } });
      await askText({ model: recorder, system: "You are the architect.", user: "Design a sensor protocol.", agent: "architect", round: 1, usage: new UsageLedger() });
      const cassette = await readCassette(dir);
      expect(cassette.exchanges).toHaveLength(1);
      keys.push(cassette.exchanges[0]?.key ?? "");
    }
    expect(servers[0]?.port).not.toBe(servers[1]?.port);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[1]).toBe(keys[0]);
  });
});
