// The examples over every transport, for real: generate the output folder
// with the Python, JavaScript and Java projects, then build and test each in
// the sandbox exactly as `protoforge generate` does (Python: venv, pip from
// the read-only cache, compileall, mypy --strict, pytest; JavaScript: npm ci
// --offline, tsc --strict with checkJs, node --test; Java: mvn -o
// test-compile with -Xlint:all -Werror, mvn -o verify), then the
// conformance suite against each language's demo server (and over TCP its
// client), then the interop matrix: every language's demo server with every
// other's demo client, each running the demo conversation.
// A case keeps about one core busy, so the cases run two at a time
// (maxConcurrency of the toolchain project), from caches filled beforehand.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { testOutputFolder } from "../../sandboxes/tester.js";
import type { LanguageResult } from "../../src/results/types.js";
import { TRANSPORTS } from "../../src/emit/language.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { writeProjectFiles } from "../../src/run/output-folder.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import { loadSpecFile } from "../../src/spec/load.js";
import type { Spec } from "../../src/spec/model.js";
import { fillDependencyCaches } from "./dependency-caches.js";

/**
 * Not sensor-telemetry: the whole-run matrix (test/agents/e2e-offline-matrix.test.ts)
 * builds, tests and pairs the seed's sensor description over every transport
 * through the workflow's own tester, and the transport tests build the
 * example itself (test/python-transport, test/javascript-transport); here it
 * cost 50 s of CI for the same steps on a near-identical project.
 */
const EXAMPLES = ["chat", "file-transfer"] as const;
const LANGUAGES = ["python", "javascript", "java"] as const;
const STEPS: Readonly<Record<(typeof LANGUAGES)[number], readonly string[]>> = {
  python: ["virtual environment", "pip install -e .[dev]", "compileall -W error", "mypy --strict", "pytest"],
  javascript: ["npm ci --offline", "tsc -p tsconfig.json", "node --test"],
  java: ["mvn -o test-compile", "mvn -o verify"],
};
/** Whether a passed case is the transport tests' demo session over loopback (Python: tests/test_<transport>.py; JavaScript: test/<transport>.test.js). */
const DEMO_SESSION_TEST: Readonly<Record<(typeof LANGUAGES)[number], (c: { suite: string; name: string }, transport: string) => boolean>> = {
  python: (c, transport) => c.suite.includes(`test_${transport}`) && c.name.includes("demo"),
  javascript: (c) => c.name === "the demo client and server run the whole session",
  java: (c, transport) => c.suite.endsWith(`.${transport.charAt(0).toUpperCase()}${transport.slice(1)}Test`) && c.name === "theDemoClientAndServerRunTheWholeSession",
};

const registry = createEmitterRegistry();
const CASES = EXAMPLES.flatMap((example) => TRANSPORTS.map((transport) => [example, transport] as const));
/** Each case's output folder, generated up front so the dependency caches can be filled in order. */
const outDirs = new Map<string, string>();
/** Each case's spec, for the conformance suite. */
const specs = new Map<string, Spec>();
const key = ([example, transport]: readonly [string, string]): string => `${example}/${transport}`;

beforeAll(async () => {
  for (const c of CASES) {
    const [example, transport] = c;
    const loaded = await loadSpecFile(`examples/${example}.yaml`);
    const out = await mkdtemp(join(tmpdir(), `pf-${example}-${transport}-`));
    outDirs.set(key(c), out);
    specs.set(key(c), loaded.spec);
    await writeProjectFiles(out, generateProjectFiles({ spec: loaded.spec, specText: loaded.text, languages: LANGUAGES, transport }, registry));
  }
  await fillDependencyCaches([...outDirs.values()], LANGUAGES);
}, 600_000);

// Every example's virtual environment and node_modules: tens of thousands of files.
afterAll(async () => {
  await Promise.all([...outDirs.values()].map((d) => rm(d, { recursive: true, force: true })));
}, 120_000);

function problems(result: LanguageResult | undefined): string {
  if (result === undefined) return "not run";
  if (result.skippedReason !== undefined) return `skipped: ${result.skippedReason}`;
  const failedStep = result.steps.find((s) => !s.ok);
  if (failedStep !== undefined) return `${failedStep.name}:\n${failedStep.outputTail}`;
  return result.cases
    .filter((c) => c.status !== "passed")
    .map((c) => `${c.suite}::${c.name}: ${c.message ?? c.status}`)
    .join("\n");
}

describe("the examples in the sandbox, Python, JavaScript and Java", () => {
  it.for(CASES)("examples/%s.yaml over %s: each builds, type-checks and passes every generated test and the conformance suite, and all talk to each other", { concurrent: true, timeout: 600_000 }, async (c, { expect }) => {
    const [, transport] = c;
    const out = outDirs.get(key(c));
    const spec = specs.get(key(c));
    if (out === undefined || spec === undefined) throw new Error(`no output folder for ${key(c)}`);
    const results = await testOutputFolder({ outDir: out, languages: LANGUAGES, transport, spec });

    for (const language of LANGUAGES) {
      const result = results.languages.find((r) => r.language === language);
      expect(problems(result), language).toBe("");
      expect(result?.steps.map((s) => s.name)).toEqual(STEPS[language]);
      expect(result?.summary.passed, language).toBeGreaterThan(40);
      expect(result?.cases.some((c) => c.status === "passed" && DEMO_SESSION_TEST[language](c, transport)), `${language} ran its ${transport} demo session test`).toBe(true);
    }

    // The conformance suite against each demo server, and over TCP each demo client: every case passes.
    const sides = transport === "tcp" ? ["server", "client"] : ["server"];
    const conformance = (results.conformance ?? []).map((r) => `${r.language} ${r.side}: ${r.ok && r.passed === r.total && r.total > 0 ? "ok" : `${r.passed}/${r.total} ${r.reason ?? ""} ${r.failures.map((f) => f.name).join(", ")}\n${r.serverOutputTail}`}`);
    expect(conformance).toEqual(LANGUAGES.flatMap((language) => sides.map((side) => `${language} ${side}: ok`)));

    const pairs = results.interop.map((p) => `${p.server}→${p.client} ${p.transport}: ${p.ok ? "ok" : `${p.reason ?? "failed"}\n${p.clientOutputTail}\n${p.serverOutputTail}`}`);
    expect(pairs).toEqual(LANGUAGES.flatMap((server) => LANGUAGES.filter((client) => client !== server).map((client) => `${server}→${client} ${transport}: ok`)));
  });
});
