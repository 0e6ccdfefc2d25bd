// The generated C++ project over TCP for real (toolchain lane, issue 16,
// brief E): sensor-telemetry written with its golden vectors, configured with
// the C++ profile's warning flags (every warning an error) and only the demo's
// two executables built (ctest of the project is the sandbox's and
// test/cpp-transport's other files'), then proved from outside, as real
// processes:
//
// * protoforge's conformance suite against the C++ demo_server (every server
//   case: session, state, role, wire, constraint, keepalive), all passing;
// * the client cases against the C++ demo_client (the runner plays a scripted
//   server), all passing;
// * C++ against C++, and the C++ demo client against the JavaScript, Python
//   and Java demo servers of the same spec and their clients against the C++
//   server: each completes its session, exit 0, with the same counts.
//
// One spec keeps it cheap; chat and file-transfer are measured by hand
// (docs/targets/cpp-contract.md, "Demo and conformance").
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cppProjectFiles } from "../../src/emit/cpp/index.js";
import type { GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { names } from "../../src/emit/naming/names.js";
import { pythonEmitter } from "../../src/emit/python/index.js";
import { deriveClientCases, runClientConformance, selectClientCases } from "../../src/verify/conformance/client/index.js";
import { deriveServerCases, runServerConformance, selectCases } from "../../src/verify/conformance/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { CPP_WARNING_FLAGS } from "../../sandboxes/profiles/cpp.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { example, PYTHON } from "../python-layer/support.js";

const JAVA_CLASSPATH = "target/classes:target/dependency/*";

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

describe("the generated C++ project over TCP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-transport-tcp-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("sensor-telemetry: every conformance case passes against the C++ demo server and client, and C++ talks to JavaScript, Python and Java both ways", async () => {
    const spec = example("sensor-telemetry");
    const root = join(out, "sensor-telemetry");
    const tcp = { transport: "tcp" } as const;
    write(root, [...cppProjectFiles(spec, tcp), ...generateVectors(spec), ...javascriptEmitter.generate(spec, tcp), ...pythonEmitter.generate(spec, tcp), ...javaLayerFiles(spec, tcp)]);
    const project = join(root, "cpp");
    const configure = await run("cmake", ["-S", ".", "-B", "build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug", `-DCMAKE_CXX_FLAGS=${CPP_WARNING_FLAGS}`, "-DSENSOR_TELEMETRY_BUILD_TESTS=OFF"], project, 120_000);
    expect(configure.code, configure.out.slice(-8000)).toBe(0);
    const build = await run("cmake", ["--build", "build", "-j2", "--target", "demo_server", "demo_client"], project, 900_000);
    expect(build.code, build.out.slice(-12_000)).toBe(0);
    const cpp = (program: string): string[] => [join(project, "build", program)];

    // Every server case against the C++ server (the runner adds --host and --port).
    const cases = selectCases(deriveServerCases(spec, "tcp"), "tcp");
    const report = await runServerConformance({ spec, cases, command: `exec ${join(project, "build", "demo_server")}`, transport: "tcp", timings: { answerMs: 3000, closeMs: 2000, caseMs: 20_000 } });
    console.log(`sensor-telemetry C++ server over TCP: ${report.passed} of ${cases.length} conformance cases passed`);
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(report.passed).toBe(cases.length);
    for (const family of ["session", "state", "wire"]) expect(cases.some((c) => c.family === family), family).toBe(true);
    expect(report.listening).toMatch(/ over TCP$/);
    expect(report.serverExitedEarly).toBeNull();

    // Every client case against the C++ client (the runner plays the server).
    const clientCases = selectClientCases(deriveClientCases(spec), "tcp");
    const clientReport = await runClientConformance({ spec, cases: clientCases, command: `exec ${join(project, "build", "demo_client")}`, transport: "tcp", timings: { caseMs: 20_000, drainMs: 300 } });
    console.log(`sensor-telemetry C++ client over TCP: ${clientReport.passed} of ${clientCases.length} conformance cases passed`);
    expect(clientReport.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(clientReport.passed).toBe(clientCases.length);
    expect(clientCases.length).toBeGreaterThan(0);

    // C++ against C++: the listening line, a completed session, exit 0 on SIGTERM.
    const listening = `${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:`;
    const own = await session(cpp("demo_server"), project, cpp("demo_client"), project);
    expect(own.server.split("\n")[0], own.server).toBe(`${listening}${own.port} over TCP`);
    expect(own.clientCode, own.client + own.server).toBe(0);
    expect(own.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
    expect(own.serverCode, own.server).toBe(0);

    // The other languages' demos, both ways, with the same counts.
    const python = (role: "server" | "client"): string[] => ["/usr/bin/env", "PYTHONPATH=src", "PYTHONUNBUFFERED=1", PYTHON, "-m", `${names.python.package(spec.protocol.name)}.demo`, role];
    const javaProject = join(root, "java");
    const cacheDir = await languageCacheDir("java");
    await javaProfile.prefetch({ projectDir: javaProject, cacheDir });
    const mvn = await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", "-DskipTests", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], javaProject, 420_000);
    expect(mvn.code, mvn.out.slice(-12_000)).toBe(0);
    const java = (cls: string): string[] => ["java", "-cp", JAVA_CLASSPATH, `${buildJavaModel(spec).pkg}.demo.${cls}`];
    const others: [string, string[], string[], string][] = [
      ["javascript", [process.execPath, "demo/server.js"], [process.execPath, "demo/client.js"], join(root, "javascript")],
      ["python", python("server"), python("client"), join(root, "python")],
      ["java", java("DemoServer"), java("DemoClient"), javaProject],
    ];
    for (const [language, server, client, cwd] of others) {
      const toThem = await session(server, cwd, cpp("demo_client"), project);
      expect(toThem.port, `${language} server: ${toThem.server}`).toBeGreaterThan(0);
      expect(toThem.clientCode, `C++ client → ${language} server: ${toThem.client}${toThem.server}`).toBe(0);
      expect(counts(toThem.client), toThem.client).toBe(counts(own.client));

      const fromThem = await session(cpp("demo_server"), project, client, cwd);
      expect(fromThem.clientCode, `${language} client → C++ server: ${fromThem.client}${fromThem.server}`).toBe(0);
      expect(counts(fromThem.client), fromThem.client).toBe(counts(own.client));
      expect(fromThem.serverCode, fromThem.server).toBe(0);
    }
  }, 1_500_000);
});
