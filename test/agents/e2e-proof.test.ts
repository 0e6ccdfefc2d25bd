// The third case end to end, through a real HTTP server on 127.0.0.1
// that speaks the OpenAI chat-completions API, the real emitter, the
// sandboxed tester and the real behaviour proof: the coder writes chat's
// moderation rule (R7) and weakens its test without changing its counts (an
// early return before the assertions, a value compared with itself); the
// reviewer model approves. The rules do not: the run does not succeed, and
// the report names each weakening.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../llm/support/fake-openai-server.js";
import { chatWithoutBehaviourYaml } from "../support/chat-without-behaviour.js";
import { chatDefaultHandlers, MODERATION_TEST_PATH, moderationHandlers, WEAKENED_MODERATION_TEST } from "../support/chat-moderation.js";
import { approve } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { tempDir } from "./support/run-helpers.js";

const defaultHandlers = chatDefaultHandlers("python");

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function answerFor(): (request: RecordedRequest) => ScriptedReply {
  return (request) => {
    const system = request.messages.find((m) => m.role === "system")?.content ?? "";
    if (system.startsWith("You are the coder")) {
      return reply.json({
        summary: "R7: the first member moderates; only the moderator may kick. Tested.",
        files: [
          { path: "src/chat/handlers.py", content: moderationHandlers(defaultHandlers) },
          { path: MODERATION_TEST_PATH, content: WEAKENED_MODERATION_TEST },
        ],
        specChange: null,
      });
    }
    if (system.startsWith("You are the reviewer")) return reply.text(approve("R7 is met and tested."));
    return reply.error(400, "unexpected question");
  };
}

interface Report {
  status: string;
  findings: { code: string; severity: string; requirementId?: string; location?: { file: string; line?: number } }[];
  trace: { requirementId: string; status: string }[];
  behaviourProof: { language: string; status: string; cases: { name: string; failedWhenReverted: boolean }[]; mutation: { run: number; killed: number } }[];
}

describe("a weakened behaviour test, end to end", () => {
  it(
    "is caught by the test smells and the behaviour proof though the reviewer model approves",
    async () => {
      server = await startFakeOpenAiServer({ replies: answerFor() });
      const root = await tempDir("pf-proof-");
      const dir = join(root, "chat");
      // Chat without its behaviour section: the default handlers leave R7 to the coder.
      const specFile = join(root, "chat.yaml");
      await writeFile(specFile, chatWithoutBehaviourYaml());
      const run = await cli("generate", "--spec", specFile, "--lang", "python", "--transport", "tcp", "--out", dir, "--model", "openai:fake-model", "--base-url", server.baseUrl, "--max-rounds", "1", "--json");
      const report = JSON.parse(await readFile(join(dir, ".protoforge/report.json"), "utf8")) as Report;
      expect(report.status).not.toBe("succeeded");
      expect(run.code, run.out + run.err).not.toBe(0);
      const test = `python/${MODERATION_TEST_PATH}`;
      const at = (code: string) => report.findings.filter((f) => f.code === code).map((f) => `${f.severity} ${f.location?.file}:${f.location?.line ?? ""}`);
      expect(at("assertion-unreachable")).toEqual([`error ${test}:23`]);
      expect(at("assertion-tautological")).toEqual([`error ${test}:40`]);
      expect(at("behaviour-test-vacuous")).toEqual([`warning ${test}:`, `warning ${test}:`]);
      expect(report.findings.some((f) => f.code === "requirement-unproven" && f.requirementId === "R7")).toBe(true);
      expect(report.trace.find((t) => t.requirementId === "R7")?.status).toBe("open");
      const [proof] = report.behaviourProof;
      expect(proof?.status).toBe("proven");
      expect(proof?.cases.map((c) => c.failedWhenReverted)).toEqual([false, false]);
      expect(proof?.mutation.run).toBeGreaterThan(0);
      process.stdout.write(`weakened R7 test end to end: ${proof?.mutation.killed} of ${proof?.mutation.run} mutants killed; findings ${[...new Set(report.findings.filter((f) => f.severity === "error").map((f) => f.code))].join(", ")}\n`);
      expect(await readFile(join(dir, "REPORT.md"), "utf8")).toContain("passes with the default handlers");
    },
    E2E_TIMEOUT_MS,
  );
});
