// Record and replay end to end: `protoforge generate --record` against a real
// HTTP server speaking the OpenAI API (the architect's YAML, the coder's
// structured answer with one correction, the reviewer's approval), then the
// same generate with `--replay` and the server stopped. The two reports agree
// on everything but the wall clock, and the replay sent no HTTP request, not
// even to a live endpoint the environment names.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resumeRun } from "../../agents/graph/resume-run.js";
import type { RunOverrides } from "../../agents/graph/run-deps.js";
import { startRun } from "../../agents/graph/start-run.js";
import { DEFAULT_BUDGETS } from "../../src/run/budget.js";
import { silentRunLog } from "../../src/run/progress-log.js";
import { ScriptedChatModel } from "../llm/support/scripted-chat-model.js";
import { fakeEmitterRegistry } from "./support/fake-emitter.js";
import { fakeProver } from "./support/fake-prover.js";
import { fakeTester } from "./support/fake-tester.js";
import { readCassette } from "../../src/llm/cassette-file.js";
import { readHistory } from "../../src/run/history/read-history.js";
import type { FinalReport } from "../../src/run/report/report-types.js";
import { readFinalReport } from "../../src/run/report/write-report.js";
import { cli } from "../cli/run-cli.js";
import { reply, startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest, type ScriptedReply } from "../llm/support/fake-openai-server.js";
import { SENSOR_BEHAVIOUR_TEST as BEHAVIOUR_TEST, SENSOR_DESCRIPTION, approve, architectAnswer, behaviourTest, coderAnswer, handlers } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { SENSOR_REQUEST, steps, tempDir } from "./support/run-helpers.js";


const servers: FakeOpenAiServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Answers by who is asking; the coder's first answer is not JSON (a structured retry). */
function answerFor(): (request: RecordedRequest) => ScriptedReply {
  let coderCalls = 0;
  return (request) => {
    const system = request.messages.find((m) => m.role === "system")?.content ?? "";
    if (system.startsWith("You are the architect")) return reply.text(architectAnswer());
    if (system.startsWith("You are the coder")) {
      coderCalls++;
      if (coderCalls === 1) return reply.text("Sure! I will write a test for the reports.");
      return reply.text(coderAnswer("Added a behaviour test: reports are acknowledged with their seq (R1, R2).", [{ path: "tests/test_behaviour_reports.py", content: BEHAVIOUR_TEST }]));
    }
    if (system.startsWith("You are the reviewer")) return reply.text(approve("R1 and R2 are met and tested."));
    return reply.error(400, "unexpected question");
  };
}

/** What two runs of the same exchanges must agree on: all of the report but the wall clock. */
function comparable(report: FinalReport | undefined): unknown {
  if (report === undefined) throw new Error("no report.json");
  const { durationMs: _d, budgets, ...rest } = report;
  return { ...rest, budgets: { rounds: budgets.rounds, tokens: budgets.tokens } };
}

describe("protoforge generate --record, then --replay", () => {
  it(
    "replays a recorded run with the endpoint gone: the same statuses, rounds, tokens and findings, no HTTP request",
    async () => {
      const server = await startFakeOpenAiServer({ replies: answerFor() });
      servers.push(server);
      const root = await tempDir("pf-cassette-");
      const cassette = join(root, "cassette");
      const recordDir = join(root, "recorded");
      const recorded = await cli("generate", SENSOR_DESCRIPTION, "--out", recordDir, "--model", "openai:fake-model", "--base-url", server.baseUrl, "--record", cassette, "--json");
      expect(recorded.code, recorded.out + recorded.err).toBe(0);
      const asked = server.completions().length;
      expect(asked).toBe(4);
      const tape = await readCassette(cassette);
      expect(tape.header).toMatchObject({ label: "openai:fake-model", spec: "openai:fake-model" });
      expect(tape.exchanges.map((e) => `${e.agent}:${e.round}:${e.attempt}`)).toEqual(["architect:1:1", "coder:1:1", "coder:1:2", "reviewer:1:1"]);
      expect(JSON.stringify(tape)).not.toContain(String(server.port));
      await server.close();
      servers.splice(servers.indexOf(server), 1);

      // A live endpoint named by the environment: a replay must not ask it either.
      const tripwire = await startFakeOpenAiServer({ replies: [] });
      servers.push(tripwire);
      vi.stubEnv("PROTOFORGE_MODEL", "openai:fake-model");
      vi.stubEnv("PROTOFORGE_BASE_URL", tripwire.baseUrl);
      const fetches = vi.spyOn(globalThis, "fetch");
      const replayDir = join(root, "replayed");
      const replayed = await cli("generate", SENSOR_DESCRIPTION, "--out", replayDir, "--replay", cassette, "--json");
      expect(replayed.code, replayed.out + replayed.err).toBe(0);
      expect(tripwire.requests).toHaveLength(0);
      expect(fetches.mock.calls.filter(([url]) => String(url instanceof Request ? url.url : url).includes("/chat/completions"))).toHaveLength(0);

      const [first, second] = [await readFinalReport(recordDir), await readFinalReport(replayDir)];
      expect(first?.status).toBe("succeeded");
      expect(first?.tokens.length).toBeGreaterThan(0);
      expect(comparable(second)).toEqual(comparable(first));
      const summary = (out: string) => {
        const { status, rounds, tokens, findings } = JSON.parse(out) as Record<string, unknown>;
        return { status, rounds, tokens, findings };
      };
      expect(summary(replayed.out)).toEqual(summary(recorded.out));
      expect((await readHistory(replayDir)).map((h) => [h.agent, h.model, h.tokens])).toEqual((await readHistory(recordDir)).map((h) => [h.agent, h.model, h.tokens]));
      // resume keeps replaying: run.json names the cassette.
      const runFile = JSON.parse(await readFile(join(replayDir, ".protoforge/run.json"), "utf8")) as { model: Record<string, unknown> };
      expect(runFile.model).toEqual({ spec: "openai:fake-model", label: "openai:fake-model", cassette: { mode: "replay", dir: cassette } });

      // Another description: the architect's first question is not in the cassette, and the run stops saying why.
      const missed = await cli("generate", `${SENSOR_DESCRIPTION}, and a heartbeat`, "--out", join(root, "missed"), "--replay", cassette);
      expect(missed.code).toBe(2);
      expect(missed.err).toMatch(
        /^error \[cassette-miss\]: replay of .*: no recorded answer for architect \(round 1, attempt 1\); the architect's prompt differs from the one recorded for round 1, attempt 1: message 2 \(human\) differs at character \d+ \(line \d+\)/m,
      );
    },
    E2E_TIMEOUT_MS,
  );

  it("refuses a model flag with --replay, and --record with --replay", async () => {
    const root = await tempDir("pf-cassette-flags-");
    const model = await cli("generate", SENSOR_DESCRIPTION, "--out", join(root, "a"), "--replay", root, "--model", "openai:x");
    expect(model.code).toBe(2);
    expect(model.err).toBe("error: --replay answers with the recorded model; drop --model\n");
    const both = await cli("generate", SENSOR_DESCRIPTION, "--out", join(root, "a"), "--replay", root, "--record", root);
    expect(both.code).toBe(2);
    expect(both.err).toBe("error: give --record DIR or --replay DIR, not both\n");
  });
});

