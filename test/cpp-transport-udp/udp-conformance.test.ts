// The generated C++ project over UDP for real (toolchain lane, issue 16):
// sensor-telemetry written with --transport udp and its golden vectors,
// configured with the C++ profile's warning flags (every warning an error)
// and only the demo's two executables built (the project's ctest, the UDP
// loopback GoogleTests among them, is the sandbox's), then proved from
// outside, as real processes:
//
// * protoforge's conformance suite over UDP (docs/conformance.md "Over UDP":
//   drops, ACKs, duplicates answered byte for byte, PING without a session,
//   sessions per address) against the C++ demo_server: every case passes and
//   the server exits 0 on SIGTERM;
// * C++ against C++, and the C++ demo client against the JavaScript demo
//   server and the JavaScript client against the C++ server: each completes
//   its session, exit 0, with the same counts. (Client conformance runs over
//   TCP only so far.)
//
// One spec keeps it cheap; chat and file-transfer are measured by hand
// (docs/targets/cpp-contract.md).
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cppProjectFiles } from "../../src/emit/cpp/index.js";
import type { GeneratedFile } from "../../src/emit/index.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { deriveServerCases, runServerConformance, selectCases } from "../../src/verify/conformance/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { CPP_WARNING_FLAGS } from "../../sandboxes/profiles/cpp.js";
import { example } from "../python-layer/support.js";

function write(root: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    const path = join(root, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
}

function run(command: string, args: readonly string[], cwd: string, timeout: number): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
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

describe("the generated C++ project over UDP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-transport-udp-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("sensor-telemetry: every UDP conformance case passes against the C++ demo server, and C++ talks to JavaScript both ways", async () => {
    const spec = example("sensor-telemetry");
    const root = join(out, "sensor-telemetry");
    const udp = { transport: "udp" } as const;
    write(root, [...cppProjectFiles(spec, udp), ...generateVectors(spec), ...javascriptEmitter.generate(spec, udp)]);
    const project = join(root, "cpp");
    const configure = await run("cmake", ["-S", ".", "-B", "build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug", `-DCMAKE_CXX_FLAGS=${CPP_WARNING_FLAGS}`, "-DSENSOR_TELEMETRY_BUILD_TESTS=OFF"], project, 120_000);
    expect(configure.code, configure.out.slice(-8000)).toBe(0);
    const build = await run("cmake", ["--build", "build", "-j2", "--target", "demo_server", "demo_client"], project, 900_000);
    expect(build.code, build.out.slice(-12_000)).toBe(0);
    const cpp = (program: string): string[] => [join(project, "build", program)];

    // Every UDP server case against the C++ server (the runner adds --host and --port).
    const cases = selectCases(deriveServerCases(spec, "udp"), "udp");
    const report = await runServerConformance({ spec, cases, command: `exec ${join(project, "build", "demo_server")}`, transport: "udp", timings: { answerMs: 3000, closeMs: 2000, caseMs: 20_000 } });
    console.log(`sensor-telemetry C++ server over UDP: ${report.passed} of ${cases.length} conformance cases passed`);
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(report.passed).toBe(cases.length);
    const names = report.results.map((r) => r.name);
    for (const family of ["udp/ack/", "udp/duplicate/", "keepalive/", "wire/", "role/", "state/", "session/"]) {
      expect(names.some((n) => n.startsWith(family)), family).toBe(true);
    }
    expect(report.listening).toMatch(/ over UDP$/);
    expect(report.serverExitedEarly).toBeNull();
    expect(report.serverStop).toMatchObject({ code: 0, killed: false });

    // C++ against C++: the listening line, a completed session, exit 0 on SIGTERM.
    const listening = `${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:`;
    const own = await session(cpp("demo_server"), project, cpp("demo_client"), project);
    expect(own.server.split("\n")[0], own.server).toBe(`${listening}${own.port} over UDP`);
    expect(own.clientCode, own.client + own.server).toBe(0);
    expect(own.client).toMatch(/^done: sent [1-9]\d*, received \d+ answers and \d+ events$/m);
    expect(own.serverCode, own.server).toBe(0);

    // JavaScript's demos, both ways, with the same counts.
    const js = join(root, "javascript");
    const toThem = await session([process.execPath, "demo/server.js"], js, cpp("demo_client"), project);
    expect(toThem.port, `javascript server: ${toThem.server}`).toBeGreaterThan(0);
    expect(toThem.clientCode, `C++ client → javascript server: ${toThem.client}${toThem.server}`).toBe(0);
    expect(counts(toThem.client), toThem.client).toBe(counts(own.client));
    const fromThem = await session(cpp("demo_server"), project, [process.execPath, "demo/client.js"], js);
    expect(fromThem.clientCode, `javascript client → C++ server: ${fromThem.client}${fromThem.server}`).toBe(0);
    expect(counts(fromThem.client), fromThem.client).toBe(counts(own.client));
    expect(fromThem.serverCode, fromThem.server).toBe(0);
  }, 1_200_000);
});
