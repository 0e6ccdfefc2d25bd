// The conformance relay: a small ES module that runs inside ONE sandbox with
// the server demo under test. The sandbox has a network of its own, so the
// conformance runner (outside) cannot reach the server's port; the relay
// starts the server (`--host 127.0.0.1 --port 0`), then listens on two Unix
// sockets in the sandbox's scratch folder, which both sides see:
//
// - `stream.sock`: every connection is piped to a new TCP connection to the
//   server's port (TCP cases, and HTTP requests riding on it);
// - `datagram.sock`: every connection is one UDP socket of its own, connected
//   to the server's port; datagrams cross as <u32 big-endian length><bytes>.
//
// It writes `status.json` once it is ready (or could not start the server),
// serves until `stop` appears in the scratch folder (or the sandbox's wall
// clock ends it), stops the server and prints a report on its last line.
// The runner's side is src/verify/conformance/endpoint.ts (kind "relay").
//
// Passed to `node --input-type=module -e` like the interop driver
// (driver-source.ts says why); plain JavaScript, dependency-free.
import type { DemoLaunch } from "../interop/driver-source.js";
import { DEMO_PROCESS_SOURCE } from "../interop/demo-process-source.js";
import { RELAY_MAX_DATAGRAM } from "../../src/verify/conformance/endpoint.js";

/** Marks the relay's report line on stdout. */
export const RELAY_REPORT_MARKER = "PROTOFORGE-RELAY-REPORT ";

/** Files in the scratch folder, shared by the relay and the runner. */
export const RELAY_FILES = {
  stream: "stream.sock",
  datagram: "datagram.sock",
  status: "status.json",
  stop: "stop",
} as const;

export interface RelayConfig {
  readonly server: DemoLaunch;
  readonly host: string;
  /** The scratch folder: sockets, status and stop files. */
  readonly dir: string;
  readonly startMs: number;
  readonly stopMs: number;
  /** How often the relay looks for the stop file. */
  readonly pollMs: number;
  /** Characters of each stream of the server kept for the report. */
  readonly keepChars: number;
}

/** What `status.json` holds. */
export interface RelayStatus {
  readonly ready: boolean;
  readonly firstLine: string | null;
  readonly listening: { readonly host: string; readonly port: number; readonly transport: string } | null;
  readonly startError: string | null;
}

/** The report line. */
export interface RelayReport {
  readonly status: RelayStatus;
  readonly server: {
    readonly exitCode: number | null;
    readonly signal: string | null;
    readonly spawnError: string | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly exitedEarly: boolean;
    readonly killed: boolean;
  };
  readonly connections: { readonly streams: number; readonly datagrams: number };
}

export const RELAY_SOURCE = String.raw`
import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { chmodSync, existsSync, renameSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
const cfg = JSON.parse(process.argv[1]);
const MARKER = ${JSON.stringify(RELAY_REPORT_MARKER)};
const FILES = ${JSON.stringify(RELAY_FILES)};
const MAX_DATAGRAM = ${RELAY_MAX_DATAGRAM};
${DEMO_PROCESS_SOURCE}
const { server, listening, startError, firstLine: first } = await startDemoServer(cfg.server, cfg.host, cfg.startMs);
const status = { ready: listening !== null, firstLine: first, listening, startError };
const sockets = new Set();
const counts = { streams: 0, datagrams: 0 };
const listeners = [];

function track(s) {
  sockets.add(s);
  s.on("close", () => sockets.delete(s));
}

function listen(name, onConnection) {
  return new Promise((resolve, reject) => {
    const path = join(cfg.dir, name);
    const l = createServer(onConnection);
    l.once("error", reject);
    l.listen(path, () => {
      // The runner may be another user than the sandbox's.
      chmodSync(path, 0o666);
      listeners.push(l);
      resolve();
    });
  });
}

function pipeStream(conn) {
  counts.streams++;
  track(conn);
  const tcp = connect(listening.port, cfg.host);
  track(tcp);
  pipeSockets(conn, tcp);
}

function relayDatagrams(conn) {
  counts.datagrams++;
  track(conn);
  const udp = createSocket(cfg.host.includes(":") ? "udp6" : "udp4");
  let pending = Buffer.alloc(0);
  let ready = false;
  let closed = false;
  const queue = [];
  const close = () => {
    if (closed) return;
    closed = true;
    try { udp.close(); } catch {}
    conn.destroy();
  };
  udp.on("error", close);
  udp.on("message", (msg) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(msg.length, 0);
    conn.write(Buffer.concat([head, msg]));
  });
  udp.connect(listening.port, cfg.host, () => {
    ready = true;
    for (const d of queue.splice(0)) udp.send(d);
  });
  conn.on("data", (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > MAX_DATAGRAM) return close();
      if (pending.length < 4 + length) break;
      const d = Buffer.from(pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
      if (ready) udp.send(d); else queue.push(d);
    }
  });
  conn.on("error", close);
  conn.on("close", close);
}

function writeStatus(s) {
  const path = join(cfg.dir, FILES.status);
  writeFileSync(path + ".tmp", JSON.stringify(s));
  renameSync(path + ".tmp", path);
}

if (listening !== null) {
  try {
    await listen(FILES.stream, pipeStream);
    await listen(FILES.datagram, relayDatagrams);
  } catch (e) {
    status.ready = false;
    status.startError = "the relay could not listen: " + (e && e.message ? e.message : String(e));
  }
}
writeStatus(status);
if (status.ready) {
  while (!existsSync(join(cfg.dir, FILES.stop)) && !server.done) await sleep(cfg.pollMs);
}
for (const l of listeners) l.close();
for (const s of sockets) s.destroy();
const { exitedEarly, killed } = await stopDemoServer(server, cfg.stopMs);
const out = { status, server: report(server, { exitedEarly: exitedEarly && listening !== null, killed }), connections: counts };
process.stdout.write("\n" + MARKER + JSON.stringify(out) + "\n", () => process.exit(0));
`;

/** The report on the relay's last marked line, if any. */
export function readRelayReport(stdout: string): RelayReport | undefined {
  const at = stdout.lastIndexOf(RELAY_REPORT_MARKER);
  if (at < 0) return undefined;
  const line = stdout.slice(at + RELAY_REPORT_MARKER.length).split("\n")[0] ?? "";
  try {
    return JSON.parse(line) as RelayReport;
  } catch {
    return undefined;
  }
}
