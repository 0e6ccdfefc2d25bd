// The generated Java project over TCP for real (toolchain lane): chat,
// sensor-telemetry and file-transfer written with their golden vectors,
// `mvn -o verify` offline (javac -Xlint:all -Werror, every JUnit test
// including the generated TcpTest and RobustnessTest, none failed or
// skipped), then the demo as real processes the way the interop driver runs
// them (docs/interop.md): DemoServer on port 0 prints its listening line
// first, DemoClient runs the session against it and prints `done:` with exit
// 0, SIGTERM stops the server with exit 0; and the Java DemoClient against
// the JavaScript demo server of the same spec (node demo/server.js) and the
// JavaScript demo client against the Java server, the cross-language proof.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel, javaProjectFiles } from "../../src/emit/java/index.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
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

/** Starts `server` on port 0, waits (30 s at most) for its first line, runs `client --port P`, then SIGTERMs the server. */
async function session(server: readonly string[], serverCwd: string, client: readonly string[], clientCwd: string): Promise<Session> {
  const [command, ...args] = server as [string, ...string[]];
  const child = spawn(command, [...args, "--host", "127.0.0.1", "--port", "0"], { cwd: serverCwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let exitedEarly = false;
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const firstLine = new Promise<void>((resolve) => {
    const check = (): void => {
      if (out.includes("\n")) resolve();
    };
    child.stdout.on("data", check);
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

describe("the generated Java project over TCP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-transport-user-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const name of ["chat", "sensor-telemetry", "file-transfer"] as const) {
    it.concurrent(`${name}: mvn -o verify passes TcpTest and RobustnessTest, the demo runs as processes, and the Java and JavaScript demos complete the session against each other`, async () => {
      const spec = example(name);
      const root = join(out, name);
      write(root, [...javaProjectFiles(spec, { transport: "tcp" }), ...generateVectors(spec), ...javascriptEmitter.generate(spec, { transport: "tcp" })]);
      const project = join(root, "java");
      const cacheDir = await languageCacheDir("java");
      await javaProfile.prefetch({ projectDir: project, cacheDir });
      const mvn = await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], project, 420_000);
      expect(mvn.code, mvn.out.slice(-12_000)).toBe(0);

      const reports = surefire(project);
      for (const cls of ["TcpTest", "RobustnessTest"]) {
        const r = reports.get(cls);
        expect(r, `${cls} ran`).toBeDefined();
        expect(r?.tests, cls).toBeGreaterThanOrEqual(cls === "TcpTest" ? 10 : 5);
        expect({ failures: r?.failures, errors: r?.errors, skipped: r?.skipped }, cls).toEqual({ failures: 0, errors: 0, skipped: 0 });
      }

      const pkg = buildJavaModel(spec).pkg;
      const java = (cls: string): string[] => ["java", "-cp", CLASSPATH, `${pkg}.demo.${cls}`];
      const listening = `${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:`;

      const own = await session(java("DemoServer"), project, java("DemoClient"), project);
      expect(own.server.split("\n")[0], own.server).toBe(`${listening}${own.port} over TCP`);
      expect(own.clientCode, own.client + own.server).toBe(0);
      expect(own.client).toMatch(/^connected to 127\.0\.0\.1:\d+ over TCP as the /m);
      expect(own.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
      expect(own.serverCode, own.server).toBe(0);

      const cross = await session([process.execPath, "demo/server.js"], join(root, "javascript"), java("DemoClient"), project);
      expect(cross.port, cross.server).toBeGreaterThan(0);
      expect(cross.clientCode, cross.client + cross.server).toBe(0);
      expect(cross.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
      // The same session against either server: as many messages sent and answers received.
      const counts = (text: string): string | undefined => /^done: sent \d+, received \d+ answers/m.exec(text)?.[0];
      expect(counts(cross.client)).toBe(counts(own.client));
      expect(cross.serverCode, cross.server).toBe(0);

      // And the other way round: the JavaScript demo client against the Java demo server.
      const reverse = await session(java("DemoServer"), project, [process.execPath, "demo/client.js"], join(root, "javascript"));
      expect(reverse.server.split("\n")[0], reverse.server).toBe(`${listening}${reverse.port} over TCP`);
      expect(reverse.clientCode, reverse.client + reverse.server).toBe(0);
      expect(counts(reverse.client)).toBe(counts(own.client));
      expect(reverse.serverCode, reverse.server).toBe(0);
    }, 900_000);
  }
});
