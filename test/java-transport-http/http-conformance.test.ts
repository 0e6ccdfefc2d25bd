// The generated Java project over HTTP for real (toolchain lane, issue 14,
// part D): sensor-telemetry written with its golden vectors (chat and
// file-transfer get the same in the sandbox, in all three languages, from
// test/integration/examples-in-sandbox.test.ts),
// `mvn -o verify` offline (javac -Xlint:all -Werror over HttpServer, HttpClient
// and Sse with the JDK's com.sun.net.httpserver and java.net.http, and the
// generated tests), then proved from outside:
//
// * protoforge's conformance suite over HTTP (wire-format §10.3: the session
//   and state cases through the HTTP link, and the status table 400, 401,
//   404, 405, 413, 415, 429) against the Java DemoServer as a real process,
//   every case passing (and the generated HttpTest in mvn verify);
// * the Java DemoClient against the Java DemoServer and against the
//   JavaScript demo server of the same spec (node demo/server.js over HTTP),
//   and the JavaScript demo client against the Java server: each completes
//   the session, exit 0, with the same counts.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel, javaProjectFiles } from "../../src/emit/java/index.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { deriveServerCases, runServerConformance, selectCases } from "../../src/verify/conformance/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { example } from "../python-layer/support.js";

const CLASSPATH = "target/classes:target/dependency/*";

function write(root: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    const path = join(root, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

function run(command: string, args: readonly string[], cwd: string, timeout: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, out: `${stdout}\n${stderr}` });
    });
  });
}

interface Session {
  readonly port: number;
  readonly server: string;
  readonly client: string;
  readonly clientCode: number;
  /** The server's exit code after SIGTERM; null when it did not exit within 10 s; -1 when it had exited before. */
  readonly serverCode: number | null;
}

