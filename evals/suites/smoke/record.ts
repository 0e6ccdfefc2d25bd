// Records the smoke suite's cassettes (evals/suites/smoke/cassettes): every
// run of evals/suites/smoke.yaml against protoforge's own scripted
// OpenAI-compatible server on 127.0.0.1:8089 — no real model is asked. The
// server answers by the model the run asks for:
//   scripted: the architect designs the sensor protocol; the coder writes a
//             behaviour test that holds (sensor) or the chat moderation rule
//             with its behaviour test (chat, R7); the reviewer approves;
//   sloppy:   the same architect, then prose where code and reviews belong;
// and by the prompt it is given: a coder prompt without the rule "every
// requirement you implement gets at least one test" (the variant
// `without-test-rule`, a prompt set of its own) gets the moderation rule
// without its test, as a model told less would write it.
// Run with `npm run eval:record-smoke`; commit the cassettes it writes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runEval } from "../../../src/cli/eval/run-eval.js";
import { parseSuite, selectVariants } from "../../../src/eval/suite.js";
import { silentProgress } from "../../../src/run/progress.js";
import { readFile, writeFile } from "node:fs/promises";
import { architectAnswer, SENSOR_BEHAVIOUR_TEST, sensorSpecYaml } from "../../../test/agents/support/answers.js";
import { smokeChatYaml } from "../../../test/support/chat-without-behaviour.js";
import { chatDefaultHandlers, MODERATION_TEST, MODERATION_TEST_PATH, moderationHandlers } from "../../../test/support/chat-moderation.js";
import { reply, startFakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../../../test/llm/support/fake-openai-server.js";

export const SMOKE_SUITE = resolve("evals/suites/smoke.yaml");
export const SMOKE_CASSETTES = resolve("evals/suites/smoke/cassettes");
/** The chat case's spec: examples/chat.yaml without its behaviour section, so that R7 is the coder's. */
export const SMOKE_CHAT_SPEC = resolve("evals/suites/smoke/chat.yaml");
const PORT = 8089;


function answer(request: RecordedRequest): ScriptedReply {
  const system = request.messages.find((m) => m.role === "system")?.content ?? "";
  const asked = request.messages.at(-1)?.content ?? "";
  if (system.startsWith("You are the architect")) return reply.text(architectAnswer(sensorSpecYaml()));
  const sloppy = request.model === "sloppy";
  if (system.startsWith("You are the coder")) {
    if (sloppy) return reply.text("Sure! I will look at the handlers and write the tests later.");
    const toldToTest = system.includes("gets at least one test");
    if (asked.includes("sensor_telemetry")) {
      return reply.json({ summary: "A behaviour test: reports are acknowledged with their seq (R1, R2).", files: [{ path: "tests/test_behaviour_reports.py", content: SENSOR_BEHAVIOUR_TEST }], specChange: null });
    }
    return reply.json({
      summary: "Moderation (R7): the first member of a room is its moderator; only the moderator may kick.",
      files: [
        { path: "src/chat/handlers.py", content: moderationHandlers(chatDefaultHandlers("python")) },
        ...(toldToTest ? [{ path: MODERATION_TEST_PATH, content: MODERATION_TEST }] : []),
      ],
      specChange: null,
    });
  }
  if (system.startsWith("You are the reviewer")) {
    if (sloppy) return reply.text("Looks fine to me.");
    return reply.text(JSON.stringify({ verdict: "approve", summary: "The requirements the tests show are met.", trace: [], findings: [] }));
  }
  return reply.error(400, "the smoke server was asked something it has no answer for");
}

async function main(): Promise<void> {
  await writeFile(SMOKE_CHAT_SPEC, smokeChatYaml());
  const suite = parseSuite(await readFile(SMOKE_SUITE, "utf8"), SMOKE_SUITE);
  const server = await startFakeOpenAiServer({ replies: answer, port: PORT });
  const out = await mkdtemp(join(tmpdir(), "pf-smoke-record-"));
  try {
    await rm(SMOKE_CASSETTES, { recursive: true, force: true });
    const runs = await runEval({
      suite,
      suiteFile: SMOKE_SUITE,
      variants: selectVariants(suite, undefined, SMOKE_SUITE),
      repeat: 1,
      // One at a time: the recording is the reference the replays are compared with.
      concurrency: 1,
      out,
      cassettes: { mode: "record", dir: SMOKE_CASSETTES },
      overrides: () => ({ progress: silentProgress }),
      onRun: (r, done, total) => process.stderr.write(`[${done}/${total}] ${r.case} ${r.variant}: ${r.status}${r.passed ? "" : ` (${r.failures.join("; ")})`}\n`),
    });
    process.stderr.write(`recorded ${runs.length} runs, ${server.completions().length} model exchanges, into ${SMOKE_CASSETTES}\n`);
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
  }
}

await main();
