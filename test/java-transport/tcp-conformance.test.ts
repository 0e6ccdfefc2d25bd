// The generated Java project over TCP for real (toolchain lane, issue 14,
// brief A): sensor-telemetry written with its golden vectors,
// `mvn -o verify` offline (javac -Xlint:all -Werror over the transport
// runtime, the facades, ProtocolInfo and Profile, and the generated tests),
// then proved from outside, as a real process:
//
// * protoforge's conformance suite against the Java DemoServer (every server
//   case: session, state, role, wire, constraint, keepalive), all passing;
// * the client cases against the Java DemoClient (the runner plays a scripted
//   server), all passing;
// * the Java DemoClient against the JavaScript and the Python demo servers of
//   the same spec, and their demo clients against the Java server: each
//   completes its session, exit 0, with the same counts as Java against Java.
//
// chat and file-transfer get the same, in the sandbox and in all three
// languages, from test/integration/examples-in-sandbox.test.ts; here chat is
// built for fixtures/ChatWorkerTest.java alone (JUnit, added to the project
// here, never generated), which checks the runtime's threads: a PING is
// answered while the session's handler is held, and the watchdog answers a
// handler that overruns the request timeout while the session goes on.
import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { names } from "../../src/emit/naming/names.js";
import { pythonEmitter } from "../../src/emit/python/index.js";
import { deriveClientCases, runClientConformance, selectClientCases } from "../../src/verify/conformance/client/index.js";
import { deriveServerCases, runServerConformance, selectCases } from "../../src/verify/conformance/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { example, PYTHON } from "../python-layer/support.js";

const CLASSPATH = "target/classes:target/dependency/*";
const WORKER_TEST = new URL("fixtures/ChatWorkerTest.java", import.meta.url);

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

const counts = (text: string): string | undefined => /^done: sent \d+, received \d+ answers/m.exec(text)?.[0];

describe("the generated Java project over TCP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-transport-tcp-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const name of ["chat", "sensor-telemetry"] as const) {
    const what = name === "chat" ? "mvn -o verify with ChatWorkerTest: PONG while a handler is held, the watchdog's answer" : "mvn -o verify, every conformance case passes against the Java server and the Java client, and Java talks to JavaScript and Python both ways";
    it.concurrent(`${name}: ${what}`, async () => {
      const spec = example(name);
      const root = join(out, name);
      write(root, [...javaLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec), ...javascriptEmitter.generate(spec, { transport: "tcp" }), ...pythonEmitter.generate(spec, { transport: "tcp" })]);
      const project = join(root, "java");
      const model = buildJavaModel(spec);
      if (name === "chat") copyFileSync(WORKER_TEST, join(project, "src", "test", "java", model.pkgDir, "ChatWorkerTest.java"));
      const cacheDir = await languageCacheDir("java");
      await javaProfile.prefetch({ projectDir: project, cacheDir });
      const mvn = await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], project, 420_000);
      expect(mvn.code, mvn.out.slice(-12_000)).toBe(0);
      if (name === "chat") {
        const report = readFileSync(join(project, "target", "surefire-reports", `TEST-${model.pkg}.ChatWorkerTest.xml`), "utf8");
        expect(/<testsuite[^>]* tests="(\d+)"/.exec(report)?.[1]).toBe("2");
        expect(/<testsuite[^>]* failures="(\d+)"/.exec(report)?.[1]).toBe("0");
        expect(/<testsuite[^>]* errors="(\d+)"/.exec(report)?.[1]).toBe("0");
        // The rest of chat over TCP is examples-in-sandbox's.
        return;
      }

      const pkg = model.pkg;
      const java = (cls: string): string[] => ["java", "-cp", CLASSPATH, `${pkg}.demo.${cls}`];
      const javaCommand = (cls: string): string => `cd ${project} && exec java -cp '${CLASSPATH}' ${pkg}.demo.${cls}`;

      // Every server case against the Java server (the runner adds --host and --port).
      const cases = selectCases(deriveServerCases(spec, "tcp"), "tcp");
      const report = await runServerConformance({ spec, cases, command: javaCommand("DemoServer"), transport: "tcp", timings: { answerMs: 3000, closeMs: 2000, caseMs: 20_000 } });
      const failed = report.results.filter((r) => !r.ok);
      console.log(`${name} Java server over TCP: ${report.passed} of ${cases.length} conformance cases passed`);
      expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(report.passed).toBe(cases.length);
      for (const family of ["session", "state", "wire"]) expect(cases.some((c) => c.family === family), family).toBe(true);
      expect(report.listening).toMatch(/ over TCP$/);
      expect(report.serverExitedEarly).toBeNull();

      // Every client case against the Java client (the runner plays the server).
      const clientCases = selectClientCases(deriveClientCases(spec), "tcp");
      const clientReport = await runClientConformance({ spec, cases: clientCases, command: javaCommand("DemoClient"), transport: "tcp", timings: { caseMs: 20_000, drainMs: 300 } });
      console.log(`${name} Java client over TCP: ${clientReport.passed} of ${clientCases.length} conformance cases passed`);
      expect(clientReport.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(clientReport.passed).toBe(clientCases.length);
      expect(clientCases.length).toBeGreaterThan(0);

      // Java against Java, then Java's client against the JavaScript server and JavaScript's client against the Java server.
      const listening = `${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:`;
      const own = await session(java("DemoServer"), project, java("DemoClient"), project);
      expect(own.server.split("\n")[0], own.server).toBe(`${listening}${own.port} over TCP`);
      expect(own.clientCode, own.client + own.server).toBe(0);
      expect(own.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
      expect(own.serverCode, own.server).toBe(0);

      const toJs = await session([process.execPath, "demo/server.js"], join(root, "javascript"), java("DemoClient"), project);
      expect(toJs.port, toJs.server).toBeGreaterThan(0);
      expect(toJs.clientCode, toJs.client + toJs.server).toBe(0);
      expect(counts(toJs.client), toJs.client).toBe(counts(own.client));

      const fromJs = await session(java("DemoServer"), project, [process.execPath, "demo/client.js"], join(root, "javascript"));
      expect(fromJs.clientCode, fromJs.client + fromJs.server).toBe(0);
      expect(counts(fromJs.client), fromJs.client).toBe(counts(own.client));
      expect(fromJs.serverCode, fromJs.server).toBe(0);

      const python = (role: "server" | "client"): string[] => ["/usr/bin/env", "PYTHONPATH=src", "PYTHONUNBUFFERED=1", PYTHON, "-m", `${names.python.package(spec.protocol.name)}.demo`, role];
      const toPy = await session(python("server"), join(root, "python"), java("DemoClient"), project);
      expect(toPy.port, toPy.server).toBeGreaterThan(0);
      expect(toPy.clientCode, toPy.client + toPy.server).toBe(0);
      expect(counts(toPy.client), toPy.client).toBe(counts(own.client));

      const fromPy = await session(java("DemoServer"), project, python("client"), join(root, "python"));
      expect(fromPy.clientCode, fromPy.client + fromPy.server).toBe(0);
      expect(counts(fromPy.client), fromPy.client).toBe(counts(own.client));
      expect(fromPy.serverCode, fromPy.server).toBe(0);
    }, 900_000);
  }
});
