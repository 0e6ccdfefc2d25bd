// The generated Java chat server with its behaviour engine (Behaviour.java,
// from the plan of examples/chat.yaml's behaviour section), built with Maven
// offline (javac -Xlint:all -Werror) and driven by `protoforge conform
// --behaviour` over TCP: every case passes, the behaviour family's 20
// multi-peer cases included.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildJavaModel } from "../../../src/emit/java/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../../sandboxes/profiles/index.js";
import { example } from "../../python-layer/support.js";
import { expectEveryBehaviourCase } from "./support/behaviour-conformance.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");
const CLASSPATH = "target/classes:target/dependency/*";

function mvn(args: readonly string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile("mvn", args, { cwd, timeout: 420_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, out: `${stdout}\n${stderr}` });
    });
  });
}

describe("conformance of the generated Java chat server, behaviour included", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-behaviour-java-"));
  const project = join(out, "java");
  beforeAll(async () => {
    emitProject(spec, "tcp", out, ["java"]);
    const cacheDir = await languageCacheDir("java");
    await javaProfile.prefetch({ projectDir: project, cacheDir });
    const build = await mvn(["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "-DskipTests", "package"], project);
    expect(build.code, build.out.slice(-12_000)).toBe(0);
  }, 480_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("passes every TCP case and the 21 behaviour cases", async () => {
    const pkg = buildJavaModel(spec).pkg;
    await expectEveryBehaviourCase(spec, `cd ${project} && exec java -cp '${CLASSPATH}' ${pkg}.demo.DemoServer`);
  }, 180_000);
});
