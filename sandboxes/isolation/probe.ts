// Finds out, once per process, what the host offers: who we are, the hard
// limits in force, where setpriv, prlimit, bwrap, unshare and ip are, whether
// bwrap can really create its namespaces here (it may be installed yet
// refused, e.g. in a container without user namespaces) and, when it cannot,
// whether util-linux unshare can. The answers are cached.
import { access, chown, constants, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { buildProbeArgv, buildSandboxArgv } from "./build-argv.js";
import { parseProcLimits } from "./limits.js";
import { SAFE_PATH, SANDBOX_GID, SANDBOX_UID, type HardLimits, type SandboxProbe } from "./types.js";

interface HostFacts {
  readonly isRoot: boolean;
  readonly hardLimits: HardLimits;
  readonly tools: SandboxProbe["tools"];
}

interface BwrapCheck {
  readonly bwrap: boolean;
  readonly disableUserns: boolean;
  readonly bwrapReason?: string;
}

interface NamespacesCheck {
  readonly namespaces: boolean;
  readonly namespacesReason?: string;
}

let hostFacts: Promise<HostFacts> | undefined;
let bwrapCheck: Promise<BwrapCheck> | undefined;
let namespacesCheck: Promise<NamespacesCheck> | undefined;

/** The host's answers, with `override` on top. A mode is only tried when the
 *  override does not already say whether to use it: `{ bwrap: false }` tries
 *  the namespaces mode, `{ bwrap: false, namespaces: false }` forces limits only. */
export async function detectSandboxProbe(override: Partial<SandboxProbe> = {}): Promise<SandboxProbe> {
  hostFacts ??= readHostFacts();
  const facts = await hostFacts;
  let check: BwrapCheck;
  if (override.bwrap === false) check = { bwrap: false, disableUserns: false, bwrapReason: "disabled by the caller" };
  else if (override.bwrap === true) check = { bwrap: true, disableUserns: override.disableUserns ?? false };
  else {
    bwrapCheck ??= tryBubblewrap(facts);
    check = await bwrapCheck;
  }
  let ns: NamespacesCheck;
  if (override.namespaces === false) ns = { namespaces: false, namespacesReason: "disabled by the caller" };
  else if (override.namespaces === true || check.bwrap) ns = { namespaces: override.namespaces ?? false };
  else {
    namespacesCheck ??= tryNamespaces(facts);
    ns = await namespacesCheck;
  }
  return { ...facts, ...check, ...ns, ...override };
}

async function readHostFacts(): Promise<HostFacts> {
  const limitsText = await readFile("/proc/self/limits", "utf8").catch(() => "");
  const [bwrap, setpriv, prlimit, unshare, ip] = await Promise.all(["bwrap", "setpriv", "prlimit", "unshare", "ip"].map(findOnSafePath));
  return {
    isRoot: process.geteuid?.() === 0,
    hardLimits: parseProcLimits(limitsText),
    tools: { bwrap: bwrap ?? null, setpriv: setpriv ?? null, prlimit: prlimit ?? null, unshare: unshare ?? null, ip: ip ?? null },
  };
}

async function findOnSafePath(name: string): Promise<string | undefined> {
  for (const dir of SAFE_PATH.split(":")) {
    const candidate = `${dir}/${name}`;
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Runs `true` under exactly the layers a real run uses; first with
 *  `--disable-userns` (kernel and bwrap support vary), then without. */
async function tryBubblewrap(facts: HostFacts): Promise<BwrapCheck> {
  if (facts.tools.bwrap === null) {
    return { bwrap: false, disableUserns: false, bwrapReason: "bwrap is not installed (Debian package bubblewrap)" };
  }
  if (facts.tools.setpriv === null || facts.tools.prlimit === null) {
    return { bwrap: false, disableUserns: false, bwrapReason: "setpriv or prlimit (util-linux) is missing" };
  }
  const candidate = (disableUserns: boolean): SandboxProbe => ({ ...facts, bwrap: true, disableUserns, namespaces: false });
  const hardened = await runQuietly(buildProbeArgv(candidate(true)));
  if (hardened.ok) return { bwrap: true, disableUserns: true };
  const plain = await runQuietly(buildProbeArgv(candidate(false)));
  if (plain.ok) return { bwrap: true, disableUserns: false };
  return { bwrap: false, disableUserns: false, bwrapReason: `bwrap cannot create its namespaces here: ${plain.detail}` };
}

/** Runs `true` exactly as a real namespaces-mode run would, in a scratch folder. */
async function tryNamespaces(facts: HostFacts): Promise<NamespacesCheck> {
  if (facts.tools.unshare === null || facts.tools.setpriv === null || facts.tools.prlimit === null) {
    return { namespaces: false, namespacesReason: "unshare, setpriv or prlimit (util-linux) is missing" };
  }
  const dir = await mkdtemp(join(tmpdir(), "protoforge-probe-"));
  try {
    if (facts.isRoot) await chown(dir, SANDBOX_UID, SANDBOX_GID);
    const candidate: SandboxProbe = { ...facts, bwrap: false, disableUserns: false, namespaces: true };
    const plan = buildSandboxArgv({ argv: ["true"], cwd: dir, writableDir: dir }, candidate);
    const result = await runQuietly(plan.argv);
    if (result.ok) return { namespaces: true };
    return { namespaces: false, namespacesReason: `unshare cannot create the namespaces here: ${result.detail}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Its first stderr line, or why it failed, as the detail. */
async function runQuietly(argv: readonly string[]): Promise<{ ok: boolean; detail: string }> {
  const [file, ...args] = argv;
  const result = await execa(file ?? "false", args, { env: { PATH: SAFE_PATH }, extendEnv: false, cwd: "/", timeout: 10_000, reject: false });
  return { ok: !result.failed, detail: result.stderr.trim().split("\n")[0] || (result.failed ? (result.shortMessage ?? "") : "") };
}
