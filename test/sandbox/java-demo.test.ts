// How the interop matrix and the conformance relay start a Java demo: the
// JVM alone on the built classes and the copied dependencies.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findJava, javaCandidates, javaDemoLaunch, javaDemoPackage } from "../../sandboxes/interop/java-demo.js";
import { InteropError } from "../../sandboxes/interop/errors.js";

const dirs: string[] = [];
async function project(packages: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pf-java-demo-"));
  dirs.push(dir);
  for (const pkg of packages) {
    const demo = join(dir, "target", "classes", "dev", "protoforge", pkg, "demo");
    await mkdir(demo, { recursive: true });
    await writeFile(join(demo, "DemoServer.class"), "");
  }
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("the Java demo command", () => {
  it("runs the role's main class on target/classes and target/dependency with a bounded JVM", () => {
    const server = javaDemoLaunch("/out/java", "/jdk/bin/java", "dev.protoforge.chat", "server");
    expect(server.cwd).toBe("/out/java");
    expect(server.argv).toEqual([
      "/usr/bin/env", "MALLOC_ARENA_MAX=2", "/jdk/bin/java",
      "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-cp", "target/classes:target/dependency/*", "dev.protoforge.chat.demo.DemoServer",
    ]);
    expect(javaDemoLaunch("/out/java", "/jdk/bin/java", "dev.protoforge.chat", "client").argv.at(-1)).toBe("dev.protoforge.chat.demo.DemoClient");
  });

  it("finds the package whose DemoServer the build wrote", async () => {
    expect(await javaDemoPackage(await project(["sensortelemetry"]))).toBe("dev.protoforge.sensortelemetry");
  });

  it("refuses an unbuilt project and an ambiguous one, naming what it looked for", async () => {
    const unbuilt = await project([]);
    await expect(javaDemoPackage(unbuilt)).rejects.toThrow(InteropError);
    await expect(javaDemoPackage(unbuilt)).rejects.toThrow(/DemoServer\.class .*was the project built with mvn verify/);
    await expect(javaDemoPackage(await project(["a", "b"]))).rejects.toThrow(/more than one demo package.*a, b/);
  });

  it("looks at $JAVA_HOME first and names the JDK to install when there is no java", async () => {
    expect(javaCandidates({ JAVA_HOME: "/opt/jdk" })).toEqual(["/opt/jdk/bin/java", "/usr/bin/java", "/usr/local/bin/java"]);
    expect(javaCandidates({})).toEqual(["/usr/bin/java", "/usr/local/bin/java"]);
    const err = await findJava(["/nowhere/bin/java"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InteropError);
    expect((err as InteropError).message).toBe("no java binary (looked at /nowhere/bin/java); install a JDK 17 (apt-get install openjdk-17-jdk-headless)");
  });
});
