// The Java (Maven) profile for real: Maven and a JDK 17 found, the local
// repository filled from the fixture's pom (network once, then a stamp), and
// the fixture built and tested offline in the real sandbox by the tester —
// passing (with the sandbox's network checked from inside by a fixture
// test), with a failing test, with a javac warning under -Werror, and with an
// artifact the prefetch never fetched. Every build shares one cache.
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { parseMavenOutput } from "../../sandboxes/profiles/java-diagnostics.js";
import { mavenPrefetchPlan, pomStamp } from "../../sandboxes/profiles/java-pom.js";
import { javaStackLocation } from "../../sandboxes/profiles/java-surefire.js";
import { createJavaProfile, javaProfile, mavenRepository } from "../../sandboxes/profiles/java.js";
import { languageCacheDir, type ToolchainProfile } from "../../sandboxes/profiles/index.js";
import { testGeneratedProject } from "../../sandboxes/tester.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const FIXTURE = "test/fixtures/java-maven";
const PKG = "src/test/java/dev/protoforge/fixture";
const MAIN = "src/main/java/dev/protoforge/fixture";
const runner = createSandboxRunner();
const TIMEOUT = 300_000;
const PROFILES: Readonly<Record<string, ToolchainProfile>> = { java: javaProfile };

/** A fresh output folder holding the fixture as OUT/java, with `extra` files written over it. */
async function outputFolder(label: string, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const out = await tempDir(`java-${label}`);
  await cp(FIXTURE, join(out, "java"), { recursive: true });
  for (const [path, text] of Object.entries(extra)) {
    await mkdir(join(out, "java", path, ".."), { recursive: true });
    await writeFile(join(out, "java", path), text);
  }
  return out;
}

const fixturePom = (): Promise<string> => readFile(join(FIXTURE, "pom.xml"), "utf8");

