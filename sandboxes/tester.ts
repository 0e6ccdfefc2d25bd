// The tester: for each language of a generated output folder, detect the
// toolchain, fetch dependencies (outside the sandbox), then build and test
// inside the sandbox, and turn everything into structured results; with two
// languages or more, then the interop matrix between those that passed.
import { join } from "node:path";
import { pathExists } from "../src/path-exists.js";
import type { Spec } from "../src/spec/model.js";
import { CONFORMANCE_TRANSPORTS, type ConformanceTransport } from "../src/verify/conformance/index.js";
import { clientConformanceSupported, conformClientInSandbox } from "./conformance/client-in-sandbox.js";
import { conformInSandbox } from "./conformance/run-in-sandbox.js";
import { runInteropMatrix } from "./interop/run-matrix.js";
import { createSandboxRunner, type SandboxRunner } from "./isolation/index.js";
import { languageCacheDir, PROFILES, type ToolchainProfile } from "./profiles/index.js";
import { type ConformanceResult, EMPTY_SUMMARY, summarise, type LanguageResult, type StepResult, type TestCaseResult, type TestRunResults } from "../src/results/types.js";

export interface TesterOptions {
  /** The output folder. The sandbox writes only OUT/<language> (and its own
   *  /tmp): never the run's git directory, its state or another language. */
  readonly outDir: string;
  readonly languages: readonly string[];
  readonly runner?: SandboxRunner;
  readonly profiles?: Readonly<Record<string, ToolchainProfile>>;
  /** Called as each step starts, for progress display. */
  readonly onStep?: (language: string, step: string) => void;
}

const OUTPUT_TAIL = 4000;

/** Folders of the run that every language's tests read (the golden vectors), mounted read-only beside its own folder. */
const SHARED_READ_ONLY = ["vectors"] as const;

export interface OutputFolderTestOptions extends TesterOptions {
  /** The run's transport: the interop matrix checks the servers listen over it. */
  readonly transport: string;
  /** The run's spec: with it, each language that passed its own steps is
   *  driven through the spec's conformance cases (docs/conformance.md). */
  readonly spec?: Spec;
  /** Called as each interop pair starts, for progress display. */
  readonly onPair?: (server: string, client: string) => void;
}

/** Every language's own steps, then the conformance of each language that
 *  passed them (with the spec: its demo server, and over TCP its demo client),
 *  then every ordered pair of those languages (docs/interop.md). */
export async function testOutputFolder(options: OutputFolderTestOptions): Promise<TestRunResults> {
  const runner = options.runner ?? createSandboxRunner();
  const languages = await testGeneratedProject({ ...options, runner });
  const passed = interopLanguages(options.languages, languages);
  const conformance: ConformanceResult[] = [];
  const transport = conformanceTransportOf(options.transport);
  if (options.spec !== undefined && transport !== undefined) {
    for (const language of passed) {
      options.onStep?.(language, "conformance of the server");
      conformance.push(await conformInSandbox({ spec: options.spec, outDir: options.outDir, language, transport, runner }));
      if (!clientConformanceSupported(transport)) continue;
      options.onStep?.(language, "conformance of the client");
      conformance.push(await conformClientInSandbox({ spec: options.spec, outDir: options.outDir, language, transport, runner }));
    }
  }
  const interop =
    passed.length < 2
      ? []
      : await runInteropMatrix({ outDir: options.outDir, languages: passed, transport: options.transport, runner, ...(options.onPair ? { onPair: options.onPair } : {}) });
  return { languages, conformance, interop };
}

/** The transport, when the conformance runner drives it. */
function conformanceTransportOf(transport: string): ConformanceTransport | undefined {
  return (CONFORMANCE_TRANSPORTS as readonly string[]).includes(transport) ? (transport as ConformanceTransport) : undefined;
}

/** The requested languages whose own build and tests passed, in request order (pure). */
export function interopLanguages(requested: readonly string[], results: readonly LanguageResult[]): string[] {
  return [...new Set(requested)].filter((l) => results.some((r) => r.language === l && r.ok && r.skippedReason === undefined));
}

export async function testGeneratedProject(options: TesterOptions): Promise<LanguageResult[]> {
  const runner = options.runner ?? createSandboxRunner();
  const profiles = options.profiles ?? PROFILES;
  const results: LanguageResult[] = [];
  for (const language of options.languages) {
    const profile = profiles[language];
    if (!profile) {
      results.push(skipped(language, "unknown", `no toolchain profile for ${language}`));
      continue;
    }
    results.push(await testLanguage(profile, options, runner));
  }
  return results;
}

async function testLanguage(profile: ToolchainProfile, options: TesterOptions, runner: SandboxRunner): Promise<LanguageResult> {
  const info = await profile.detect();
  if (!info.available) return skipped(profile.language, info.description, info.reason ?? "toolchain not found");
  const ctx = { projectDir: join(options.outDir, profile.language), cacheDir: await languageCacheDir(profile.language) };
  try {
    options.onStep?.(profile.language, "fetching dependencies");
    await profile.prefetch(ctx);
  } catch (e) {
    return skipped(profile.language, info.description, (e as Error).message);
  }
  const steps: StepResult[] = [];
  let cases: TestCaseResult[] = [];
  const planned = profile.steps(ctx);
  const shared = [];
  for (const name of SHARED_READ_ONLY) if (await pathExists(join(options.outDir, name))) shared.push({ source: join(options.outDir, name) });
  for (const step of planned) {
    options.onStep?.(profile.language, step.name);
    const result = await runner.run({
      argv: step.argv,
      cwd: ctx.projectDir,
      writableDir: ctx.projectDir,
      readOnlyMounts: [{ source: ctx.cacheDir }, ...shared],
      ...(step.env ? { env: step.env } : {}),
      limits: { wallClockMs: step.wallClockMs ?? 180_000, ...(step.addressSpaceBytes === undefined ? {} : { memoryBytes: step.addressSpaceBytes }) },
    });
    const output = `${result.stdout}${result.stderr}`;
    if (step.cases) cases = await step.cases().catch(() => []);
    const ok = result.exitCode === 0 && !result.timedOut;
    steps.push({
      step: step.step,
      name: step.name,
      ok,
      command: step.argv,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: Math.round(result.durationMs),
      outputTail: output.length > OUTPUT_TAIL ? `…${output.slice(-OUTPUT_TAIL)}` : output,
      diagnostics: step.diagnostics?.(output) ?? [],
    });
    if (!ok) break;
  }
  return {
    language: profile.language,
    toolchain: info.description,
    ok: steps.every((s) => s.ok) && steps.length === planned.length,
    steps,
    summary: summarise(cases),
    cases,
  };
}

function skipped(language: string, toolchain: string, reason: string): LanguageResult {
  return { language, toolchain, ok: false, skippedReason: reason, steps: [], summary: EMPTY_SUMMARY, cases: [] };
}
