// The contract of the isolation runner: what a toolchain profile asks to run,
// what it gets back, and the facts about the host that decide how the command
// is isolated. Generated code is untrusted; see docs/sandbox.md.

/** Resource limits of one sandboxed run. Every field has a default
 *  (DEFAULT_LIMITS); a profile overrides only what it needs. */
export interface SandboxLimits {
  /** Wall clock for the whole run; on expiry the whole process tree is killed. */
  readonly wallClockMs: number;
  /** CPU time per process (RLIMIT_CPU): SIGXCPU at the limit, SIGKILL a second later. */
  readonly cpuSeconds: number;
  /** Address space per process (RLIMIT_AS). */
  readonly memoryBytes: number;
  /** Largest file a process may write (RLIMIT_FSIZE): SIGXFSZ beyond it. */
  readonly fileSizeBytes: number;
  /** Processes and threads of the sandbox user (RLIMIT_NPROC). */
  readonly processes: number;
  /** Size of the sandbox's private /tmp (a tmpfs, so it is memory); not in limits-only mode. */
  readonly tmpBytes: number;
  /** Bytes kept of stdout and of stderr each; beyond it the middle is cut and marked. */
  readonly outputBytes: number;
}

export interface ReadOnlyMount {
  /** Host path, e.g. a dependency cache filled before the run. */
  readonly source: string;
  /** Where it appears in the sandbox; defaults to `source`. Must equal `source`
   *  (or be omitted) when bubblewrap is unavailable. */
  readonly target?: string;
}

export interface SandboxCommand {
  /** Program and arguments; the program is looked up on the sandbox PATH. */
  readonly argv: readonly string[];
  /** Working directory; must be inside `writableDir`. */
  readonly cwd: string;
  /** The only path the command may write (besides its private /tmp): the output folder. */
  readonly writableDir: string;
  readonly readOnlyMounts?: readonly ReadOnlyMount[];
  /** Extra environment. Only these and a minimal PATH/HOME/LANG/TMPDIR are
   *  passed: nothing of the runner's own environment is inherited. */
  readonly env?: Readonly<Record<string, string>>;
  readonly limits?: Partial<SandboxLimits>;
  /** Written to the command's standard input, which is then closed; without it
   *  standard input is empty. */
  readonly stdin?: string;
}

/** How a command is isolated, strongest first (docs/sandbox.md): bubblewrap;
 *  the same namespaces made with util-linux `unshare` when bubblewrap is
 *  missing or refused; resource limits alone when the kernel allows no
 *  namespace at all. */
export type Isolation = "bubblewrap" | "namespaces" | "limits-only";

export interface SandboxResult {
  /** Exit code, or null when the command was ended by a signal. */
  readonly exitCode: number | null;
  /** Signal name (e.g. "SIGKILL", "SIGXCPU"), or null. Exit codes 129–159 are
   *  reported as the signal 128 less, the way a shell and bubblewrap report a
   *  signal death. */
  readonly signal: string | null;
  /** The wall clock ran out and the process tree was killed. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly isolation: Isolation;
}

/** Current hard limits of the runner (from /proc/self/limits); Infinity when
 *  unlimited. A process cannot raise a hard limit, so requests are clamped. */
export interface HardLimits {
  readonly cpuSeconds: number;
  readonly memoryBytes: number;
  readonly fileSizeBytes: number;
  readonly processes: number;
}

/** What the host offers. Found once per process (probe.ts) and then fixed;
 *  tests and callers may override any field. */
export interface SandboxProbe {
  /** bubblewrap is installed and can create the namespaces we ask for. */
  readonly bwrap: boolean;
  /** Why bubblewrap is not used, for the one warning. */
  readonly bwrapReason?: string;
  /** util-linux `unshare` can make the namespaces (mount, network, pid, user) here. */
  readonly namespaces: boolean;
  /** Why the namespaces mode is not used either. */
  readonly namespacesReason?: string;
  /** bubblewrap accepts `--disable-userns` (no nested user namespaces). */
  readonly disableUserns: boolean;
  /** The runner is root, so the command drops to SANDBOX_UID first. */
  readonly isRoot: boolean;
  readonly hardLimits: HardLimits;
  /** Absolute paths of the tools, null when not installed. setpriv and
   *  prlimit (util-linux) are required; bwrap, or unshare (util-linux) with
   *  ip (iproute2, else perl) for the loopback, for isolation. */
  readonly tools: {
    readonly bwrap: string | null;
    readonly setpriv: string | null;
    readonly prlimit: string | null;
    readonly unshare: string | null;
    readonly ip: string | null;
  };
}

/** Where the one "no bubblewrap" warning goes. A winston logger fits. */
export interface SandboxLogger {
  warn(message: string): void;
}

/** The uid and gid a root runner drops to: nobody/nogroup on Debian. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

/** The PATH a command gets unless its `env` says otherwise. */
export const SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: SandboxLimits = {
  wallClockMs: 300_000,
  cpuSeconds: 300,
  // The JVM reserves ~3 GiB of address space at start (heap + compressed class
  // space); 4 GiB lets javac and Maven start with their defaults.
  memoryBytes: 4 * GiB,
  fileSizeBytes: 256 * MiB,
  processes: 256,
  tmpBytes: 512 * MiB,
  outputBytes: 1 * MiB,
};
