import { configDefaults, defineConfig } from "vitest/config";
import SummaryReporter from "./test/summary-reporter.js";

// Two lanes. `unit` is pure code: it starts no process (no python, node, tsc,
// git, bwrap, no sandbox, no generated project built) and runs in well under
// 90 s on 2 cores; `npm run test:unit` while working. A test file is `unit`
// unless it is named here: add it here when it starts a process (the unit
// lane's guard, test/unit-lane-guard.ts, fails any test that does), builds or
// runs generated code, or talks to a process it spawned. test/lanes.test.ts
// checks every test file lands in exactly one lane.
export const TOOLCHAIN_FILES = [
  // Whole runs: the workflow with the real sandboxed tester, kill and resume.
  "test/integration/examples-in-sandbox.test.ts",
  "test/agents/e2e-offline-matrix.test.ts",
  "test/eval/eval-cli.test.ts",
  // Replays the smoke suite's cassettes through the whole workflow.
  "test/eval/eval-replay.test.ts",
  // Opens report.html in headless chromium.
  "test/eval/eval-html.test.ts",
  "test/agents/e2e-offline.test.ts",
  "test/agents/e2e-openai.test.ts",
  // Record a run against the fake OpenAI server, replay it with the server stopped.
  "test/agents/cassette-generate.test.ts",
  "test/agents/e2e-proof.test.ts",
  "test/agents/resume-kill.test.ts",
  "test/batch/batch-kill-resume.test.ts",
  // The workflow in-process: every step is a git commit in the run folder.
  "test/agents/cli-generate.test.ts",
  "test/agents/prompts-temperature.test.ts",
  "test/agents/resume.test.ts",
  "test/agents/token-budget.test.ts",
  "test/agents/verdict-honest.test.ts",
  "test/agents/workflow-integrity.test.ts",
  "test/agents/workflow-interop.test.ts",
  "test/agents/workflow-model-paths.test.ts",
  "test/agents/workflow-repair.test.ts",
  "test/agents/workflow-stops.test.ts",
  // tshark captures loopback traffic and decodes it with the generated dissector.
  "test/dissector/dissector-capture.test.ts",
  // git.
  "test/history/git-attacks.test.ts",
  "test/history/history-command.test.ts",
  "test/history/read-history.test.ts",
  "test/history/run-repository.test.ts",
  "test/history/safe-git.test.ts",
  // The built bin, the sandbox probe, javac.
  "test/cli/cli.test.ts",
  "test/cli/doctor.test.ts",
  "test/cli/log-level.test.ts",
  "test/emit/toolchains.test.ts",
  // Generated chat clients and servers run in python3 and node.
  "test/client-state/encode-error.test.ts",
  "test/flow-control/slow-reader.test.ts",
  // python3 or node run on what is generated or parsed (a cross-check inside an otherwise pure test).
  "test/emit/reserved.test.ts",
  "test/python-layer/pattern.test.ts",
  "test/tester/node-junit.test.ts",
  // Generated projects built and tested with python, tsc and node.
  "test/java-layer/integration.test.ts",
  "test/cpp-layer/integration.test.ts",
  "test/cpp-fuzz/fuzz.test.ts",
  "test/cpp-transport/core-runtime.test.ts",
  "test/cpp-transport-udp/udp-runtime.test.ts",
  "test/cpp-transport-udp/udp-conformance.test.ts",
  "test/java-transport/tcp-conformance.test.ts",
  "test/cpp-transport/tcp-conformance.test.ts",
  "test/cpp-transport-http/http-runtime.test.ts",
  "test/cpp-transport-http/http-loopback.test.ts",
  "test/cpp-transport-http/http-conformance.test.ts",
  "test/java-transport-http/http-conformance.test.ts",
  "test/java-transport-udp/udp-conformance.test.ts",
  "test/javascript-layer/integration.test.ts",
  "test/javascript-transport/integration.test.ts",
  "test/javascript-transport-runtime/typecheck.test.ts",
  "test/python-layer/integration.test.ts",
  "test/python-transport/integration.test.ts",
  // The sandbox itself.
  "test/sandbox/behaviour-proof.test.ts",
  "test/sandbox/cpp-behaviour-proof.test.ts",
  "test/sandbox/bubblewrap.test.ts",
  "test/sandbox/conformance-in-sandbox.test.ts",
  "test/sandbox/cpp-cmake.test.ts",
  "test/sandbox/interop.test.ts",
  "test/sandbox/java-maven.test.ts",
  "test/sandbox/javascript-profile.test.ts",
  "test/sandbox/limits-only.test.ts",
  "test/sandbox/namespaces.test.ts",
  "test/sandbox/non-root.test.ts",
  "test/sandbox/ownership.test.ts",
  "test/security/prefetch.test.ts",
  "test/security/hostile-project.test.ts",
  "test/security/no-bubblewrap.test.ts",
  // A fake OpenAI server as a process of its own.
  "test/llm/fake-openai-server.test.ts",
  // Conformance drivers against reference or generated servers in processes of their own.
  "test/verify/conformance/client-runner.test.ts",
  "test/verify/conformance/conform-cli.test.ts",
  "test/verify/conformance/conform-client-cli.test.ts",
  "test/verify/conformance/conform-http-cli.test.ts",
  "test/verify/conformance/conform-udp-cli.test.ts",
  "test/verify/conformance/driver.test.ts",
  "test/verify/conformance/generated-behaviour-cpp.test.ts",
  "test/verify/conformance/generated-behaviour-javascript.test.ts",
  "test/verify/conformance/generated-behaviour-java.test.ts",
  "test/verify/conformance/generated-behaviour-python.test.ts",
  "test/verify/conformance/behaviour-lost-connection.test.ts",
  "test/verify/conformance/generated-chat.test.ts",
  "test/verify/conformance/generated-client.test.ts",
  "test/verify/conformance/generated-http.test.ts",
  "test/verify/conformance/generated-udp.test.ts",
  "test/verify/conformance/http-driver.test.ts",
  "test/verify/conformance/udp-driver.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: "forks",
    reporters: ["default", new SummaryReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...TOOLCHAIN_FILES],
          setupFiles: ["test/unit-lane-guard.ts"],
          // Pure modules, so the files share their imports in one worker:
          // about half the lane's time was every file importing them anew.
          isolate: false,
          // First, so `npm test` fails fast on a broken pure module.
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "toolchain",
          include: TOOLCHAIN_FILES,
          sequence: { groupOrder: 1 },
          // Tests marked concurrent (whole builds of generated projects, each
          // keeping about one core busy) run two at a time: CI has 2 cores,
          // and vitest gives a 2-core machine one worker.
          maxConcurrency: 2,
        },
      },
    ],
  },
});
