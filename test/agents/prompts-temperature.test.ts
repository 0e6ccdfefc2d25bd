// --prompts DIR and --temperature T: the run asks with that prompt set and
// temperature, records them (run.json, the Prompt-Set: and Temperature:
// trailers, report.json), and resume asks with them again. The Model:
// trailer is the stable label (provider and model name), the endpoint is in
// run.json. Driven through a real HTTP server speaking the OpenAI API.
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resumeRun } from "../../agents/graph/resume-run.js";
import type { RunOverrides } from "../../agents/graph/run-deps.js";
import { startRun } from "../../agents/graph/start-run.js";
import { loadPromptSet } from "../../src/llm/prompt-set.js";
import { DEFAULT_BUDGETS } from "../../src/run/budget.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { silentRunLog } from "../../src/run/progress-log.js";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { cli } from "../cli/run-cli.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../llm/support/fake-openai-server.js";
import { SENSOR_DESCRIPTION, approve, architectAnswer, behaviourTest, coderAnswer, handlers } from "./support/answers.js";
import { fakeEmitterRegistry } from "./support/fake-emitter.js";
import { fakeProver } from "./support/fake-prover.js";
import { fakeTester } from "./support/fake-tester.js";
import { SENSOR_REQUEST, tempDir } from "./support/run-helpers.js";

const MARK = "(This is the prompt set under test.)";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A copy of prompts/ with a line added to every prompt. */
async function otherPrompts(): Promise<string> {
  const dir = join(await tempDir("pf-prompts-"), "prompts");
  await cp(join(process.cwd(), "prompts"), dir, { recursive: true });
  for (const name of await readdir(dir)) if (name.endsWith(".md")) await writeFile(join(dir, name), `${await readFile(join(dir, name), "utf8")}\n${MARK}\n`);
  return dir;
}

const systemOf = (r: RecordedRequest) => r.messages.find((m) => m.role === "system")?.content ?? "";
const textOf = (r: RecordedRequest) => r.messages.map((m) => m.content).join("\n");

function answers(coder: () => ScriptedReply): (r: RecordedRequest) => ScriptedReply {
  return (r) => {
    const system = systemOf(r);
    if (system.startsWith("You are the architect")) return reply.text(architectAnswer());
    if (system.startsWith("You are the coder")) return coder();
    if (system.startsWith("You are the reviewer")) return reply.text(approve());
    return reply.error(400, "unexpected question");
  };
}

describe("--prompts and --temperature", () => {
  it("ask with them and record them in run.json, the trailers and report.json; Model: has no endpoint", async () => {
    const prompts = await otherPrompts();
    // The coder answers at length: the small token budget stops the run before the tests.
    server = await startFakeOpenAiServer({ replies: answers(() => reply.text("Let me think about this. ".repeat(3000))) });
    const dir = join(await tempDir("pf-prompts-"), "sensor");
    const run = await cli("generate", SENSOR_DESCRIPTION, "--out", dir, "--model", "openai:fake-model", "--base-url", server.baseUrl, "--prompts", prompts, "--temperature", "0.3", "--max-tokens", "30000", "--json");
    expect(run.code, run.err).toBe(4);

    const asked = server.completions();
    expect(asked.length).toBeGreaterThan(1);
    for (const r of asked) {
      expect(r.body["temperature"]).toBe(0.3);
      expect(textOf(r)).toContain(MARK);
    }
    const hash = (await loadPromptSet(prompts)).hash;
    expect(hash).not.toBe((await loadPromptSet()).hash);
    const history = await readHistory(dir);
    expect(history.map((h) => [h.agent, h.model, h.promptSet, h.temperature])).toEqual([
      ["architect", "openai:fake-model", hash.slice(0, 12), 0.3],
      ["coder", "openai:fake-model", hash.slice(0, 12), 0.3],
    ]);
    const message = (await import("simple-git")).simpleGit(dir).raw(["log", "-1", "--format=%B", "HEAD~1"]);
    expect(await message).toMatch(/\nModel: openai:fake-model\nPrompt-Set: [0-9a-f]{12}\nTemperature: 0\.3\nTests: not run\n/);
    const runFile = JSON.parse(await readFile(join(dir, ".protoforge/run.json"), "utf8")) as { model: unknown; prompts: string };
    expect(runFile.model).toEqual({ spec: "openai:fake-model", baseUrl: server.baseUrl, label: "openai:fake-model", temperature: 0.3 });
    expect(runFile.prompts).toBe(prompts);
    expect(await readFinalReport(dir)).toMatchObject({ model: "openai:fake-model", promptSet: hash, temperature: 0.3 });
  });

  it("are used again by resume", async () => {
    const prompts = await otherPrompts();
    server = await startFakeOpenAiServer({ replies: answers(() => reply.text(coderAnswer("ok", [handlers(), behaviourTest(1)]))) });
    const dir = join(await tempDir("pf-prompts-"), "sensor");
    const overrides: RunOverrides = { emitters: fakeEmitterRegistry(), testRunner: fakeTester().run, behaviourProver: fakeProver().prove, log: silentRunLog(), env: {} };
    const killed = startRun({
      dir,
      request: SENSOR_REQUEST,
      budgets: DEFAULT_BUDGETS,
      model: { spec: "openai:fake-model", baseUrl: server.baseUrl, temperature: 1.5 },
      prompts,
      overrides: {
        ...overrides,
        afterCommit: () => {
          throw new Error("killed after the architect's commit");
        },
      },
    });
    await expect(killed).rejects.toThrow("killed");
    const before = server.completions().length;
    const result = await resumeRun({ dir, overrides });
    expect(result.status).toBe("succeeded");
    const resumed = server.completions().slice(before);
    expect(resumed.map((r) => systemOf(r).slice(0, 17))).toEqual(["You are the coder", "You are the revie"]);
    for (const r of resumed) {
      expect(r.body["temperature"]).toBe(1.5);
      expect(textOf(r)).toContain(MARK);
    }
    expect((await readHistory(dir)).filter((h) => h.agent !== "tester").every((h) => h.temperature === 1.5)).toBe(true);
  });

  it("are checked: a temperature out of range and a prompt folder that does not exist cannot run (exit 2)", async () => {
    const dir = await tempDir();
    const hot = await cli("generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--temperature", "2.5");
    expect([hot.code, hot.err]).toEqual([2, expect.stringMatching(/expected a number from 0 to 2/)]);
    const none = await cli("generate", SENSOR_DESCRIPTION, "--out", join(dir, "a"), "--prompts", join(dir, "nothing"));
    expect([none.code, none.err]).toEqual([2, expect.stringMatching(/prompts-not-found/)]);
  });
});
