// The isolation runner every toolchain profile uses to build and test
// generated (untrusted) code. See docs/sandbox.md.
export { buildProbeArgv, buildSandboxArgv, isolationOf, SANDBOX_HOME, SANDBOX_TMP, type SandboxLayout, type SandboxPlan } from "./build-argv.js";
export { CappedOutput } from "./capped-output.js";
export { SandboxError, type SandboxErrorCode } from "./errors.js";
export { parseProcLimits, prlimitArgs, resolveLimits } from "./limits.js";
export { detectSandboxProbe } from "./probe.js";
export {
  createSandboxRunner,
  describeIsolation,
  limitsOnlyWarning,
  runSandboxed,
  type SandboxRunner,
  type SandboxRunnerOptions,
} from "./run-sandboxed.js";
export { decodeTermination, type Termination } from "./termination.js";
export {
  DEFAULT_LIMITS,
  SAFE_PATH,
  SANDBOX_GID,
  SANDBOX_UID,
  type HardLimits,
  type Isolation,
  type ReadOnlyMount,
  type SandboxCommand,
  type SandboxLimits,
  type SandboxLogger,
  type SandboxProbe,
  type SandboxResult,
} from "./types.js";
