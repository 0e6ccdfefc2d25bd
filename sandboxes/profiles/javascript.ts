// The JavaScript toolchain: a system Node.js 20+ with its npm, the project's
// dev dependencies installed by `npm ci --offline` from a read-only npm cache
// filled before the run (the only step with network), then `tsc -p
// tsconfig.json` (checkJs) and `node --test` with a JUnit report.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { readFileInside } from "../../src/read-inside.js";
import { parseJUnitXml } from "../results/junit.js";
import { parseTscDiagnostics } from "../results/tsc.js";
import { DependencyFetchError } from "./errors.js";
import { findNode, MIN_NODE_MAJOR, NODE_CANDIDATES, NODE_SANDBOX_ENV, type NodeToolchain } from "./node-binary.js";
import { lockedPackages, lockStamp } from "./npm-lock.js";
import type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";
import { pathExists } from "../../src/path-exists.js";

export const NODE_RESULTS_FILE = ".protoforge-results/node-test.xml";
const PROOF_RESULTS_FILE = ".protoforge-results/proof.xml";

/** The programs the steps run: node, and npm's CLI script run by that node. */
export interface JavascriptTools {
  readonly node: string;
  readonly npmCli: string;
}

/** Debian/Ubuntu's layout, used only when steps are planned before detection. */
export const DEFAULT_JAVASCRIPT_TOOLS: JavascriptTools = { node: "/usr/bin/node", npmCli: "/usr/lib/node_modules/npm/bin/npm-cli.js" };

/** npm flags that keep it from writing outside the project or reaching the network. */
const NPM_QUIET = ["--no-audit", "--no-fund", "--no-update-notifier", "--logs-max=0"] as const;

/** How long one generated test may take (its package.json's `npm test` says the same). */
const TEST_TIMEOUT_MS = 60_000;

