// The Java toolchain: Maven on a JDK 17+. The prefetch (outside the sandbox,
// with network) resolves what `mvn verify` needs into a Maven local
// repository under the cache folder, shared by every project and run; the
// sandbox then builds and tests offline against that repository, mounted
// read-only. See docs/targets/java-toolchain.md.
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { pathExists } from "../../src/path-exists.js";
import { readFileInside } from "../../src/read-inside.js";
import { parseMavenOutput } from "./java-diagnostics.js";
import { MavenNotFoundError, MavenPrefetchError } from "./java-errors.js";
import { DEPENDENCY_PLUGIN, mavenPrefetchPlan, pomStamp } from "./java-pom.js";
import { readSurefireCases, SUREFIRE_REPORTS } from "./java-surefire.js";
import { findMaven, JAVA_SEARCH_PATH, type MavenToolchain } from "./java-toolchain.js";
import type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";

const run = promisify(execFile);

/** The Maven local repository inside a language cache folder. */
export function mavenRepository(cacheDir: string): string {
  return join(cacheDir, "repository");
}

/** Maven's own JVM: one short build on 2 cores starts faster with C1 alone and the serial collector. */
export const MAVEN_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

/** Flags of every Maven run: batch mode, no download progress, no colour codes. */
const BATCH = ["-B", "-ntp", "-Dstyle.color=never"] as const;

/**
 * The environment of the sandboxed Maven and of the JVM surefire forks (it
 * inherits it). glibc gives each thread of a JVM its own 64 MiB malloc arena;
 * under the sandbox's 4 GiB address-space limit the forked test JVM ran out
 * ("insufficient memory ... ChunkPool::allocate") until they were capped.
 */
function mavenEnv(javaHome: string | undefined): Record<string, string> {
  return { MAVEN_OPTS, MALLOC_ARENA_MAX: "2", ...(javaHome === undefined ? {} : { JAVA_HOME: javaHome }) };
}

/** The sandboxed steps (pure): compile (javac's warnings shown, so not quiet), then verify. */
export function javaSteps(ctx: ProfileContext, tools: { readonly mvn: string; readonly javaHome?: string }): SandboxStep[] {
  const repository = mavenRepository(ctx.cacheDir);
  const offline = [tools.mvn, "-o", ...BATCH, `-Dmaven.repo.local=${repository}`];
  const env = mavenEnv(tools.javaHome);
  const output = { projectDir: ctx.projectDir, pom: join(ctx.projectDir, "pom.xml"), repository, reports: join(ctx.projectDir, SUREFIRE_REPORTS) };
  const diagnostics = (text: string) => parseMavenOutput(text, output);
  // A report left by an earlier run must not pass for this one's.
  const verify = `rm -rf ${SUREFIRE_REPORTS} && exec ${[...offline, "-q", "verify"].map(shellQuote).join(" ")}`;
  return [
    { step: "compile", name: "mvn -o test-compile", argv: [...offline, "test-compile"], env, wallClockMs: 300_000, diagnostics },
    {
      step: "test",
      name: "mvn -o verify",
      argv: ["/bin/sh", "-c", verify],
      env,
      wallClockMs: 600_000,
      diagnostics,
      cases: () => readSurefireCases(ctx.projectDir),
    },
  ];
}