/** Starts `server` on port 0, waits (30 s at most) for its first line, runs `client --host --port P`, then SIGTERMs the server. */
async function session(server: readonly string[], serverCwd: string, client: readonly string[], clientCwd: string): Promise<Session> {
  const [command, ...args] = server as [string, ...string[]];
  const child = spawn(command, [...args, "--host", "127.0.0.1", "--port", "0"], { cwd: serverCwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let exitedEarly = false;
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const firstLine = new Promise<void>((resolve) => {
    child.stdout.on("data", () => {
      if (out.includes("\n")) resolve();
    });
    child.once("exit", () => {
      exitedEarly = true;
      resolve();
    });
  });
  let port = 0;
  let result = { code: 1, out: "" };
  try {
    await Promise.race([firstLine, new Promise((r) => setTimeout(r, 30_000))]);
    port = Number(/listening on [^:\s]+:(\d+) over /.exec(out.split("\n")[0] ?? "")?.[1] ?? 0);
    const [cc, ...cargs] = client as [string, ...string[]];
    if (port > 0) result = await run(cc, [...cargs, "--host", "127.0.0.1", "--port", String(port)], clientCwd, 60_000);
  } finally {
    if (!exitedEarly) child.kill("SIGTERM");
  }
  const serverCode = exitedEarly ? -1 : await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  return { port, server: out, client: result.out, clientCode: result.code, serverCode };
}

/** tests, failures, errors and skipped of every surefire report, by class. */
function surefire(project: string): Map<string, Record<"tests" | "failures" | "errors" | "skipped", number>> {
  const dir = join(project, "target", "surefire-reports");
  const out = new Map<string, Record<"tests" | "failures" | "errors" | "skipped", number>>();
  for (const name of readdirSync(dir).filter((n) => /^TEST-.+\.xml$/.test(n))) {
    const report = readFileSync(join(dir, name), "utf8");
    const attr = (key: string): number => Number(new RegExp(`<testsuite[^>]* ${key}="(\\d+)"`).exec(report)?.[1] ?? "-1");
    out.set(name.replace(/^TEST-(?:.*\.)?(\w+)\.xml$/, "$1"), { tests: attr("tests"), failures: attr("failures"), errors: attr("errors"), skipped: attr("skipped") });
  }
  return out;
}

describe("the generated Java project over HTTP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-transport-http-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const name of ["sensor-telemetry"] as const) {
    it.concurrent(`${name}: mvn -o verify, every HTTP conformance case passes against the Java server, and the Java client completes the session against the Java and the JavaScript server`, async () => {
      const spec = example(name);
      const root = join(out, name);
      write(root, [...javaProjectFiles(spec, { transport: "http" }), ...generateVectors(spec), ...javascriptEmitter.generate(spec, { transport: "http" })]);
      const project = join(root, "java");
      const cacheDir = await languageCacheDir("java");
      await javaProfile.prefetch({ projectDir: project, cacheDir });
      const mvn = await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], project, 420_000);
      expect(mvn.code, mvn.out.slice(-12_000)).toBe(0);
      // The generated loopback test over HTTP ran against this runtime, none failed or skipped.
      const httpTest = surefire(project).get("HttpTest");
      expect(httpTest, "HttpTest ran").toBeDefined();
      expect(httpTest?.tests).toBeGreaterThan(0);
      expect({ failures: httpTest?.failures, errors: httpTest?.errors, skipped: httpTest?.skipped }).toEqual({ failures: 0, errors: 0, skipped: 0 });
      console.log(`${name}: HttpTest ${httpTest?.tests} tests passed`);

      const pkg = buildJavaModel(spec).pkg;
      const java = (cls: string): string[] => ["java", "-cp", CLASSPATH, `${pkg}.demo.${cls}`];

      // The conformance suite over HTTP against the Java server (the runner adds --host and --port).
      const cases = selectCases(deriveServerCases(spec, "http"), "http");
      const report = await runServerConformance({
        spec,
        cases,
        command: `cd ${project} && exec java -cp '${CLASSPATH}' ${pkg}.demo.DemoServer`,
        transport: "http",
        timings: { answerMs: 3000, closeMs: 1000, caseMs: 15_000 },
      });
      const failed = report.results.filter((r) => !r.ok);
      console.log(`${name} over HTTP: ${report.passed} of ${cases.length} conformance cases passed`);
      expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(report.passed).toBe(cases.length);
      expect(cases.filter((c) => c.family === "http").length).toBeGreaterThan(0);
      expect(report.listening).toMatch(/ over HTTP$/);
      expect(report.serverExitedEarly).toBeNull();

      // The Java client against the Java server, then against the JavaScript server of the same spec.
      const listening = `${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:`;
      const own = await session(java("DemoServer"), project, java("DemoClient"), project);
      expect(own.server.split("\n")[0], own.server).toBe(`${listening}${own.port} over HTTP`);
      expect(own.clientCode, own.client + own.server).toBe(0);
      expect(own.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
      expect(own.serverCode, own.server).toBe(0);

      const cross = await session([process.execPath, "demo/server.js"], join(root, "javascript"), java("DemoClient"), project);
      expect(cross.port, cross.server).toBeGreaterThan(0);
      expect(cross.clientCode, cross.client + cross.server).toBe(0);
      // The same session against either server: as many messages sent and answers received (events depend on timing).
      const counts = (text: string): string | undefined => /^done: sent \d+, received \d+ answers/m.exec(text)?.[0];
      expect(counts(cross.client), cross.client).toBe(counts(own.client));
      expect(cross.serverCode, cross.server).toBe(0);

      // And the other way: the JavaScript demo client against the Java server.
      const back = await session(java("DemoServer"), project, [process.execPath, "demo/client.js"], join(root, "javascript"));
      expect(back.clientCode, back.client + back.server).toBe(0);
      expect(counts(back.client), back.client).toBe(counts(own.client));
      expect(back.serverCode, back.server).toBe(0);
    }, 900_000);
  }
});
