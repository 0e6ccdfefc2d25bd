// The behaviour proof of one language (docs/behaviour-proof.md): do the
// coder's behaviour tests test the behaviour? In a scratch copy of the
// project's sources (the run folder is never touched), inside the sandbox:
//
// 1. the tests as they are: they must pass, or the proof cannot judge them;
// 2. the tests with every user-owned file the coder changed put back to the
//    emitter's default: each test should now fail;
// 3. the tests once per mutant of the lines the coder wrote: each mutant
//    should make a test fail.
//
// The installed dependencies (the venv, node_modules) stay in the project,
// mounted read-only; the copy links or points to them.
import { chmod, cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathExists } from "../../src/path-exists.js";
import { type Mutant, mutantsOf, sampleMutants, type MutantLanguage } from "../../src/verify/behaviour-proof/mutants.js";
import type { SandboxRunner } from "../isolation/index.js";
import { languageCacheDir, type SandboxStep, type ToolchainProfile } from "../profiles/index.js";
import type { BehaviourProof, RevertedTestCase, SurvivingMutant, TestCaseResult } from "../../src/results/types.js";

/** Mutants run per language at most (evenly spread over the candidates). */
export const MAX_MUTANTS = 20;
/** The least wall clock a mutant's run gets (3× the tests' own time when that is more). */
const MIN_MUTANT_WALL_CLOCK_MS = 5_000;
/** Past this, no further mutant is started; the proof reports how many ran. */
const MUTATION_BUDGET_MS = 180_000;

/** Folders of the project that are not copied: installed dependencies, caches, results. */
const NOT_COPIED = new Set([".venv", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".protoforge-results"]);

export interface BehaviourFile {
  /** Run-folder path, e.g. python/src/chat/handlers.py. */
  readonly path: string;
  readonly text: string;
  /** The emitter's default of a user-owned file; undefined for a module the coder added. */
  readonly defaultText: string | undefined;
}

export interface ProveBehaviourOptions {
  readonly outDir: string;
  readonly language: MutantLanguage;
  readonly profile: ToolchainProfile;
  readonly runner: SandboxRunner;
  /** Run-folder paths of the coder's behaviour tests. */
  readonly tests: readonly string[];
  /** The behaviour files that differ from their defaults, and the modules the coder added. */
  readonly behaviour: readonly BehaviourFile[];
  readonly maxMutants?: number;
  readonly onStep?: (step: string) => void;
}

interface TestRun {
  readonly ok: boolean;
  /** Failed before any test ran: no case reported, not for the wall clock (a compile error; a broken import). */
  readonly unbuilt: boolean;
  readonly durationMs: number;
  readonly cases: readonly TestCaseResult[];
  readonly output: string;
}

