// Offline end to end, everything real: `protoforge generate` on the seed
// document's sensor description, Python over TCP, with the real emitter and
// the sandboxed tester; git log in DIR shows the steps with their trailers.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/run/history/read-history.js";
import { cli } from "../cli/run-cli.js";
import { SENSOR_DESCRIPTION } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { tempDir } from "./support/run-helpers.js";

describe("protoforge generate, offline, end to end", () => {
  it(
    "succeeds on the sensor description (python, tcp) and commits every step with trailers",
    async () => {
      const dir = join(await tempDir("pf-e2e-"), "sensor");
      const run = await cli("generate", SENSOR_DESCRIPTION, "--lang", "python", "--transport", "tcp", "--out", dir, "--model", "offline", "--max-rounds", "3", "--max-tokens", "5000", "--timeout", "15m");
      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toMatch(/^python .* PASS$/m);
      expect(run.out).toContain("status: succeeded — every test passes, the reviewer approved, and every requirement is shown to hold");
      // The demo server went through every conformance case of the spec, in the sandbox.
      expect(run.out).toMatch(/^python server\s+tcp\s+(\d+)\/\1\s+\d+\.\d s\s+PASS$/m);
      expect(run.out).toMatch(/^python client\s+tcp\s+(\d+)\/\1\s+\d+\.\d s\s+PASS$/m);
      expect(run.err).toContain("[round 1] tester: ran python");
      expect(run.err).toMatch(/\[round 1\] reviewer: approved: 2 of 2 requirements shown to hold \(\d+\/\d+ passing\)/);

      const log = await simpleGit(dir).raw(["log", "--reverse", "--format=%s%n%(trailers:only)"]);
      expect(log).toMatch(/^\[round 1\] architect: designed sensor-telemetry offline/);
      for (const agent of ["architect", "coder", "tester", "reviewer"]) expect(log).toContain(`Agent: ${agent}\nRound: 1\nModel: offline\nPrompt-Set: `);
      expect(log).toMatch(/\[round 1\] tester: ran python (\d+)\/\1 passing, python server conformance (\d+)\/\2, python client conformance (\d+)\/\3\nAgent: tester\nRound: 1\nModel: offline\nPrompt-Set: [0-9a-f]{12}\nTests: \d+ passed, 0 failed\nTokens: 0/);
      const history = await readHistory(dir);
      expect(history.map((h) => h.agent)).toEqual(["architect", "coder", "tester", "reviewer"]);

      const report = await readFile(join(dir, "REPORT.md"), "utf8");
      expect(report).toContain("| Status | **succeeded**");
      expect(report).toContain("| Requirements shown to hold | 2 of 2 |");
      expect(report).toMatch(/\| Conformance \(last round\) \| python server (\d+)\/\1, python client (\d+)\/\2 \|/);
      expect(await simpleGit(dir).raw(["status", "--porcelain", "--untracked-files=no"])).toBe("");

      const runFile = JSON.parse(await readFile(join(dir, ".protoforge/run.json"), "utf8")) as { budgets: unknown; model: unknown };
      expect(runFile.budgets).toEqual({ maxRounds: 3, maxTokens: 5000, timeoutMs: 900_000 });
      expect(runFile.model).toEqual({ spec: "offline", label: "offline" });
      expect(await readFile(join(dir, ".protoforge/run.log"), "utf8")).toContain('"message":"run ended"');

      const historyCommand = await cli("history", dir);
      expect(historyCommand.out).toContain("4 steps in 1 round, 0 tokens");
    },
    E2E_TIMEOUT_MS,
  );
});
