// Every example over every transport, for real: generate the output folder,
// then build and test the Python project in the sandbox exactly as
// `protoforge generate` does (venv, pip from the read-only cache, compileall,
// mypy --strict, pytest), and read the structured results.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testGeneratedProject } from "../../sandboxes/tester.js";
import { TRANSPORTS } from "../../src/emit/language.js";
import { createEmitterRegistry } from "../../src/emit/targets.js";
import { writeProjectFiles } from "../../src/run/output-folder.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import { loadSpecFile } from "../../src/spec/load.js";

const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
const registry = createEmitterRegistry();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe.each(EXAMPLES)("examples/%s.yaml in the sandbox", (example) => {
  it.each(TRANSPORTS)("over %s: builds, type-checks and passes every generated test", async (transport) => {
    const loaded = await loadSpecFile(`examples/${example}.yaml`);
    const out = await mkdtemp(join(tmpdir(), `pf-${example}-${transport}-`));
    dirs.push(out);
    await writeProjectFiles(out, generateProjectFiles({ spec: loaded.spec, specText: loaded.text, languages: ["python"], transport }, registry));
    const [result] = await testGeneratedProject({ outDir: out, languages: ["python"] });
    const failures = result?.cases.filter((c) => c.status !== "passed").map((c) => `${c.suite}::${c.name}: ${c.message ?? c.status}`);
    const failedStep = result?.steps.find((s) => !s.ok);
    expect(result?.skippedReason, "the tester ran").toBeUndefined();
    expect(failedStep === undefined ? "" : `${failedStep.name}:\n${failedStep.outputTail}`).toBe("");
    expect(failures).toEqual([]);
    expect(result?.summary.passed).toBeGreaterThan(40);
    expect(result?.steps.map((s) => s.name)).toEqual(["virtual environment", "pip install -e .[dev]", "compileall -W error", "mypy --strict", "pytest"]);
    expect(result?.cases.some((c) => c.suite.includes(`test_${transport}`))).toBe(true);
  }, 600_000);
});
