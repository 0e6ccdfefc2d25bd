// Builds the exact process to start for a sandboxed command: the setpriv,
// bubblewrap and prlimit layers around the command's argv, its environment
// and working directory. Pure: the runner (run-sandboxed.ts) only spawns what
// this returns, so every isolation decision is tested here without processes.
//
//   [setpriv drop-to-65534 pdeathsig]  bwrap <namespaces, mounts>  prlimit <limits>  argv…   (bubblewrap)
//   [setpriv drop-to-65534 nnp pdeathsig]                          prlimit <limits>  argv…   (limits-only)
import { posix } from "node:path";
import { SandboxError } from "./errors.js";
import { prlimitArgs, resolveLimits } from "./limits.js";
import {
  SAFE_PATH,
  SANDBOX_GID,
  SANDBOX_UID,
  type Isolation,
  type SandboxCommand,
  type SandboxLimits,
  type SandboxProbe,
} from "./types.js";

export interface SandboxPlan {
  /** argv[0] is the program to spawn (setpriv). */
  readonly argv: readonly string[];
  /** The whole environment of the spawned process; nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
  /** Directory to spawn in (bubblewrap changes into the command's cwd itself). */
  readonly cwd: string;
  readonly isolation: Isolation;
  readonly limits: SandboxLimits;
  /** The uid the command runs as when the runner is root, else null. */
  readonly runAsUid: number | null;
}

/** Home and temporary directory inside the bubblewrap sandbox, on its private tmpfs. */
export const SANDBOX_TMP = "/tmp";
export const SANDBOX_HOME = "/tmp/home";

/**
 * @param command   paths already resolved to real paths by the runner
 * @param scratchDir limits-only mode: a fresh private directory for HOME and
 *                   TMPDIR (bubblewrap mode uses its own tmpfs instead)
 */
export function buildSandboxArgv(command: SandboxCommand, probe: SandboxProbe, scratchDir = "/tmp"): SandboxPlan {
  const limits = resolveLimits(command.limits);
  checkCommand(command, probe);
  const tools = requireTools(probe);
  const isolation: Isolation = probe.bwrap ? "bubblewrap" : "limits-only";
  const runAsUid = probe.isRoot ? SANDBOX_UID : null;

  const setpriv = setprivPrefix(probe, tools);

  // RLIMIT_NPROC counts per user namespace and uid: inside bubblewrap only the
  // sandbox's own processes. Without bubblewrap it counts every process of the
  // real uid: for a root runner that is uid 65534 (other sandboxes, the odd
  // daemon), for a non-root runner the user's whole session, so it is left off.
  const processes = probe.bwrap || probe.isRoot;
  const prlimit = [tools.prlimit, ...prlimitArgs(limits, probe.hardLimits, { processes }), "--"];

  const home = probe.bwrap ? SANDBOX_HOME : scratchDir;
  const tmp = probe.bwrap ? SANDBOX_TMP : scratchDir;
  const env = { PATH: SAFE_PATH, HOME: home, LANG: "C.UTF-8", TMPDIR: tmp, ...command.env };

  if (!probe.bwrap) {
    return { argv: [...setpriv, ...prlimit, ...command.argv], env, cwd: command.cwd, isolation, limits, runAsUid };
  }
  const bwrap = [tools.bwrap, ...namespaceArgs(limits, probe), ...bindArgs(command), "--chdir", command.cwd, "--"];
  return { argv: [...setpriv, ...bwrap, ...prlimit, ...command.argv], env, cwd: "/", isolation, limits, runAsUid };
}

/** The command that tells whether bubblewrap works here: the same layers and
 *  namespaces as a real run, around `true`. `probe` is the candidate, with
 *  `bwrap: true`. */
export function buildProbeArgv(probe: SandboxProbe): string[] {
  const limits = resolveLimits();
  const tools = requireTools(probe);
  return [
    ...setprivPrefix(probe, tools),
    tools.bwrap,
    ...namespaceArgs(limits, probe),
    "--",
    tools.prlimit,
    ...prlimitArgs(limits, probe.hardLimits, { processes: true }),
    "--",
    "true",
  ];
}

