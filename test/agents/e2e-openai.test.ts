// End to end through a real HTTP server on 127.0.0.1 that speaks the OpenAI
// chat-completions API, driven through ChatOpenAI with --base-url: the
// architect's plain answer (a YAML block), the coder's and the reviewer's
// structured answers (one malformed, corrected on retry), then the real
// emitter and the sandboxed tester run the coder's behaviour test.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readHistory } from "../../src/run/history/read-history.js";
import { cli } from "../cli/run-cli.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../llm/support/fake-openai-server.js";
import { SENSOR_BEHAVIOUR_TEST as BEHAVIOUR_TEST, SENSOR_DESCRIPTION, approve, architectAnswer, sensorSpecYaml } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { tempDir } from "./support/run-helpers.js";


let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers by who is asking; the coder's first answer is not JSON, to exercise the structured retry. */
function answerFor(): (request: RecordedRequest) => ScriptedReply {
  let coderCalls = 0;
  return (request) => {
    const system = request.messages.find((m) => m.role === "system")?.content ?? "";
    if (system.startsWith("You are the architect")) return reply.text(architectAnswer(sensorSpecYaml()));
    if (system.startsWith("You are the coder")) {
      coderCalls++;
      if (coderCalls === 1) return reply.text("Sure! I will write a test for the reports.");
      return reply.json({ summary: "Added a behaviour test: reports are acknowledged with their seq (R1, R2).", files: [{ path: "tests/test_behaviour_reports.py", content: BEHAVIOUR_TEST }], specChange: null });
    }
    if (system.startsWith("You are the reviewer")) return reply.text(approve("R1 and R2 are met and tested."));
    return reply.error(400, "unexpected question");
  };
}

describe("protoforge generate with an OpenAI-compatible endpoint", () => {
  it(
    "designs, writes behaviour, tests and reviews through ChatOpenAI and --base-url",
    async () => {
      server = await startFakeOpenAiServer({ replies: answerFor() });
      const dir = join(await tempDir("pf-openai-"), "sensor");
      const run = await cli("generate", SENSOR_DESCRIPTION, "--lang", "python", "--transport", "tcp", "--out", dir, "--model", "openai:fake-model", "--base-url", server.baseUrl, "--json");
      expect(run.code, run.out + run.err).toBe(0);
      const result = JSON.parse(run.out) as { status: string; tokens: number; tests: { passed: number; failed: number } };
      expect(result.status).toBe("succeeded");
      expect(result.tokens).toBeGreaterThan(0);
      expect(result.tests.failed).toBe(0);
      // Progress came as JSON lines.
      expect(run.err.split("\n").filter((l) => l !== "").every((l) => (JSON.parse(l) as { type: string }).type === "progress")).toBe(true);

      const asked = server.completions();
      expect(asked.map((r) => r.model)).toEqual(["fake-model", "fake-model", "fake-model", "fake-model"]);
      expect(asked[0]?.messages.at(-1)?.content).toContain(SENSOR_DESCRIPTION);
      expect(asked[1]?.messages[0]?.content).toContain("## Answer format");
      expect(asked[2]?.messages.at(-1)?.content).toContain("Your previous answer could not be used");
      expect(asked[3]?.messages.at(-1)?.content).toContain("Review round 1 of the python implementation over tcp");

      const history = await readHistory(dir);
      expect(history.map((h) => h.agent)).toEqual(["architect", "coder", "tester", "reviewer"]);
      expect(history[0]?.summary).toBe("designed sensor-telemetry with the model");
      // The stable label: provider and model name; the endpoint is in run.json.
      expect(history.map((h) => h.model)).toEqual(["openai:fake-model", "openai:fake-model", "offline", "openai:fake-model"]);
      expect(history.filter((h) => h.agent !== "tester").every((h) => h.tokens > 0)).toBe(true);
      expect(await readFile(join(dir, "python/tests/test_behaviour_reports.py"), "utf8")).toBe(BEHAVIOUR_TEST);
      const rounds = JSON.parse(await readFile(join(dir, ".protoforge/rounds/1.json"), "utf8")) as { languages: { cases: { name: string; status: string }[] }[] };
      expect(rounds.languages[0]?.cases).toContainEqual(expect.objectContaining({ name: "test_report_is_acknowledged_with_its_seq", status: "passed" }));
      const runFile = JSON.parse(await readFile(join(dir, ".protoforge/run.json"), "utf8")) as { model: { spec: string; baseUrl: string } };
      expect(runFile.model).toMatchObject({ spec: "openai:fake-model", baseUrl: server.baseUrl });
    },
    E2E_TIMEOUT_MS,
  );
});