/** Fills the local repository for the project's pom, once per pom (a stamp). */
export async function prefetchMavenRepository(ctx: ProfileContext, tools: MavenToolchain): Promise<void> {
  const pomPath = join(ctx.projectDir, "pom.xml");
  const pomXml = await readFileInside(ctx.projectDir, "pom.xml").then(String, () => {
    throw new MavenPrefetchError(pomPath, "read", "the pom is missing");
  });
  const plan = mavenPrefetchPlan(pomXml, pomPath);
  const stamp = join(ctx.cacheDir, pomStamp(pomXml));
  if (await pathExists(stamp)) return;
  const repository = mavenRepository(ctx.cacheDir);
  await mkdir(repository, { recursive: true, mode: 0o755 });
  // Maven sees the pom alone, in a scratch folder: no sources, no .mvn/
  // configuration (jvm.config, extensions.xml) of the project.
  const scratch = await mkdtemp(join(tmpdir(), "protoforge-maven-prefetch-"));
  const mvn = async (goal: string, args: readonly string[]): Promise<void> => {
    try {
      await run(tools.mvn, [...BATCH, "-q", `-Dmaven.repo.local=${repository}`, ...args], {
        cwd: scratch,
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { PATH: JAVA_SEARCH_PATH.join(":"), HOME: process.env["HOME"] ?? "/", JAVA_HOME: tools.javaHome, MAVEN_OPTS },
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new MavenPrefetchError(pomPath, goal, mavenErrorLines(`${err.stdout ?? ""}${err.stderr ?? ""}`).slice(0, 2).join(" ") || err.message.trim());
    }
  };
  try {
    await writeFile(join(scratch, "pom.xml"), pomXml);
    // Dependencies, plugins and the plugins' dependencies.
    await mvn("dependency:go-offline", [`${DEPENDENCY_PLUGIN}:go-offline`]);
    // What plugins resolve only when they run (surefire's provider, ...).
    for (const artifact of plan.extraArtifacts) await mvn(`dependency:get ${artifact}`, [`${DEPENDENCY_PLUGIN}:get`, `-Dartifact=${artifact}`]);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // The sandbox user reads the repository: make sure a strict umask did not hide it.
  if (process.getuid?.() === 0) await run("chmod", ["-R", "a+rX", ctx.cacheDir]);
  await writeFile(stamp, `${plan.extraArtifacts.join("\n")}\n`);
  await chmod(stamp, 0o644);
}

export function createJavaProfile(dirs: readonly string[] = JAVA_SEARCH_PATH): ToolchainProfile {
  let detected: MavenToolchain | undefined;
  const lookup = async (): Promise<MavenToolchain> => {
    if (detected !== undefined) return detected;
    const found = await findMaven(dirs);
    if ("missing" in found) throw new MavenNotFoundError(dirs, found.missing);
    detected = found.found;
    return detected;
  };
  return {
    language: "java",

    async detect(): Promise<ToolchainInfo> {
      try {
        const tools = await lookup();
        return { available: true, description: `Maven ${tools.mavenVersion}, Java ${tools.javaVersion} (${tools.mvn})` };
      } catch (e) {
        return { available: false, description: "Maven", reason: (e as Error).message };
      }
    },

    async prefetch(ctx: ProfileContext): Promise<void> {
      await prefetchMavenRepository(ctx, await lookup());
    },

    steps: (ctx: ProfileContext): readonly SandboxStep[] => javaSteps(ctx, detected ?? { mvn: "/usr/bin/mvn" }),

    behaviourRun: (ctx: ProfileContext, workDir: string, tests: readonly string[]): SandboxStep => javaBehaviourRun(ctx, workDir, tests, detected ?? { mvn: "/usr/bin/mvn" }),
  };
}

/**
 * The given test classes only (paths relative to the project, e.g.
 * src/test/java/x/FooTest.java) in `workDir`, a copy of the project's sources.
 */
export function javaBehaviourRun(ctx: ProfileContext, workDir: string, tests: readonly string[], tools: { readonly mvn: string; readonly javaHome?: string }): SandboxStep {
  const classes = tests.map((t) => t.replace(/^src\/test\/java\//, "").replace(/\.java$/, "").replace(/\//g, "."));
  const repository = mavenRepository(ctx.cacheDir);
  const argv = [tools.mvn, "-o", ...BATCH, "-q", `-Dmaven.repo.local=${repository}`, `-Dtest=${classes.join(",")}`, "-Dsurefire.failIfNoSpecifiedTests=false", "test"];
  return {
    step: "test",
    name: "mvn -o test (behaviour tests)",
    argv: ["/bin/sh", "-c", `rm -rf ${SUREFIRE_REPORTS} && exec ${argv.map(shellQuote).join(" ")}`],
    env: mavenEnv(tools.javaHome),
    wallClockMs: 120_000,
    cases: () => readSurefireCases(workDir),
  };
}

export const javaProfile: ToolchainProfile = createJavaProfile();

/** Maven's [ERROR] lines that say what failed, without its boilerplate (pure). */
export function mavenErrorLines(output: string): string[] {
  return output
    .split("\n")
    .map((l) => l.replace(ANSI, "").trim())
    .filter((l) => l.startsWith("[ERROR] ") && !/^\[ERROR\] (To see|Re-run|For more information|\[Help|-> \[Help)/.test(l));
}

const ANSI = /\u001b\[[0-9;]*m/g;

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
