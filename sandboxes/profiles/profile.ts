// A toolchain profile: how to find a language's toolchain, fetch a generated
// project's dependencies (the only step with network), and which commands
// build and test it inside the sandbox, with how to read their output.
import type { Diagnostic, StepKind, TestCaseResult } from "../../src/results/types.js";

export interface ToolchainInfo {
  readonly available: boolean;
  /** e.g. "Python 3.11.2 (/usr/bin/python3)" */
  readonly description: string;
  /** Why it is not available. */
  readonly reason?: string;
}

export interface ProfileContext {
  /** The generated project, e.g. OUT/python. */
  readonly projectDir: string;
  /** Read-only dependency cache of this language, filled by `prefetch`. */
  readonly cacheDir: string;
}

export interface SandboxStep {
  readonly step: StepKind;
  readonly name: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly wallClockMs?: number;
  /** RLIMIT_AS of the step, when the default (DEFAULT_LIMITS.memoryBytes) is too small: AddressSanitizer reserves ~20 TiB of address space (cpp.ts). */
  readonly addressSpaceBytes?: number;
  /** Reads the step's output (and files it wrote) into diagnostics. */
  readonly diagnostics?: (output: string) => Diagnostic[];
  /** For test steps: the test cases, read after the step ran. */
  readonly cases?: () => Promise<TestCaseResult[]>;
}

export interface ToolchainProfile {
  readonly language: string;
  detect(): Promise<ToolchainInfo>;
  /** Fetches dependencies into `ctx.cacheDir`; runs outside the sandbox, with network. */
  prefetch(ctx: ProfileContext): Promise<void>;
  /** Commands run in order inside the sandbox; a failing step stops the rest. */
  steps(ctx: ProfileContext): readonly SandboxStep[];
  /**
   * Runs only `tests` (paths relative to the project) in `workDir`, a copy of
   * the project's sources whose installed dependencies stay in
   * `ctx.projectDir` (mounted read-only): the behaviour proof's command
   * (sandboxes/behaviour-proof/). Runs after `steps` passed.
   */
  behaviourRun(ctx: ProfileContext, workDir: string, tests: readonly string[]): SandboxStep;
}
