// --max-tokens is never exceeded: each call's answer is capped with the
// request's max_tokens so that prompt + answer fit in what is left, and a
// call that cannot fit is not made. Driven through the CLI and a real HTTP
// server speaking the OpenAI API whose answers would otherwise be long.
import { afterEach, describe, expect, it } from "vitest";
import { readHistory } from "../../src/run/history/read-history.js";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { cli } from "../cli/run-cli.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../llm/support/fake-openai-server.js";
import { SENSOR_DESCRIPTION, architectAnswer } from "./support/answers.js";
import { tempDir } from "./support/run-helpers.js";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** 15 000 tokens of prose at the server's 4 characters a token. */
const LONG = `${"This needs a longer explanation. ".repeat(1818)}\n`;

function longAnswers(request: RecordedRequest): ScriptedReply {
  const system = request.messages.find((m) => m.role === "system")?.content ?? "";
  if (system.startsWith("You are the architect")) return reply.text(`${architectAnswer()}\nSome notes on the design:\n\n${LONG}`);
  return reply.text(LONG);
}

describe("--max-tokens with a model that answers long", () => {
  it("keeps the recorded usage within 40000 and stops as budget-exhausted with the reason", async () => {
    server = await startFakeOpenAiServer({ replies: longAnswers });
    const dir = `${await tempDir("pf-tokens-")}/sensor`;
    const run = await cli("generate", SENSOR_DESCRIPTION, "--out", dir, "--model", "openai:fake-model", "--base-url", server.baseUrl, "--max-tokens", "40000", "--json");
    expect(run.code, run.err).toBe(4);
    const result = JSON.parse(run.out) as { status: string; reason: string; tokens: number };
    expect(result.status).toBe("budget-exhausted");
    expect(result.reason).toMatch(/^token budget exhausted: \d+ of 40000 tokens used before \w+ could ask/);
    expect(result.tokens).toBeLessThanOrEqual(40_000);
    expect(result.tokens).toBeGreaterThan(20_000);

    // Every request was capped, and the server's own counts agree.
    const asked = server.completions();
    expect(asked.length).toBeGreaterThan(0);
    for (const r of asked) expect(r.body["max_tokens"]).toEqual(expect.any(Number));
    const history = await readHistory(dir);
    expect(history.reduce((n, h) => n + h.tokens, 0)).toBe(result.tokens);
    expect((await readFinalReport(dir))?.status).toBe("budget-exhausted");
  });
});
