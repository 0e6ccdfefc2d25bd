// The thin runner: resolves the command's paths, probes the host once, says
// once when bubblewrap is unavailable, lends the output folder to the sandbox
// user, spawns the plan that buildSandboxArgv made, and gives the folder back.
import { chown, mkdtemp, realpath, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, normalize } from "node:path";
import { buildSandboxArgv, isolationOf, SANDBOX_TMP } from "./build-argv.js";
import { SandboxError } from "./errors.js";
import { assertReachableBySandboxUser, lendToSandbox, unreachableAncestor, type ReturnLoan } from "./ownership.js";
import { detectSandboxProbe } from "./probe.js";
import { spawnGroup } from "./spawn-group.js";
import { decodeTermination } from "./termination.js";
import {
  SANDBOX_GID,
  SANDBOX_UID,
  type SandboxCommand,
  type SandboxLogger,
  type SandboxProbe,
  type SandboxResult,
} from "./types.js";

export interface SandboxRunnerOptions {
  /** Where the one "no bubblewrap" warning goes; standard error by default. */
  readonly logger?: SandboxLogger;
  /** Facts to use instead of the detected ones, e.g. `{ bwrap: false }` to
   *  force the limits-only path. */
  readonly probe?: Partial<SandboxProbe>;
}

export interface SandboxRunner {
  run(command: SandboxCommand): Promise<SandboxResult>;
  /** The host facts this runner uses (detected once per process). */
  probe(): Promise<SandboxProbe>;
}

const stderrLogger: SandboxLogger = { warn: (message) => void process.stderr.write(`warning: ${message}\n`) };

export function createSandboxRunner(options: SandboxRunnerOptions = {}): SandboxRunner {
  const logger = options.logger ?? stderrLogger;
  let probed: Promise<SandboxProbe> | undefined;
  let warned = false;
  const probe = (): Promise<SandboxProbe> => (probed ??= detectSandboxProbe(options.probe));

  return {
    probe,
    async run(command) {
      const facts = await probe();
      if (isolationOf(facts) === "limits-only" && !warned) {
        warned = true;
        logger.warn(limitsOnlyWarning(facts));
      }
      return runWith(command, facts);
    },
  };
}

let defaultRunner: SandboxRunner | undefined;

/** Runs untrusted code: isolated with bubblewrap where the host allows it,
 *  with resource limits always. Throws SandboxError only when the command
 *  cannot be set up; a command that fails is a result. */
export function runSandboxed(command: SandboxCommand): Promise<SandboxResult> {
  defaultRunner ??= createSandboxRunner();
  return defaultRunner.run(command);
}

export function limitsOnlyWarning(probe: SandboxProbe): string {
  const who = probe.isRoot ? `as uid ${SANDBOX_UID} (nobody)` : "as the current user";
  const nproc = probe.isRoot ? ", process-count" : "";
  return (
    `protoforge sandbox: ${probe.bwrapReason ?? "bubblewrap is unavailable"}, and ${probe.namespacesReason ?? "no namespace can be made"}. ` +
    `Generated code will run with limits only: ${who}, with CPU, memory, file-size${nproc} and wall-clock limits, ` +
    `its process group killed on timeout, and a scrubbed environment; but NOT isolated: ` +
    `it can reach the network and the host's loopback services, write wherever that user may (/tmp, /dev/shm, /var/tmp), ` +
    `and a process that leaves its group can outlive the step. Install bubblewrap (apt-get install bubblewrap), ` +
    `or allow namespaces for util-linux unshare, to isolate it.`
  );
}

/** One paragraph for `protoforge doctor` and the first lines of a run: which isolation is in force, and why. */
export function describeIsolation(probe: SandboxProbe): string {
  const user = probe.isRoot ? `uid ${SANDBOX_UID} (nobody)` : "the current user";
  switch (isolationOf(probe)) {
    case "bubblewrap":
      return `bubblewrap: generated code runs as ${user} with no network but a private loopback, a read-only view of the system, only its project folder and a private /tmp writable, its own pid namespace, and resource limits.`;
    case "namespaces":
      return (
        `namespaces (util-linux unshare; ${probe.bwrapReason ?? "bubblewrap is unavailable"}): generated code runs as ${user} in its own user, mount, network, pid, ipc and uts namespaces ` +
        `with no network but a private loopback, every host mount read-only, only its project folder and a private /tmp and /dev/shm writable, no process outliving the step, and resource limits.`
      );
    case "limits-only":
      return `limits only: ${limitsOnlyWarning(probe)}`;
  }
}