/** The sandboxed steps (pure). */
export function javascriptSteps(ctx: ProfileContext, tools: JavascriptTools): SandboxStep[] {
  const testArgs = [
    "--test",
    // node waits forever for a hung test by default; this fails it instead, and the run goes on.
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    "--test-reporter=junit",
    `--test-reporter-destination=${NODE_RESULTS_FILE}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "test/",
  ];
  // node --test does not create the report's folder, and a report left from
  // an earlier run must not pass for this one's: a shell makes the folder and
  // removes the old report, then becomes node.
  const resultsDir = NODE_RESULTS_FILE.slice(0, NODE_RESULTS_FILE.lastIndexOf("/"));
  const script = `mkdir -p ${resultsDir} && rm -f ${NODE_RESULTS_FILE} && exec ${[tools.node, ...testArgs].map(shellQuote).join(" ")}`;
  return [
    {
      step: "install",
      name: "npm ci --offline",
      argv: [tools.node, tools.npmCli, "ci", "--offline", "--cache", ctx.cacheDir, "--ignore-scripts", ...NPM_QUIET],
      env: NODE_SANDBOX_ENV,
      wallClockMs: 300_000,
    },
    {
      step: "typecheck",
      name: "tsc -p tsconfig.json",
      argv: [tools.node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--pretty", "false"],
      env: NODE_SANDBOX_ENV,
      diagnostics: parseTscDiagnostics,
    },
    {
      step: "test",
      name: "node --test",
      argv: ["/bin/sh", "-c", script],
      env: NODE_SANDBOX_ENV,
      wallClockMs: 600_000,
      cases: async () => parseJUnitXml((await readFileInside(ctx.projectDir, NODE_RESULTS_FILE)).toString("utf8"), { root: ctx.projectDir }),
    },
  ];
}

/** `node --test` of the given files only, with a JUnit report; node_modules is a link to the project's (pure). */
export function javascriptBehaviourRun(workDir: string, tools: JavascriptTools, tests: readonly string[]): SandboxStep {
  const testArgs = ["--test", `--test-timeout=${TEST_TIMEOUT_MS}`, "--test-reporter=junit", `--test-reporter-destination=${PROOF_RESULTS_FILE}`, ...tests];
  const resultsDir = PROOF_RESULTS_FILE.slice(0, PROOF_RESULTS_FILE.lastIndexOf("/"));
  return {
    step: "test",
    name: "node --test (behaviour tests)",
    argv: ["/bin/sh", "-c", `mkdir -p ${resultsDir} && rm -f ${PROOF_RESULTS_FILE} && exec ${[tools.node, ...testArgs].map(shellQuote).join(" ")}`],
    env: NODE_SANDBOX_ENV,
    wallClockMs: TEST_TIMEOUT_MS,
    cases: async () => parseJUnitXml((await readFileInside(workDir, PROOF_RESULTS_FILE)).toString("utf8"), { root: workDir }),
  };
}

/** Fills `cacheDir` with exactly the lock's packages (outside the sandbox, with network); a stamp per lock skips it next time. */
export async function prefetchNpmCache(ctx: ProfileContext, tools: JavascriptTools): Promise<void> {
  const lockText = await readFileInside(ctx.projectDir, "package-lock.json").then(String, () => {
    throw new DependencyFetchError("javascript", [], `${join(ctx.projectDir, "package-lock.json")} is missing; npm ci needs it`);
  });
  const packages = lockedPackages(lockText);
  const stamp = join(ctx.cacheDir, lockStamp(lockText));
  if (await pathExists(stamp)) return;
  // npm ci in a scratch copy of package.json and the lock: it fetches and
  // verifies every locked package into the cache (and nothing else); the
  // scratch node_modules is thrown away.
  const scratch = await mkdtemp(join(tmpdir(), "protoforge-npm-prefetch-"));
  try {
    await writeFile(join(scratch, "package.json"), await readFileInside(ctx.projectDir, "package.json"));
    await writeFile(join(scratch, "package-lock.json"), lockText);
    await execa(tools.node, [tools.npmCli, "ci", "--cache", ctx.cacheDir, "--prefer-offline", "--ignore-scripts", ...NPM_QUIET], {
      cwd: scratch,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    if (e instanceof DependencyFetchError) throw e;
    // npm's last stderr lines (execa), or why it could not run, or a file that could not be copied.
    const err = e as { stderr?: string; shortMessage?: string; message: string };
    throw new DependencyFetchError("javascript", packages, (err.stderr || err.shortMessage || err.message).trim().split("\n").slice(-3).join(" "));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // The sandbox user reads the cache: make sure a strict umask did not hide it.
  if (process.getuid?.() === 0) await execa("chmod", ["-R", "a+rX", ctx.cacheDir]);
  await writeFile(stamp, `${packages.join("\n")}\n`);
  await chmod(stamp, 0o644);
}

export function createJavascriptProfile(candidates: readonly string[] = NODE_CANDIDATES): ToolchainProfile {
  let detected: NodeToolchain | undefined;
  const tools = (): JavascriptTools =>
    detected?.npmCli === undefined ? DEFAULT_JAVASCRIPT_TOOLS : { node: detected.node, npmCli: detected.npmCli };
  return {
    language: "javascript",

    async detect(): Promise<ToolchainInfo> {
      detected = await findNode(candidates);
      if (detected === undefined) {
        return { available: false, description: "Node.js", reason: `no Node.js ${MIN_NODE_MAJOR}+ the sandbox user can run at ${candidates.join(" or ")}` };
      }
      const description = `Node.js ${detected.version}${detected.npmVersion ? `, npm ${detected.npmVersion}` : ""} (${detected.node})`;
      if (detected.npmCli === undefined) return { available: false, description, reason: `no npm next to ${detected.node} that the sandbox user can run` };
      return { available: true, description };
    },

    async prefetch(ctx: ProfileContext): Promise<void> {
      if (detected === undefined) detected = await findNode(candidates);
      if (detected?.npmCli === undefined) throw new DependencyFetchError("javascript", [], "no Node.js with npm");
      await prefetchNpmCache(ctx, tools());
    },

    steps: (ctx: ProfileContext): readonly SandboxStep[] => javascriptSteps(ctx, tools()),

    behaviourRun: (_ctx: ProfileContext, workDir: string, tests: readonly string[]): SandboxStep => javascriptBehaviourRun(workDir, tools(), tests),
  };
}

export const javascriptProfile: ToolchainProfile = createJavascriptProfile();

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