beforeAll(async () => {
  const probe = await runner.probe();
  if (!probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
});
afterAll(removeTempDirs);

describe("what the prefetch reads from a pom", () => {
  it("the fixture: surefire's pinned version, its JUnit Platform provider and Maven 3.8's injected plexus-utils", async () => {
    expect(mavenPrefetchPlan(await fixturePom(), "pom.xml")).toEqual({
      surefireVersion: "3.6.1",
      extraArtifacts: ["org.codehaus.plexus:plexus-utils:1.1", "org.apache.maven.surefire:surefire-junit-platform:3.6.1"],
    });
  });

  it("refuses build extensions (code Maven runs as it reads the pom) and an unpinned surefire, naming the pom", async () => {
    const pom = await fixturePom();
    const withExtension = pom.replace("<pluginManagement>", "<extensions><extension><groupId>x.evil</groupId><artifactId>ext</artifactId><version>1</version></extension></extensions><pluginManagement>");
    expect(() => mavenPrefetchPlan(withExtension, "/p/pom.xml")).toThrow(expect.objectContaining({ code: "maven-pom-refused", message: expect.stringMatching(/^\/p\/pom\.xml: build extensions .*x\.evil:ext/) }));
    const unpinned = pom.replace(/(<artifactId>maven-surefire-plugin<\/artifactId>\s*)<version>[^<]+<\/version>/, "$1");
    expect(() => mavenPrefetchPlan(unpinned, "/p/pom.xml")).toThrow(expect.objectContaining({ code: "maven-pom-refused", message: expect.stringContaining("maven-surefire-plugin has no version") }));
    expect(pomStamp(pom)).not.toBe(pomStamp(`${pom} `));
  });

  it("reads javac's findings, a missing offline artifact and surefire's failed tests from Maven's output", () => {
    const output = [
      "[WARNING] /p/src/main/java/x/Raw.java:[10,9] found raw type: java.util.List",
      "[ERROR] /p/src/main/java/x/Raw.java: warnings found and -Werror specified",
      "[ERROR] /p/src/main/java/x/Raw.java: warnings found and -Werror specified",
      "[ERROR] Failed to execute goal ...: Cannot access central (https://example.invalid) in offline mode and the artifact org.codehaus.plexus:plexus-utils:jar:1.1 has not been downloaded from it before. -> [Help 1]",
      "[ERROR] Failures: ",
      "[ERROR]   Crc8Test.matchesTheCheckValue:11 expected: <245> but was: <244>",
      "[INFO] ",
    ].join("\n");
    expect(parseMavenOutput(output, { projectDir: "/p", pom: "/p/pom.xml", repository: "/c/repository", reports: "/p/target/surefire-reports" })).toEqual([
      { severity: "warning", message: "found raw type: java.util.List", location: { file: "src/main/java/x/Raw.java", line: 10 } },
      { severity: "error", code: "java-compile-failed", location: { file: "src/main/java/x/Raw.java" }, message: expect.stringContaining("src/main/java/x/Raw.java: warnings found and -Werror specified") },
      { severity: "error", code: "maven-offline-artifact-missing", location: { file: "/p/pom.xml" }, message: expect.stringContaining("needs org.codehaus.plexus:plexus-utils:jar:1.1, which is not in /c/repository") },
      { severity: "error", code: "java-tests-failed", message: expect.stringContaining("1 test(s) failed: Crc8Test.matchesTheCheckValue") },
    ]);
  });

  it("places a failure at its test method's frame in src/test/java", () => {
    const xml = "at org.junit.Assert.fail(Assert.java:1)\n\tat dev.x.FooTest.helper(FooTest.java:30)\n\tat dev.x.FooTest.checks(FooTest.java:12)";
    expect(javaStackLocation(xml, "dev.x.FooTest", "checks")).toEqual({ file: "src/test/java/dev/x/FooTest.java", line: 12 });
    expect(javaStackLocation(xml, "dev.x.FooTest", "other")).toEqual({ file: "src/test/java/dev/x/FooTest.java", line: 30 });
    expect(javaStackLocation(xml, "dev.y.BarTest", "checks")).toBeUndefined();
  });
});

describe("javaProfile.detect and its missing toolchain", () => {
  it("finds Maven on a JDK 17+ where the sandbox's PATH looks", async () => {
    const info = await javaProfile.detect();
    expect(info.available, info.reason).toBe(true);
    expect(info.description).toMatch(/^Maven 3\.\d+\.\d+, Java (1[7-9]|[2-9]\d)[.\d]* \(\/usr(\/local)?\/bin\/mvn\)$/);
  });

  it("without mvn: not available, and the prefetch fails with the packages to install", async () => {
    const empty = await tempDir("java-no-mvn");
    const profile = createJavaProfile([empty]);
    const info = await profile.detect();
    expect(info.available).toBe(false);
    expect(info.reason).toContain("no Maven (mvn)");
    await expect(profile.prefetch({ projectDir: empty, cacheDir: empty })).rejects.toMatchObject({
      code: "maven-not-found",
      message: expect.stringContaining("apt-get install maven openjdk-17-jdk-headless"),
    });
  });
});

describe("javaProfile.prefetch", () => {
  it("fills the local repository once per pom (surefire's provider included) and leaves a stamp", async () => {
    const out = await outputFolder("prefetch");
    const ctx = { projectDir: join(out, "java"), cacheDir: await languageCacheDir("java") };
    await javaProfile.prefetch(ctx);
    const pom = await fixturePom();
    expect(await readFile(join(ctx.cacheDir, pomStamp(pom)), "utf8")).toBe("org.codehaus.plexus:plexus-utils:1.1\norg.apache.maven.surefire:surefire-junit-platform:3.6.1\n");
    expect(await readdir(join(mavenRepository(ctx.cacheDir), "org/apache/maven/surefire/surefire-junit-platform"))).toContain("3.6.1");
    // The stamp: a second prefetch of the same pom runs no Maven goal (this
    // mvn only answers -v, and leaves a mark when asked for anything else).
    const bin = await tempDir("java-fake-mvn");
    await writeFile(
      join(bin, "mvn"),
      `#!/bin/sh\nif [ "$1" = -v ]; then echo "Apache Maven 3.8.7"; echo "Java version: 17.0.15, vendor: x, runtime: /usr/lib/jvm/x"; exit 0; fi\ntouch ${bin}/ran; exit 1\n`,
      { mode: 0o755 },
    );
    await symlink("/usr/bin/java", join(bin, "java"));
    await createJavaProfile([bin]).prefetch(ctx);
    expect(await readdir(bin)).toEqual(["java", "mvn"]);
    // A changed pom is fetched again: with this mvn, that fails.
    await writeFile(join(ctx.projectDir, "pom.xml"), `${pom}\n<!-- changed -->\n`);
    await expect(createJavaProfile([bin]).prefetch(ctx)).rejects.toMatchObject({ code: "maven-prefetch-failed" });
    expect(await readdir(bin)).toContain("ran");
  }, TIMEOUT);

  it("a dependency Maven Central does not have: MavenPrefetchError naming the pom and the artifact", async () => {
    const pom = (await fixturePom()).replace("<version>2.23.0</version>", "<version>0.0.0-no-such-version</version>");
    const out = await outputFolder("bad-pom", { "pom.xml": pom });
    const cacheDir = await languageCacheDir("java");
    const projectDir = join(out, "java");
    const failure = javaProfile.prefetch({ projectDir, cacheDir });
    await expect(failure).rejects.toMatchObject({ name: "MavenPrefetchError", code: "maven-prefetch-failed", pom: join(projectDir, "pom.xml") });
    await expect(failure).rejects.toThrow(/jackson-databind:jar:0\.0\.0-no-such-version/);
  }, TIMEOUT);
});

describe("the Java fixture in the sandbox, offline", () => {
  it("passes: compile, verify, every surefire case read, and no network inside", async () => {
    const out = await outputFolder("pass");
    const [result] = await testGeneratedProject({ outDir: out, languages: ["java"], runner, profiles: PROFILES });
    expect(result?.skippedReason).toBeUndefined();
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([
      ["mvn -o test-compile", true],
      ["mvn -o verify", true],
    ]);
    expect(result?.ok).toBe(true);
    expect(result?.summary).toEqual({ suites: 4, tests: 5, passed: 5, failed: 0, errored: 0, skipped: 0 });
    expect(result?.cases.map((c) => `${c.suite.replace("dev.protoforge.fixture.", "")}::${c.name}`).sort()).toEqual([
      "Crc8PropertyTest::appendingTheChecksumLeavesZero",
      "Crc8Test::matchesTheCheckValue",
      "ReadingTest::roundTripsThroughJson",
      // From inside: loopback alone, and no route to any other host.
      "SandboxNetworkTest::reachesNoOtherHost",
      "SandboxNetworkTest::seesOnlyItsOwnLoopback",
    ]);
    expect(result?.steps.flatMap((s) => s.diagnostics)).toEqual([]);
  }, TIMEOUT);

  it("a broken assertion: the test step fails with the case by name, its message and its place", async () => {
    const test = (await readFile(join(FIXTURE, PKG, "Crc8Test.java"), "utf8")).replace("0xF4", "0xF5");
    const out = await outputFolder("fail", { [`${PKG}/Crc8Test.java`]: test });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["java"], runner, profiles: PROFILES });
    expect(result?.ok).toBe(false);
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([
      ["mvn -o test-compile", true],
      ["mvn -o verify", false],
    ]);
    expect(result?.summary).toMatchObject({ tests: 5, passed: 4, failed: 1, errored: 0 });
    expect(result?.cases.filter((c) => c.status !== "passed")).toEqual([
      expect.objectContaining({
        suite: "dev.protoforge.fixture.Crc8Test",
        name: "matchesTheCheckValue",
        status: "failed",
        message: "expected: <245> but was: <244>",
        location: { file: `${PKG}/Crc8Test.java`, line: 11 },
      }),
    ]);
    expect(result?.steps[1]?.diagnostics).toEqual([expect.objectContaining({ code: "java-tests-failed", message: expect.stringContaining("Crc8Test.matchesTheCheckValue") })]);
  }, TIMEOUT);

  it("a javac warning fails the compile step under -Xlint:all -Werror, with its place", async () => {
    const raw = "package dev.protoforge.fixture;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\nfinal class Raw {\n    private Raw() {}\n\n    static int size() {\n        List list = new ArrayList<String>();\n        return list.size();\n    }\n}\n";
    const out = await outputFolder("warning", { [`${MAIN}/Raw.java`]: raw });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["java"], runner, profiles: PROFILES });
    expect(result?.ok).toBe(false);
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([["mvn -o test-compile", false]]);
    expect(result?.steps[0]?.diagnostics).toEqual([
      { severity: "warning", message: "found raw type: java.util.List", location: { file: `${MAIN}/Raw.java`, line: 10 } },
      expect.objectContaining({ severity: "error", code: "java-compile-failed", location: { file: `${MAIN}/Raw.java` } }),
    ]);
    expect(result?.cases).toEqual([]);
  }, TIMEOUT);

  it("an artifact the prefetch never fetched: the offline build names it (and reaches no registry)", async () => {
    const pom = (await fixturePom()).replace(
      "<dependencies>\n    <dependency>",
      "<dependencies>\n    <dependency>\n      <groupId>dev.protoforge.absent</groupId>\n      <artifactId>never-fetched</artifactId>\n      <version>1.0</version>\n    </dependency>\n    <dependency>",
    );
    const out = await outputFolder("offline-miss", { "pom.xml": pom });
    const noPrefetch: ToolchainProfile = { ...javaProfile, prefetch: async () => {} };
    const [result] = await testGeneratedProject({ outDir: out, languages: ["java"], runner, profiles: { java: noPrefetch } });
    expect(result?.steps.map((s) => [s.name, s.ok])).toEqual([["mvn -o test-compile", false]]);
    expect(result?.steps[0]?.diagnostics).toEqual([
      expect.objectContaining({ code: "maven-offline-artifact-missing", message: expect.stringContaining("needs dev.protoforge.absent:never-fetched:jar:1.0") }),
    ]);
  }, TIMEOUT);
});
