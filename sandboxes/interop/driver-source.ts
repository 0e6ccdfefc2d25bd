// The interop driver: a small ES module that runs inside ONE sandbox, so the
// server and the client share its loopback network. It starts the server
// demo with `--host 127.0.0.1 --port 0`, reads the bound port from the
// server's first stdout line, runs the client demo against it with a bounded
// timeout, SIGTERMs the server, and prints a DriverReport (pairs.ts) as JSON
// on its last line.
//
// It is passed to `node --input-type=module -e`, with its config as the one
// argument after `--`, rather than written to a file: the sandbox user must be
// able to read it, and a file in the output folder would be one more file in
// the run's git history (and one a model could edit), while protoforge's own
// install dir may be under /root, out of the sandbox user's reach. Source in
// argv needs neither.
//
// Kept dependency-free and plain JavaScript (it runs as is, untranspiled).
import { DRIVER_REPORT_MARKER } from "./pairs.js";

/** The driver's one argument, as JSON. */
export interface DriverConfig {
  readonly server: DemoLaunch;
  readonly client: DemoLaunch;
  readonly host: string;
  readonly startMs: number;
  readonly clientMs: number;
  readonly stopMs: number;
  /** Characters of each stream kept for the report. */
  readonly keepChars: number;
}

export interface DemoLaunch {
  /** Absolute program path and arguments, without --host/--port. */
  readonly argv: readonly string[];
  readonly cwd: string;
}

export const DRIVER_SOURCE = String.raw`
import { spawn } from "node:child_process";
const cfg = JSON.parse(process.argv[1]);
const MARKER = ${JSON.stringify(DRIVER_REPORT_MARKER)};
const LISTENING = /listening on (\S+):(\d{1,5}) over ([A-Za-z]+)\s*$/;
const keep = (s) => (s.length > cfg.keepChars ? s.slice(-cfg.keepChars) : s);
const sleep = (ms) => new Promise((r) => { const t = setTimeout(r, ms); t.unref(); });

function launch(demo, extra) {
  const p = { stdout: "", stderr: "", exitCode: null, signal: null, spawnError: null, done: false, onOut: () => {} };
  let child;
  try {
    child = spawn(demo.argv[0], [...demo.argv.slice(1), ...extra], { cwd: demo.cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    p.spawnError = String(e && e.message ? e.message : e);
    p.done = true;
    p.exited = Promise.resolve();
    return p;
  }
  p.child = child;
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (d) => { p.stdout = keep(p.stdout + d); p.onOut(); });
  child.stderr.on("data", (d) => { p.stderr = keep(p.stderr + d); });
  p.exited = new Promise((resolve) => {
    child.on("error", (e) => { p.spawnError = e.message; p.done = true; resolve(); });
    child.on("exit", (code, signal) => {
      p.exitCode = code; p.signal = signal;
      // Let the pipes drain, but do not wait on a grandchild holding them open.
      Promise.race([new Promise((r) => child.on("close", r)), sleep(500)]).then(() => { p.done = true; resolve(); });
    });
  });
  return p;
}

function firstLine(p) {
  return new Promise((resolve) => {
    const check = () => {
      const nl = p.stdout.indexOf("\n");
      if (nl >= 0) resolve(p.stdout.slice(0, nl));
    };
    p.onOut = check;
    check();
  });
}

function report(p, extra) {
  return { exitCode: p.exitCode, signal: p.signal, spawnError: p.spawnError, stdout: p.stdout, stderr: p.stderr, ...extra };
}

const server = launch(cfg.server, ["--host", cfg.host, "--port", "0"]);
let listening = null;
let startError = null;
const first = await Promise.race([
  firstLine(server).then((line) => ({ line })),
  server.exited.then(() => ({ exited: true })),
  sleep(cfg.startMs).then(() => ({ timedOut: true })),
]);
if (first.line !== undefined) {
  const m = LISTENING.exec(first.line.trim());
  if (m) listening = { host: m[1], port: Number(m[2]), transport: m[3] };
  else startError = "the server's first line is not '... listening on HOST:PORT over TRANSPORT': " + JSON.stringify(first.line.slice(0, 200));
} else if (first.exited) {
  startError = server.spawnError !== null
    ? "the server could not start: " + server.spawnError
    : "the server " + (server.signal ? "was ended by " + server.signal : "exited with code " + server.exitCode) + " before printing its port";
} else {
  startError = "the server printed no listening line within " + cfg.startMs + " ms";
}

let client = null;
if (listening !== null) {
  const c = launch(cfg.client, ["--host", cfg.host, "--port", String(listening.port)]);
  const finished = await Promise.race([c.exited.then(() => true), sleep(cfg.clientMs).then(() => false)]);
  if (!finished) {
    c.child?.kill("SIGKILL");
    await Promise.race([c.exited, sleep(2000)]);
  }
  client = report(c, { timedOut: !finished });
}

const exitedEarly = server.done;
let killed = false;
if (!server.done && server.child) {
  server.child.kill("SIGTERM");
  const stopped = await Promise.race([server.exited.then(() => true), sleep(cfg.stopMs).then(() => false)]);
  if (!stopped) {
    killed = true;
    server.child.kill("SIGKILL");
    await Promise.race([server.exited, sleep(2000)]);
  }
}
const out = { listening, startError, client, server: report(server, { exitedEarly: exitedEarly && listening !== null, killed }) };
process.stdout.write("\n" + MARKER + JSON.stringify(out) + "\n", () => process.exit(0));
`;