export async function proveBehaviour(options: ProveBehaviourOptions): Promise<BehaviourProof> {
  const started = Date.now();
  const { language } = options;
  const reverted = options.behaviour.filter((f) => f.defaultText !== undefined).map((f) => f.path);
  const base = { language, testFiles: [...options.tests], reverted, cases: [], mutation: { candidates: 0, run: 0, killed: 0, survivors: [] } };
  const finish = (proof: Omit<BehaviourProof, "durationMs">): BehaviourProof => ({ ...proof, durationMs: Date.now() - started });
  if (options.tests.length === 0) return finish({ ...base, status: "nothing-to-prove", reason: "the coder wrote no behaviour test" });
  if (options.behaviour.length === 0) return finish({ ...base, status: "nothing-to-prove", reason: "the behaviour files are the emitter's defaults" });

  const projectDir = join(options.outDir, language);
  const scratch = await mkdtemp(join(tmpdir(), "protoforge-proof-"));
  try {
    // The sandbox user must reach the copy through its parent.
    await chmod(scratch, 0o755);
    const workDir = join(scratch, language);
    await cp(projectDir, workDir, { recursive: true, filter: (source) => !NOT_COPIED.has(source.slice(source.lastIndexOf("/") + 1)) });
    if (await pathExists(join(projectDir, "node_modules"))) await symlink(join(projectDir, "node_modules"), join(workDir, "node_modules"));
    const inProject = (path: string) => path.slice(language.length + 1);
    const ctx = { projectDir, cacheDir: await languageCacheDir(language) };
    const step = options.profile.behaviourRun(ctx, workDir, options.tests.map(inProject));
    const runTests = (wallClockMs = step.wallClockMs ?? 60_000): Promise<TestRun> => runStep(options.runner, { ...step, wallClockMs }, workDir, projectDir);
    const write = (path: string, text: string) => writeFile(join(workDir, inProject(path)), text);

    options.onStep?.("behaviour tests as written");
    const asWritten = await runTests();
    // A mutant that makes a test hang (a request never answered) counts as
    // caught once it takes well past the tests' own time, as mutation tools do.
    const mutantWallClockMs = Math.min(step.wallClockMs ?? 60_000, Math.max(MIN_MUTANT_WALL_CLOCK_MS, 3 * asWritten.durationMs + 2_000));
    if (!asWritten.ok) return finish({ ...base, status: "could-not-run", reason: `the behaviour tests do not pass in a copy of the project: ${tail(asWritten.output)}` });

    options.onStep?.("behaviour tests with the default handlers");
    for (const file of options.behaviour) if (file.defaultText !== undefined) await write(file.path, file.defaultText);
    const withDefaults = reverted.length > 0 ? await runTests(mutantWallClockMs) : undefined;
    for (const file of options.behaviour) await write(file.path, file.text);
    const testTexts = new Map<string, string>();
    for (const path of options.tests) testTexts.set(path, await readFile(join(workDir, inProject(path)), "utf8").catch(() => ""));
    const cases = asWritten.cases
      .filter((c) => c.status === "passed")
      .map((c): RevertedTestCase => {
        const file = fileOfCase(c, language, testTexts);
        return { suite: c.suite, name: c.name, ...(file !== undefined ? { file } : {}), failedWhenReverted: withDefaults === undefined ? true : !passedIn(withDefaults, c) };
      });

    const candidates = options.behaviour.flatMap((f) => mutantsOf({ language, path: f.path, text: f.text, defaultText: f.defaultText }));
    const chosen = sampleMutants(candidates, options.maxMutants ?? MAX_MUTANTS);
    const survivors: SurvivingMutant[] = [];
    let run = 0;
    let unbuildable = 0;
    for (const [i, mutant] of chosen.entries()) {
      if (Date.now() - started > MUTATION_BUDGET_MS) break;
      options.onStep?.(`mutant ${i + 1} of ${chosen.length}`);
      await write(mutant.path, mutant.text);
      const outcome = await runTests(mutantWallClockMs);
      await write(mutant.path, options.behaviour.find((f) => f.path === mutant.path)?.text ?? "");
      // A mutant the compiler refuses (under -Werror, `return {};` can leave a
      // parameter unused) was never tested: no kill, not in the score.
      if (outcome.unbuilt) {
        unbuildable++;
        continue;
      }
      run++;
      if (outcome.ok) survivors.push(survivorOf(mutant));
    }
    return finish({
      ...base,
      status: "proven",
      ...(withDefaults === undefined ? { reason: "only behaviour modules were added: nothing to revert, each test counts as failing without them" } : {}),
      cases,
      mutation: { candidates: candidates.length, run, killed: run - survivors.length, survivors, ...(unbuildable > 0 ? { unbuildable } : {}) },
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function runStep(runner: SandboxRunner, step: SandboxStep, workDir: string, projectDir: string): Promise<TestRun> {
  const result = await runner.run({
    argv: step.argv,
    cwd: workDir,
    writableDir: workDir,
    readOnlyMounts: [{ source: projectDir }],
    ...(step.env ? { env: step.env } : {}),
    limits: { wallClockMs: step.wallClockMs ?? 60_000 },
  });
  const cases = step.cases ? await step.cases().catch(() => []) : [];
  const ok = result.exitCode === 0 && !result.timedOut && cases.every((c) => c.status === "passed" || c.status === "skipped");
  const unbuilt = !ok && !result.timedOut && cases.length === 0;
  return { ok, unbuilt, durationMs: result.durationMs, cases, output: `${result.stdout}${result.stderr}` };
}

/** Did the case pass in that run? A case the run does not report did not (it could not be collected). */
function passedIn(run: TestRun, c: TestCaseResult): boolean {
  return run.cases.some((r) => r.suite === c.suite && r.name === c.name && r.status === "passed");
}

/** The run-folder path of a case's test file: the report's, or (node's report names none) the one test file whose text has the case's title. */
function fileOfCase(c: TestCaseResult, language: string, texts: ReadonlyMap<string, string>): string | undefined {
  if (c.location?.file !== undefined) return `${language}/${c.location.file}`;
  const holders = [...texts].filter(([, text]) => text.includes(c.name)).map(([path]) => path);
  return holders.length === 1 ? holders[0] : texts.size === 1 ? [...texts.keys()][0] : undefined;
}

function survivorOf(m: Mutant): SurvivingMutant {
  return { path: m.path, line: m.line, operator: m.operator, before: m.before, after: m.after };
}

function tail(output: string): string {
  const text = output.trim();
  return text.length > 600 ? `…${text.slice(-600)}` : text || "no output";
}
