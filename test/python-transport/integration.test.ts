// The generated Python project of the sensor example over TCP, for real: a
// fresh virtual environment, pip install -e '.[dev]' from a local wheel
// cache (no index), the transport tests under pytest, mypy --strict finding
// nothing in the transport files, and the demo run from the command line as
// a user would: `python -m sensor_telemetry.demo server` in one process and
// `... client` in another.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pythonEmitter } from "../../src/emit/python/index.js";
import { PYTHON_PINS } from "../../src/emit/python/layer/package-files.js";
import { generateVectors } from "../../src/wire/index.js";
import { example, PYTHON } from "../python-layer/support.js";

const WHEELS = [`pytest-${PYTHON_PINS.pytest}-`, `mypy-${PYTHON_PINS.mypy}-`, `setuptools-${PYTHON_PINS.setuptools}-`];

function run(command: string, args: readonly string[], cwd: string, check = true): { code: number; out: string } {
  try {
    const out = execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 }).toString();
    return { code: 0, out };
  } catch (error) {
    const e = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
    const out = `${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`;
    if (check) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${out}`);
    return { code: e.status ?? 1, out };
  }
}

/** The pinned wheels and their dependencies, fetched from PyPI once when missing (the same cache as the layer's test). */
function wheelCache(): string {
  const cache = join(tmpdir(), "protoforge-pip-cache");
  const has = (dir: string): boolean => existsSync(dir) && WHEELS.every((prefix) => readdirSync(dir).some((f) => f.startsWith(prefix)));
  if (!has(cache)) {
    mkdirSync(cache, { recursive: true });
    run(PYTHON, ["-m", "pip", "download", "--quiet", "--dest", cache, `pytest==${PYTHON_PINS.pytest}`, `mypy==${PYTHON_PINS.mypy}`, `setuptools==${PYTHON_PINS.setuptools}`], cache);
  }
  return cache;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs the demo server until the client is done; returns both outputs and the client's exit code. */
async function demo(python: string, cwd: string, port: number): Promise<{ server: string; client: string; code: number }> {
  const server = spawn(python, ["-m", "sensor_telemetry.demo", "server", "--port", String(port)], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let serverOut = "";
  server.stdout.on("data", (d: Buffer) => (serverOut += d.toString()));
  server.stderr.on("data", (d: Buffer) => (serverOut += d.toString()));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  let client = { code: 1, out: "" };
  try {
    for (let i = 0; i < 200 && !serverOut.includes("listening"); i++) await new Promise((r) => setTimeout(r, 50));
    client = run(python, ["-m", "sensor_telemetry.demo", "client", "--port", String(port)], cwd, false);
  } finally {
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
  return { server: serverOut, client: client.out, code: client.code };
}

describe("the generated TCP transport of sensor-telemetry", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-python-transport-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("installs, passes its transport tests, type-checks, and runs the demo from the command line", async () => {
    const cache = wheelCache();
    const spec = example("sensor-telemetry");
    for (const file of [...pythonEmitter.generate(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    const project = join(out, "python");
    const bin = join(project, ".venv", "bin");
    run(PYTHON, ["-m", "venv", ".venv"], project);
    run(join(bin, "pip"), ["install", "--quiet", "--no-index", "--find-links", cache, "-e", ".[dev]"], project);

    const pytest = run(join(bin, "python"), ["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_tcp.py", "tests/test_robustness.py"], project).out;
    expect(pytest).toMatch(/\b1\d passed\b/);
    expect(pytest).not.toMatch(/\b(failed|error|errors|skipped)\b/);

    const mypy = run(join(bin, "mypy"), ["--strict", "src", "tests"], project, false).out;
    const ours = mypy.split("\n").filter((l) => /^(src\/sensor_telemetry\/(transport\/|handlers|demo)|tests\/test_(tcp|robustness))/.test(l));
    expect(ours).toEqual([]);
    expect(run(join(bin, "python"), ["-W", "error", "-m", "compileall", "-q", "src/sensor_telemetry/transport", "src/sensor_telemetry/handlers.py", "src/sensor_telemetry/demo.py", "tests"], project).out).toBe("");

    const session = await demo(join(bin, "python"), project, await freePort());
    expect(session.code, session.client + session.server).toBe(0);
    expect(session.client).toMatch(/^-> Hello \{"sensor_id":"sensor-1"/m);
    expect(session.client).toMatch(/^<- HelloAck \{"session_id":1,/m);
    expect(session.client).toMatch(/^<- ReportAck /m);
    expect(session.client).toMatch(/^-> Goodbye /m);
    expect(session.client).toMatch(/done: sent 3, received 2 answers/);
    expect(session.server).toMatch(/<- Report \{/);
    expect(session.server).toMatch(/-> ReportAck \{/);
    expect(session.server).not.toMatch(/Traceback/);
  }, 900_000);
});
