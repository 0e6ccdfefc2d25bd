// Structured results of building and testing a generated project: what the
// tester hands to the coder and the reviewer, and what the result table and
// round files show. Pure data and the small helpers beside it; sandboxes/
// (which produces the results) and src/run (which reports them) both import
// it, and it imports neither.

export type CaseStatus = "passed" | "failed" | "errored" | "skipped";

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

export interface TestCaseResult {
  readonly suite: string;
  readonly name: string;
  readonly status: CaseStatus;
  readonly durationMs: number;
  /** For failed and errored cases: the assertion or exception message. */
  readonly message?: string;
  readonly location?: SourceLocation;
}

export interface TestSummary {
  readonly suites: number;
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  readonly errored: number;
  readonly skipped: number;
}

/** A compiler or type-checker finding. */
export interface Diagnostic {
  readonly severity: "error" | "warning" | "note";
  readonly message: string;
  readonly location?: SourceLocation;
  readonly code?: string;
}

export type StepKind = "install" | "compile" | "typecheck" | "test";

export interface StepResult {
  readonly step: StepKind;
  readonly name: string;
  readonly ok: boolean;
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The last part of the output, for a person reading a failure. */
  readonly outputTail: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LanguageResult {
  readonly language: string;
  readonly toolchain: string;
  readonly ok: boolean;
  /** Why nothing ran (toolchain missing, dependencies unavailable), if so. */
  readonly skippedReason?: string;
  readonly steps: readonly StepResult[];
  readonly summary: TestSummary;
  readonly cases: readonly TestCaseResult[];
}

export function summarise(cases: readonly TestCaseResult[]): TestSummary {
  const count = (s: CaseStatus) => cases.filter((c) => c.status === s).length;
  return {
    suites: new Set(cases.map((c) => c.suite)).size,
    tests: cases.length,
    passed: count("passed"),
    failed: count("failed"),
    errored: count("errored"),
    skipped: count("skipped"),
  };
}

export const EMPTY_SUMMARY: TestSummary = { suites: 0, tests: 0, passed: 0, failed: 0, errored: 0, skipped: 0 };

/**
 * One ordered pair of the interop matrix: the demo server of one language
 * against the demo client of another, over the run's transport, in one
 * sandbox (see docs/interop.md).
 */
export interface InteropResult {
  /** The language of the demo server. */
  readonly server: string;
  /** The language of the demo client. */
  readonly client: string;
  readonly transport: string;
  /** The client exited 0 with a `done:` line and the server stopped cleanly on SIGTERM. */
  readonly ok: boolean;
  readonly durationMs: number;
  /** The last part of the client's stdout and stderr. */
  readonly clientOutputTail: string;
  /** The last part of the server's stdout and stderr. */
  readonly serverOutputTail: string;
  /** Why the pair failed; absent when it passed. */
  readonly reason?: string;
}

/** `python→javascript`: the server's language, then the client's. */
export function interopPairName(r: Pick<InteropResult, "server" | "client">): string {
  return `${r.server}→${r.client}`;
}

/** One failed conformance case. */
export interface ConformanceFailure {
  readonly name: string;
  readonly reason: string;
  /** The spec elements the case proves (`error:not_authenticated`, `transition:…`). */
  readonly proves: readonly string[];
}

/**
 * `protoforge conform` against one language's demo server or client, in the sandbox,
 * over the run's transport (docs/conformance.md): the black-box evidence of
 * what the server does, derived from the spec alone.
 */
export interface ConformanceResult {
  readonly language: string;
  /** Which demo: the server (driven by the runner's cases) or the client (against the runner's scripted server). */
  readonly side: "server" | "client";
  readonly transport: string;
  /** Every case passed and the server neither crashed nor had to be killed. */
  readonly ok: boolean;
  readonly total: number;
  readonly passed: number;
  readonly failures: readonly ConformanceFailure[];
  /** Spec elements proven by at least one passing case, sorted. */
  readonly proven: readonly string[];
  readonly durationMs: number;
  /** The last part of the demo's stdout and stderr (the server's; for a client, of its last failed case). */
  readonly serverOutputTail: string;
  /** Why the suite could not run or did not pass as a whole (start failure, crash); absent when it ran cleanly. */
  readonly reason?: string;
}

/** Everything the tester found in one round: each language's own build and tests, its conformance, then the interop matrix. */
export interface TestRunResults {
  readonly languages: readonly LanguageResult[];
  /** One per language that passed its own steps, when the tester was given the spec. */
  readonly conformance?: readonly ConformanceResult[];
  /** Empty with fewer than two languages, or fewer than two that passed their own steps. */
  readonly interop: readonly InteropResult[];
}

/** One of the coder's behaviour tests, run with the behaviour reverted to the emitter's default handlers. */
export interface RevertedTestCase {
  readonly suite: string;
  readonly name: string;
  /** Run-folder path of the test file, when the report names it. */
  readonly file?: string;
  /** It failed (or could not run) with the default handlers: it tests what the coder wrote. */
  readonly failedWhenReverted: boolean;
}

/** A mutant of the behaviour code that every behaviour test let pass. */
export interface SurvivingMutant {
  readonly path: string;
  readonly line: number;
  readonly operator: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Do the coder's behaviour tests test the behaviour (docs/behaviour-proof.md)?
 * Run after a green round: the tests once with the user-owned behaviour files
 * reverted to the emitter's defaults (each should fail), then once per mutant
 * of the lines the coder wrote (each should be caught).
 */
export interface BehaviourProof {
  readonly language: string;
  /** `proven`: both checks ran; `nothing-to-prove`: no behaviour tests, or no behaviour written; `could-not-run`: see `reason`. */
  readonly status: "proven" | "nothing-to-prove" | "could-not-run";
  readonly reason?: string;
  /** Run-folder paths of the coder's behaviour tests that ran. */
  readonly testFiles: readonly string[];
  /** Run-folder paths of the user-owned files the coder changed (reverted for the first check). */
  readonly reverted: readonly string[];
  readonly cases: readonly RevertedTestCase[];
  readonly mutation: {
    /** Mutants the changed lines offer. */
    readonly candidates: number;
    /** Mutants run (at most a fixed number, evenly spread). */
    readonly run: number;
    readonly killed: number;
    readonly survivors: readonly SurvivingMutant[];
    /** Chosen mutants that did not build (no test case ran): neither run nor killed. */
    readonly unbuildable?: number;
  };
  readonly durationMs: number;
}
