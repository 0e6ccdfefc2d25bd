import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../../src/llm/index.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "./support/fake-openai-server.js";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, text: await res.text() };
}

const ask = (content: string) => ({ model: "m", messages: [{ role: "user", content }] });

describe("fake OpenAI server", () => {
  it("listens on 127.0.0.1 and answers in script order with usage", async () => {
    server = await startFakeOpenAiServer({ replies: ["first", reply.json({ a: 1 }, { prompt_tokens: 7, completion_tokens: 2 })] });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const one = JSON.parse((await post(server.baseUrl, ask("hello there"))).text) as { choices: { message: { content: string } }[]; usage: unknown };
    expect(one.choices[0]?.message.content).toBe("first");
    expect(one.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    const two = JSON.parse((await post(server.baseUrl, ask("again"))).text) as { choices: { message: { content: string } }[]; usage: unknown };
    expect(JSON.parse(two.choices[0]?.message.content ?? "")).toEqual({ a: 1 });
    expect(two.usage).toEqual({ prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
    expect(server.completions().map((r) => r.messages[0]?.content)).toEqual(["hello there", "again"]);
  });

  it("returns scripted HTTP errors and malformed bodies", async () => {
    server = await startFakeOpenAiServer({ replies: [reply.error(500), reply.malformed("not json")] });
    const error = await post(server.baseUrl, ask("x"));
    expect(error.status).toBe(500);
    expect(JSON.parse(error.text)).toMatchObject({ error: { message: "scripted HTTP 500", type: "server_error" } });
    expect(await post(server.baseUrl, ask("x"))).toEqual({ status: 200, text: "not json" });
  });

  it("says when the script is exhausted, and refuses streaming and bad bodies", async () => {
    server = await startFakeOpenAiServer();
    const exhausted = await post(server.baseUrl, ask("x"));
    expect(exhausted.status).toBe(400);
    expect(exhausted.text).toContain("no scripted reply left for request 0");
    expect((await post(server.baseUrl, { ...ask("x"), stream: true })).text).toContain("streaming is not supported");
    expect((await post(server.baseUrl, "{not json")).status).toBe(400);
  });

  it("takes more replies with enqueue, or computes them from the request", async () => {
    server = await startFakeOpenAiServer();
    server.enqueue("late addition");
    expect((await post(server.baseUrl, ask("x"))).text).toContain("late addition");
    await server.close();
    server = await startFakeOpenAiServer({ replies: (r: RecordedRequest) => `echo: ${r.messages.at(-1)?.content ?? ""}` });
    expect((await post(server.baseUrl, ask("ping"))).text).toContain("echo: ping");
  });

  it("checks the API key when asked to", async () => {
    server = await startFakeOpenAiServer({ replies: ["ok"], requireApiKey: "k" });
    expect((await post(server.baseUrl, ask("x"))).status).toBe(401);
    expect((await post(server.baseUrl, ask("x"), { authorization: "Bearer k" })).status).toBe(200);
  });

  it("runs as a standalone process that prints its base URL and records requests", async () => {
    const dir = await mkdtemp(join(tmpdir(), "protoforge-fake-openai-"));
    const script: ScriptedReply[] = ["from the process"];
    await writeFile(join(dir, "script.json"), JSON.stringify(script));
    const child = spawn(process.execPath, ["--import", "tsx", "test/llm/support/fake-openai-server.ts", join(dir, "script.json"), "--record", join(dir, "requests.json")], {
      cwd: packageRoot(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the fake server process did not start within 20 s")), 20_000);
        createInterface({ input: child.stdout }).once("line", (l) => {
          clearTimeout(timer);
          resolve(l);
        });
        child.once("exit", (code) => reject(new Error(`the fake server process exited with ${code}`)));
      });
      const { baseUrl } = JSON.parse(line) as { baseUrl: string };
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect((await post(baseUrl, ask("hi"))).text).toContain("from the process");
      const recorded = JSON.parse(await readFile(join(dir, "requests.json"), "utf8")) as RecordedRequest[];
      expect(recorded.map((r) => r.messages[0]?.content)).toEqual(["hi"]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
