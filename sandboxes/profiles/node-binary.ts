// Finding a Node.js the sandbox user can run: a system install (the sandbox
// binds / read-only, but uid 65534 cannot reach /root, so nvm/volta installs
// under a home do not count), version 20 or later, with its npm.
import { realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { assertReachableBySandboxUser } from "../isolation/ownership.js";

export const NODE_CANDIDATES = ["/usr/bin/node", "/usr/local/bin/node"] as const;
export const MIN_NODE_MAJOR = 20;

/** The environment every node process in the sandbox gets (its children inherit it).
 *  WebAssembly's trap handler reserves about 10 GiB of address space per
 *  instance, more than the sandbox's address-space limit allows, so undici's
 *  HTTP parser (wasm, behind fetch) would fail with "Out of memory"; without
 *  the trap handler, V8 checks bounds in code and reserves only what it uses. */
export const NODE_SANDBOX_ENV: Readonly<Record<string, string>> = { NODE_OPTIONS: "--disable-wasm-trap-handler" };

export interface NodeToolchain {
  /** The node binary as the sandbox runs it, e.g. /usr/bin/node. */
  readonly node: string;
  /** e.g. "20.20.2" */
  readonly version: string;
  /** npm's CLI script (npm-cli.js), run as `node <npmCli>`, or undefined when npm is missing. */
  readonly npmCli: string | undefined;
  readonly npmVersion: string | undefined;
}

/** `v20.20.2` → 20; NaN when it is not a version. Pure. */
export function nodeMajor(version: string): number {
  const m = /^v?(\d+)\.\d+\.\d+/.exec(version.trim());
  return m?.[1] === undefined ? Number.NaN : Number(m[1]);
}

/** The first candidate that runs, is new enough and is usable by the sandbox user. */
export async function findNode(candidates: readonly string[] = NODE_CANDIDATES): Promise<NodeToolchain | undefined> {
  for (const node of candidates) {
    try {
      const { stdout } = await execa(node, ["--version"], { timeout: 20_000 });
      const version = stdout.trim().replace(/^v/, "");
      if (!(nodeMajor(version) >= MIN_NODE_MAJOR)) continue;
      if (!(await usableBySandbox(node, 0o001))) continue;
      const npm = await findNpm(node);
      return { node, version, npmCli: npm?.cli, npmVersion: npm?.version };
    } catch {
      // not this one
    }
  }
  return undefined;
}

async function findNpm(node: string): Promise<{ cli: string; version: string } | undefined> {
  try {
    const cli = await realpath(join(dirname(node), "npm"));
    if (!(await usableBySandbox(cli, 0o004))) return undefined;
    const { stdout } = await execa(node, [cli, "--version"], { timeout: 30_000 });
    return { cli, version: stdout.trim() };
  } catch {
    return undefined;
  }
}

/**
 * Whether the sandbox user may use `path` (`bit`: 0o001 execute, 0o004 read
 * by others). A non-root runner runs the sandbox as itself, so anything it
 * can run counts.
 */
async function usableBySandbox(path: string, bit: number): Promise<boolean> {
  if (process.getuid?.() !== 0) return true;
  const real = await realpath(path);
  const info = await stat(real);
  if ((info.mode & bit) === 0) return false;
  try {
    await assertReachableBySandboxUser(real);
    return true;
  } catch {
    return false;
  }
}
