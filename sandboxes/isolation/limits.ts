// Resource limits: defaults, validation, clamping to what the runner may set,
// and the prlimit arguments that apply them. All pure.
import { SandboxError } from "./errors.js";
import { DEFAULT_LIMITS, type HardLimits, type SandboxLimits } from "./types.js";

const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof SandboxLimits)[];

/** Fills in defaults and checks every limit is a positive whole number. */
export function resolveLimits(partial: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value = partial[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new SandboxError("invalid-command", `limit ${name} must be a positive whole number, got ${String(value)}`);
    }
    limits[name] = value;
  }
  return limits;
}

/** Reads the hard limits out of /proc/self/limits text. */
export function parseProcLimits(text: string): HardLimits {
  const hard = (label: string): number => {
    const line = text.split("\n").find((l) => l.startsWith(label));
    // "Max cpu time   unlimited   unlimited   seconds": soft, hard, unit
    const fields = line?.slice(label.length).trim().split(/\s+/) ?? [];
    const value = fields[1];
    if (value === undefined || value === "unlimited") return Infinity;
    const n = Number(value);
    return Number.isFinite(n) ? n : Infinity;
  };
  return {
    cpuSeconds: hard("Max cpu time"),
    memoryBytes: hard("Max address space"),
    fileSizeBytes: hard("Max file size"),
    processes: hard("Max processes"),
  };
}

export interface PrlimitOptions {
  /** Apply RLIMIT_NPROC. Off when it would count processes outside the
   *  sandbox: limits-only mode as a non-root user, where it is per real uid. */
  readonly processes: boolean;
}

/** `prlimit --cpu=… --as=… … --` for the given limits, clamped to the hard
 *  limits in force (an unprivileged process cannot raise them). The CPU soft
 *  limit sends SIGXCPU, a chance to report; the hard limit a second later kills. */
export function prlimitArgs(limits: SandboxLimits, hard: HardLimits, options: PrlimitOptions): string[] {
  const pair = (soft: number, hardWanted: number, ceiling: number): string => {
    const h = Math.min(hardWanted, ceiling);
    return `${Math.min(soft, h)}:${h}`;
  };
  const args = [
    `--cpu=${pair(limits.cpuSeconds, limits.cpuSeconds + 1, hard.cpuSeconds)}`,
    `--as=${pair(limits.memoryBytes, limits.memoryBytes, hard.memoryBytes)}`,
    `--fsize=${pair(limits.fileSizeBytes, limits.fileSizeBytes, hard.fileSizeBytes)}`,
  ];
  if (options.processes) args.push(`--nproc=${pair(limits.processes, limits.processes, hard.processes)}`);
  args.push("--core=0:0");
  return args;
}