interface Tools {
  readonly bwrap: string;
  readonly setpriv: string;
  readonly prlimit: string;
}

function requireTools(probe: SandboxProbe): Tools {
  const { bwrap, setpriv, prlimit } = probe.tools;
  const missing = (name: string, pkg: string): SandboxError =>
    new SandboxError("tool-missing", `${name} is not installed (Debian package ${pkg}); the sandbox cannot run without it`);
  if (setpriv === null) throw missing("setpriv", "util-linux");
  if (prlimit === null) throw missing("prlimit", "util-linux");
  if (probe.bwrap && bwrap === null) throw missing("bwrap", "bubblewrap");
  return { bwrap: bwrap ?? "bwrap", setpriv, prlimit };
}

function setprivPrefix(probe: SandboxProbe, tools: Tools): string[] {
  const args = [tools.setpriv];
  if (probe.isRoot) args.push(`--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_GID}`, "--clear-groups");
  // bubblewrap sets no_new_privs for the command itself (and may be setuid on
  // old systems, which no_new_privs would break); without it, set it here.
  if (!probe.bwrap) args.push("--no-new-privs");
  // The sandbox dies with the runner: setpriv keeps the parent-death signal
  // across exec, and bubblewrap's --die-with-parent carries it inside.
  args.push("--pdeathsig=KILL");
  return args;
}

/** Nothing shared with the host but a read-only view of the system; a private
 *  /dev, /proc and /tmp. */
function namespaceArgs(limits: SandboxLimits, probe: SandboxProbe): string[] {
  const args = ["--unshare-all"]; // user, ipc, pid, net (loopback only), uts, cgroup
  if (probe.disableUserns) args.push("--unshare-user", "--disable-userns");
  args.push("--die-with-parent", "--new-session");
  args.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc");
  args.push("--size", String(limits.tmpBytes), "--tmpfs", SANDBOX_TMP, "--perms", "0700", "--dir", SANDBOX_HOME);
  return args;
}

/** The writable dir and the read-only mounts, parents before children, so a
 *  read-only mount never hides the writable dir beneath it and a mount inside
 *  the writable dir stays read-only. */
function bindArgs(command: SandboxCommand): string[] {
  const binds = [
    { flag: "--bind", source: command.writableDir, target: command.writableDir },
    ...(command.readOnlyMounts ?? []).map((m) => ({ flag: "--ro-bind", source: m.source, target: m.target ?? m.source })),
  ];
  const depth = (p: string): number => p.split("/").filter(Boolean).length;
  binds.sort((a, b) => depth(a.target) - depth(b.target));
  return binds.flatMap((b) => [b.flag, b.source, b.target]);
}

function checkCommand(command: SandboxCommand, probe: SandboxProbe): void {
  if (command.argv.length === 0 || command.argv[0] === "") {
    throw new SandboxError("invalid-command", "argv is empty: nothing to run");
  }
  const absolute = (what: string, p: string): string => {
    if (!posix.isAbsolute(p)) throw new SandboxError("invalid-command", `${what} must be an absolute path, got ${p}`, p);
    return posix.normalize(p);
  };
  const writable = absolute("writableDir", command.writableDir);
  if (writable === "/") throw new SandboxError("invalid-command", "writableDir must not be the root directory", writable);
  const cwd = absolute("cwd", command.cwd);
  if (cwd !== writable && !cwd.startsWith(`${writable}/`)) {
    throw new SandboxError("cwd-outside-writable-dir", `cwd ${cwd} is not inside the writable dir ${writable}`, cwd);
  }
  for (const mount of command.readOnlyMounts ?? []) {
    const source = absolute("read-only mount source", mount.source);
    const target = absolute("read-only mount target", mount.target ?? mount.source);
    if (!probe.bwrap && target !== source) {
      throw new SandboxError(
        "mount-needs-bubblewrap",
        `read-only mount ${source} → ${target} needs bubblewrap, which is unavailable; mount it at its own path`,
        source,
      );
    }
  }
  for (const name of Object.keys(command.env ?? {})) {
    if (name === "" || name.includes("=") || name.includes("\0")) {
      throw new SandboxError("invalid-command", `invalid environment variable name ${JSON.stringify(name)}`);
    }
  }
}
