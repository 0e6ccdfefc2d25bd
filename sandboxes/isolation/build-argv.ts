// Builds the exact process to start for a sandboxed command: the layers
// around the command's argv, its environment and working directory. Pure: the
// runner (run-sandboxed.ts) only spawns what this returns, so every isolation
// decision is tested here without processes.
//
//   bubblewrap:   [setpriv drop-to-65534 pdeathsig]  bwrap <namespaces, mounts>  prlimit <limits>  argv…
//                 (a root runner whose folder lies under a private parent first makes it reachable:
//                  setpriv pdeathsig  unshare --mount  sh -c <hide + bind>  then the line above)
//   namespaces:   setpriv pdeathsig  unshare --mount --net --pid --ipc --uts [--user as non-root]
//                   sh -c <read-only view, binds, loopback>  [setpriv drop-to-65534]
//                   unshare --user --map-user=U  setpriv nnp pdeathsig  prlimit <limits>  argv…
//   limits-only:  [setpriv drop-to-65534 nnp pdeathsig]                           prlimit <limits>  argv…
import { posix } from "node:path";
import { SandboxError } from "./errors.js";
import { prlimitArgs, resolveLimits } from "./limits.js";
import { buildMountScript, type ScriptBind } from "./mount-script.js";
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
  /** Directory to spawn in (the namespaced modes change into the command's cwd themselves). */
  readonly cwd: string;
  readonly isolation: Isolation;
  readonly limits: SandboxLimits;
  /** The uid the command runs as when the runner is root, else null. */
  readonly runAsUid: number | null;
}

/** What the runner found on the host that shapes the plan. */
export interface SandboxLayout {
  /** limits-only mode: a fresh private directory for HOME and TMPDIR (the
   *  namespaced modes use their own tmpfs instead). */
  readonly scratchDir?: string;
  /** Root runner: folders above a mount that the sandbox user cannot search
   *  (a 0700 home, a `mktemp -d` parent). Inside the sandbox each becomes an
   *  empty tmpfs holding only the mounts beneath it, so the folder is reached
   *  without a chmod on the host, and the rest of the private folder stays hidden. */
  readonly hide?: readonly string[];
}

/** Home and temporary directory inside the namespaced sandbox, on its private tmpfs. */
export const SANDBOX_TMP = "/tmp";
export const SANDBOX_HOME = "/tmp/home";

/** The isolation a probe leads to. */
export function isolationOf(probe: SandboxProbe): Isolation {
  return probe.bwrap ? "bubblewrap" : probe.namespaces ? "namespaces" : "limits-only";
}

/** @param command paths already resolved to real paths by the runner */
export function buildSandboxArgv(command: SandboxCommand, probe: SandboxProbe, layout: SandboxLayout = {}): SandboxPlan {
  const limits = resolveLimits(command.limits);
  const isolation = isolationOf(probe);
  checkCommand(command, isolation);
  const tools = requireTools(probe, isolation);
  const runAsUid = probe.isRoot ? SANDBOX_UID : null;
  const hide = probe.isRoot ? (layout.hide ?? []) : [];
  if (hide.length > 0 && isolation === "limits-only") {
    throw new SandboxError("path-not-reachable", `${hide.join(", ")} cannot be hidden without a mount namespace`, hide[0]);
  }

  // RLIMIT_NPROC counts per user namespace and uid: inside bubblewrap or the
  // namespaces mode's own user namespace, only the sandbox's processes.
  // Without them it counts every process of the real uid: for a root runner
  // that is uid 65534 (other runs, the odd daemon), for a non-root runner the
  // user's whole session, so it is left off.
  const processes = isolation !== "limits-only" || probe.isRoot;
  const prlimit = [tools.prlimit, ...prlimitArgs(limits, probe.hardLimits, { processes }), "--"];

  const home = isolation === "limits-only" ? (layout.scratchDir ?? "/tmp") : SANDBOX_HOME;
  const tmp = isolation === "limits-only" ? (layout.scratchDir ?? "/tmp") : SANDBOX_TMP;
  const env = { PATH: SAFE_PATH, HOME: home, LANG: "C.UTF-8", TMPDIR: tmp, ...command.env };
  const plan = { env, isolation, limits, runAsUid };

  if (isolation === "limits-only") {
    return { ...plan, argv: [...setprivPrefix(probe, tools, true), ...prlimit, ...command.argv], cwd: command.cwd };
  }
  if (isolation === "namespaces") {
    return { ...plan, argv: namespacesArgv(command, probe, tools, limits, hide, [...prlimit, ...command.argv]), cwd: "/" };
  }
  const bwrap = [tools.bwrap, ...namespaceArgs(limits, probe), ...bindArgs(command), "--chdir", command.cwd, "--"];
  const inner = [...setprivPrefix(probe, tools, false), ...bwrap, ...prlimit, ...command.argv];
  if (hide.length === 0) return { ...plan, argv: inner, cwd: "/" };
  // bubblewrap runs as the sandbox user, who cannot reach a folder under a
  // private parent; root first makes it reachable in a mount namespace of its own.
  const binds = hiddenBinds(command, hide);
  const script = buildMountScript({ binds, hide });
  const stage = [tools.setpriv, "--pdeathsig=KILL", tools.unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "protoforge-sandbox"];
  return { ...plan, argv: [...stage, ...inner], cwd: "/" };
}