describe("resume keeps the cassette", () => {
  class Crash extends Error {}
  const overrides = (model: ScriptedChatModel | undefined, crash?: RunOverrides["afterCommit"]): RunOverrides => ({
    emitters: fakeEmitterRegistry(),
    testRunner: fakeTester().run,
    behaviourProver: fakeProver().prove,
    ...(model === undefined ? {} : { model: { model, label: "openai:scripted" } }),
    log: silentRunLog(),
    env: {},
    ...(crash === undefined ? {} : { afterCommit: crash }),
  });
  const crashAfterRound2Coder = () => {
    let done = false;
    return (step: { round: number; agent: string }) => {
      if (!done && step.round === 2 && step.agent === "coder") {
        done = true;
        throw new Crash("killed after the commit of the round-2 coder");
      }
    };
  };

  it("goes on recording after a crash, and a replay crashed at the same point resumes from the cassette", async () => {
    const root = await tempDir("pf-cassette-resume-");
    const cassette = join(root, "cassette");
    const usage = { input: 10, output: 5 };
    const model = new ScriptedChatModel([
      { content: architectAnswer(), usage },
      { content: coderAnswer("v1", [handlers("test_a"), behaviourTest(1)]), usage },
      { content: coderAnswer("v2", [handlers(), behaviourTest(1)]), usage },
      { content: approve(), usage },
    ]);
    const recordDir = join(root, "recorded");
    const record = { spec: "openai:scripted", cassette: { mode: "record" as const, dir: cassette } };
    await expect(startRun({ dir: recordDir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: record, overrides: overrides(model, crashAfterRound2Coder()) })).rejects.toThrow(Crash);
    expect((await readCassette(cassette)).exchanges).toHaveLength(3);
    const recorded = await resumeRun({ dir: recordDir, overrides: overrides(model) });
    expect(recorded.status).toBe("succeeded");
    expect(model.remaining()).toBe(0);
    const tape = await readCassette(cassette);
    expect(tape.exchanges.map((e) => `${e.round} ${e.agent}`)).toEqual(["1 architect", "1 coder", "2 coder", "2 reviewer"]);

    const replayDir = join(root, "replayed");
    const replay = { cassette: { mode: "replay" as const, dir: cassette } };
    await expect(startRun({ dir: replayDir, request: SENSOR_REQUEST, budgets: DEFAULT_BUDGETS, model: replay, overrides: overrides(undefined, crashAfterRound2Coder()) })).rejects.toThrow(Crash);
    const replayed = await resumeRun({ dir: replayDir, overrides: overrides(undefined) });
    expect(replayed.status).toBe("succeeded");
    expect(steps(await readHistory(replayDir))).toEqual(steps(await readHistory(recordDir)));
    expect(replayed.state.usage).toEqual(recorded.state.usage);
    // The replay recorded nothing: the cassette is as the recording left it.
    expect(await readCassette(cassette)).toEqual(tape);
  });
});
