// How the Java demo starts (docs/targets/java-contract.md, "Demo"): after
// `mvn -o verify` the classes are in target/classes and the runtime
// dependencies in target/dependency, so the demo runs on the JVM alone:
//   java <JVM_FLAGS> -cp target/classes:target/dependency/* <pkg>.demo.DemoServer|DemoClient
// The driver appends `--host H --port P`.
import { readdir, realpath } from "node:fs/promises";
import { join } from "node:path";
import { pathExists } from "../../src/path-exists.js";
import type { DemoLaunch } from "./driver-source.js";
import { InteropError } from "./errors.js";

/**
 * A small JVM for a demo: the heap bounded (the sandbox caps the address
 * space, and the JVM would otherwise reserve a quarter of the machine's
 * memory), C1 only and the serial collector (a short run on 2 cores starts
 * faster). glibc's per-thread malloc arenas are capped through the
 * environment, as for Maven (sandboxes/profiles/java.ts).
 */
export const JAVA_DEMO_FLAGS = ["-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"] as const;

const CLASSPATH = "target/classes:target/dependency/*";

/** The demo's launch, given the java binary and the demo's package (pure). */
export function javaDemoLaunch(projectDir: string, java: string, pkg: string, role: "server" | "client"): DemoLaunch {
  const main = `${pkg}.demo.${role === "server" ? "DemoServer" : "DemoClient"}`;
  return { cwd: projectDir, argv: ["/usr/bin/env", "MALLOC_ARENA_MAX=2", java, ...JAVA_DEMO_FLAGS, "-cp", CLASSPATH, main] };
}

/** The package whose demo/DemoServer.class the build wrote, e.g. dev.protoforge.chat. */
export async function javaDemoPackage(projectDir: string): Promise<string> {
  const root = join(projectDir, "target", "classes", "dev", "protoforge");
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && (await pathExists(join(root, e.name, "demo", "DemoServer.class")))) found.push(e.name);
  }
  const [pkg, ...more] = found.sort();
  if (pkg === undefined) throw new InteropError("demo-not-found", `no dev/protoforge/<package>/demo/DemoServer.class under ${join(projectDir, "target", "classes")} (was the project built with mvn verify?)`);
  if (more.length > 0) throw new InteropError("demo-not-found", `more than one demo package under ${root}: ${found.join(", ")}`);
  return `dev.protoforge.${pkg}`;
}

/** Where a JDK's java may be: $JAVA_HOME/bin/java first (pure). */
export function javaCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env["JAVA_HOME"];
  return [...(home ? [join(home, "bin", "java")] : []), "/usr/bin/java", "/usr/local/bin/java"];
}

/** The first candidate that exists, with its links resolved (the sandbox may not see /etc/alternatives). */
export async function findJava(candidates: readonly string[] = javaCandidates()): Promise<string> {
  for (const candidate of candidates) {
    if (await pathExists(candidate)) return realpath(candidate);
  }
  throw new InteropError("demo-not-found", `no java binary (looked at ${candidates.join(", ")}); install a JDK 17 (apt-get install openjdk-17-jdk-headless)`);
}