/** The command that tells whether bubblewrap works here: the same layers and
 *  namespaces as a real run, around `true`. `probe` is the candidate, with
 *  `bwrap: true`. */
export function buildProbeArgv(probe: SandboxProbe): string[] {
  const limits = resolveLimits();
  const tools = requireTools(probe, "bubblewrap");
  return [
    ...setprivPrefix(probe, tools, false),
    tools.bwrap,
    ...namespaceArgs(limits, probe),
    "--",
    tools.prlimit,
    ...prlimitArgs(limits, probe.hardLimits, { processes: true }),
    "--",
    "true",
  ];
}

/**
 * util-linux alone: a mount, network, pid, ipc and uts namespace (plus a user
 * namespace for a non-root runner, whose namespace root is the user), the
 * view built by the mount script, then the drop to the sandbox user inside a
 * user namespace of its own: it has no capability there, its mounts are
 * locked, and RLIMIT_NPROC counts only its processes.
 */
function namespacesArgv(
  command: SandboxCommand,
  probe: SandboxProbe,
  tools: Tools,
  limits: SandboxLimits,
  hide: readonly string[],
  tail: readonly string[],
): string[] {
  const uid = probe.isRoot ? SANDBOX_UID : (process.getuid?.() ?? 0);
  const gid = probe.isRoot ? SANDBOX_GID : (process.getgid?.() ?? 0);
  const binds: ScriptBind[] = [
    { source: command.writableDir, target: command.writableDir, writable: true },
    ...(command.readOnlyMounts ?? []).map((m) => ({ source: m.source, target: m.target ?? m.source, writable: false })),
  ];
  const script = buildMountScript({
    binds,
    hide,
    fullView: { tmpBytes: limits.tmpBytes, home: SANDBOX_HOME, owner: probe.isRoot ? `${uid}:${gid}` : null, ip: probe.tools.ip },
  });
  const outer = [tools.setpriv, "--pdeathsig=KILL", tools.unshare];
  if (!probe.isRoot) outer.push("--user", "--map-root-user");
  outer.push("--mount", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child", "--propagation", "private", "--");
  const drop = probe.isRoot ? [tools.setpriv, `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--"] : [];
  const own = [tools.unshare, "--user", `--map-user=${uid}`, `--map-group=${gid}`, "--"];
  const last = [tools.setpriv, "--no-new-privs", "--pdeathsig=KILL", "--"];
  // cd as the sandbox user: its cwd must be reached through the new view.
  const chdir = ["/bin/sh", "-c", 'cd "$1" && unset OLDPWD && shift && exec "$@"', "protoforge-sandbox", command.cwd];
  return [...outer, "/bin/sh", "-c", script, "protoforge-sandbox", ...drop, ...own, ...last, ...chdir, ...tail];
}

/** The mounts that lie under a hidden folder, bound at their own path inside it. */
function hiddenBinds(command: SandboxCommand, hide: readonly string[]): ScriptBind[] {
  const under = (p: string): boolean => hide.some((h) => p.startsWith(`${h}/`));
  const all: ScriptBind[] = [
    { source: command.writableDir, target: command.writableDir, writable: true },
    ...(command.readOnlyMounts ?? []).map((m) => ({ source: m.source, target: m.source, writable: false })),
  ];
  return all.filter((b) => under(b.source));
}

interface Tools {
  readonly bwrap: string;
  readonly setpriv: string;
  readonly prlimit: string;
  readonly unshare: string;
}

function requireTools(probe: SandboxProbe, isolation: Isolation): Tools {
  const { bwrap, setpriv, prlimit, unshare } = probe.tools;
  const missing = (name: string, pkg: string): SandboxError =>
    new SandboxError("tool-missing", `${name} is not installed (Debian package ${pkg}); the sandbox cannot run without it`);
  if (setpriv === null) throw missing("setpriv", "util-linux");
  if (prlimit === null) throw missing("prlimit", "util-linux");
  if (isolation === "bubblewrap" && bwrap === null) throw missing("bwrap", "bubblewrap");
  if (isolation === "namespaces" && unshare === null) throw missing("unshare", "util-linux");
  return { bwrap: bwrap ?? "bwrap", setpriv, prlimit, unshare: unshare ?? "unshare" };
}

function setprivPrefix(probe: SandboxProbe, tools: Tools, noNewPrivs: boolean): string[] {
  const args = [tools.setpriv];
  if (probe.isRoot) args.push(`--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_GID}`, "--clear-groups");
  // bubblewrap sets no_new_privs for the command itself (and may be setuid on
  // old systems, which no_new_privs would break); without it, set it here.
  if (noNewPrivs) args.push("--no-new-privs");
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

function checkCommand(command: SandboxCommand, isolation: Isolation): void {
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
    if (isolation === "limits-only" && target !== source) {
      throw new SandboxError(
        "mount-needs-bubblewrap",
        `read-only mount ${source} → ${target} needs a mount namespace, which this host does not allow; mount it at its own path`,
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