async function runWith(raw: SandboxCommand, probe: SandboxProbe): Promise<SandboxResult> {
  const command = await resolvePaths(raw);
  const isolation = isolationOf(probe);
  const sources = [command.writableDir, ...(command.readOnlyMounts ?? []).map((m) => m.source)];
  const hide: string[] = [];
  if (probe.isRoot && isolation === "limits-only") {
    for (const source of sources) await assertReachableBySandboxUser(source);
  } else if (probe.isRoot) {
    // A folder under a private parent is reached through a tmpfs over that parent.
    for (const source of sources) {
      const blocked = await unreachableAncestor(source);
      if (blocked !== undefined && !hide.includes(blocked)) hide.push(blocked);
    }
  }
  if (isolation !== "limits-only") await assertMountPointsCanExist(command, hide);
  let scratch: string | undefined;
  let returnLoan: ReturnLoan | undefined;
  try {
    if (isolation === "limits-only") {
      // Without a private /tmp: a fresh HOME and TMPDIR per run.
      scratch = await mkdtemp(join(tmpdir(), "protoforge-sandbox-"));
      if (probe.isRoot) await chown(scratch, SANDBOX_UID, SANDBOX_GID);
    }
    const plan = buildSandboxArgv(command, probe, { ...(scratch !== undefined ? { scratchDir: scratch } : {}), hide });
    if (plan.runAsUid !== null) returnLoan = await lendToSandbox(command.writableDir);
    const outcome = await spawnGroup({
      argv: plan.argv,
      env: plan.env,
      cwd: plan.cwd,
      ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
      wallClockMs: plan.limits.wallClockMs,
      outputBytes: plan.limits.outputBytes,
    });
    const { exitCode, signal } = decodeTermination(outcome.exitCode, outcome.signal);
    return { ...outcome, exitCode, signal, isolation: plan.isolation };
  } finally {
    await returnLoan?.();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}

/** A missing mount point can be made only where the sandbox's view is
 *  writable (its /tmp, the writable dir, a hidden folder's tmpfs); in the
 *  read-only `/` it would fail inside the run. */
async function assertMountPointsCanExist(command: SandboxCommand, hide: readonly string[]): Promise<void> {
  const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);
  for (const { target = "" } of command.readOnlyMounts ?? []) {
    if (within(target, SANDBOX_TMP) || within(target, command.writableDir) || hide.some((h) => within(target, h))) continue;
    if (await stat(target).then(() => true, () => false)) continue;
    throw new SandboxError(
      "path-not-found",
      `read-only mount target ${target} does not exist, and cannot be made in the read-only system; ` +
        `mount it under ${SANDBOX_TMP} or the writable dir instead`,
      target,
    );
  }
}

/** Real paths for the writable dir, cwd and mount sources (bubblewrap binds
 *  what it is given, and the cwd check must not be fooled by symlinks). */
async function resolvePaths(command: SandboxCommand): Promise<SandboxCommand> {
  const real = async (what: string, path: string, directory: boolean): Promise<string> => {
    if (!isAbsolute(path)) throw new SandboxError("invalid-command", `${what} must be an absolute path, got ${path}`, path);
    try {
      const resolved = await realpath(path);
      if (directory && !(await stat(resolved)).isDirectory()) {
        throw new SandboxError("path-not-found", `${what} ${path} is not a directory`, path);
      }
      return resolved;
    } catch (e) {
      if (e instanceof SandboxError) throw e;
      throw new SandboxError("path-not-found", `${what} ${path} does not exist`, path);
    }
  };
  const writableDir = await real("writableDir", command.writableDir, true);
  const cwd = await real("cwd", command.cwd, true);
  const readOnlyMounts = [];
  for (const mount of command.readOnlyMounts ?? []) {
    const source = await real("read-only mount source", mount.source, false);
    // Unset, the target is where the source really is; a given target is kept
    // as written (it names a place inside the sandbox).
    const sameAsSource = mount.target === undefined || normalize(mount.target) === normalize(mount.source);
    const target = sameAsSource ? source : normalize(mount.target ?? source);
    readOnlyMounts.push({ source, target });
  }
  return { ...command, writableDir, cwd, readOnlyMounts };
}
