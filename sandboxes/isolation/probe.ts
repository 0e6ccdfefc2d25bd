// Finds out, once per process, what the host offers: who we are, the hard
// limits in force, where setpriv, prlimit and bwrap are, and whether bwrap can
// really create its namespaces here (it may be installed yet refused, e.g. in
// a container without user namespaces). The answers are cached.
import { execFile } from "node:child_process";
import { access, constants, readFile } from "node:fs/promises";
import { buildProbeArgv } from "./build-argv.js";
import { parseProcLimits } from "./limits.js";
import { SAFE_PATH, type HardLimits, type SandboxProbe } from "./types.js";

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

let hostFacts: Promise<HostFacts> | undefined;
let bwrapCheck: Promise<BwrapCheck> | undefined;

/** The host's answers, with `override` on top. bubblewrap is only tried when
 *  the override does not already say whether to use it. */
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
  return { ...facts, ...check, ...override };
}

async function readHostFacts(): Promise<HostFacts> {
  const limitsText = await readFile("/proc/self/limits", "utf8").catch(() => "");
  const [bwrap, setpriv, prlimit] = await Promise.all(["bwrap", "setpriv", "prlimit"].map(findOnSafePath));
  return {
    isRoot: process.geteuid?.() === 0,
    hardLimits: parseProcLimits(limitsText),
    tools: { bwrap: bwrap ?? null, setpriv: setpriv ?? null, prlimit: prlimit ?? null },
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
  const candidate = (disableUserns: boolean): SandboxProbe => ({ ...facts, bwrap: true, disableUserns });
  const hardened = await runQuietly(buildProbeArgv(candidate(true)));
  if (hardened.ok) return { bwrap: true, disableUserns: true };
  const plain = await runQuietly(buildProbeArgv(candidate(false)));
  if (plain.ok) return { bwrap: true, disableUserns: false };
  return { bwrap: false, disableUserns: false, bwrapReason: `bwrap cannot create its namespaces here: ${plain.detail}` };
}

function runQuietly(argv: readonly string[]): Promise<{ ok: boolean; detail: string }> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    execFile(file ?? "false", args, { env: { PATH: SAFE_PATH }, cwd: "/", timeout: 10_000 }, (error, _stdout, stderr) => {
      const detail = stderr.trim().split("\n")[0] || (error ? error.message : "");
      resolve({ ok: error === null, detail });
    });
  });
}
