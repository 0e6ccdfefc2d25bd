// The shipped smoke suite replayed from its cassettes: the whole workflow
// runs again with no model and no endpoint (a tripwire server on the
// suite's address gets no request), the prompt set without the test rule and
// the sloppy model are each found worse than the scripted variant with the
// regression named, and results.json is byte for byte the one committed next
// to the cassettes (from an earlier replay).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../agents/support/run-helpers.js";
import { cli } from "../cli/run-cli.js";
import { smokeChatYaml } from "../support/chat-without-behaviour.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../llm/support/fake-openai-server.js";

let tripwire: FakeOpenAiServer | undefined;
afterEach(async () => {
  await tripwire?.close();
  tripwire = undefined;
});

describe("protoforge eval --replay of the smoke suite", () => {
  it("runs chat on examples/chat.yaml without its behaviour section, as record.ts writes it", async () => {
    expect(await readFile("evals/suites/smoke/chat.yaml", "utf8")).toBe(smokeChatYaml());
  });


  it(
    "reruns every case with no model and gives the committed results.json byte for byte",
    async () => {
      tripwire = await startFakeOpenAiServer({ replies: [], port: 8089 });
      const out = join(await tempDir("pf-eval-replay-"), "out");
      const run = await cli("eval", "evals/suites/smoke.yaml", "--out", out, "--replay", "evals/suites/smoke/cassettes", "--variants", "scripted,without-test-rule,sloppy", "--concurrency", "2", "--quiet");
      expect(run.code, run.err).toBe(1);
      expect(tripwire.completions()).toEqual([]);
      const results = await readFile(join(out, "results.json"), "utf8");
      const parsed = JSON.parse(results) as { candidates: { candidate: string; regressions: string[]; gateFailure?: string }[] };
      expect(parsed.candidates.map((c) => [c.candidate, c.regressions])).toEqual([
        ["without-test-rule", ["chat#1"]],
        ["sloppy", ["chat#1"]],
      ]);
      expect(results).toBe(await readFile("evals/suites/smoke/replayed-results.json", "utf8"));
    },
    400_000,
  );
});
