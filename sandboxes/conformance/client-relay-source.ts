// The client relay: the other direction of relay-source.ts. The conformance
// runner (outside) plays the server on a Unix socket in the sandbox's scratch
// folder (`scripted.sock`); inside ONE sandbox this relay listens on a
// loopback port and pipes every connection to that socket, and starts the
// demo client against the port each time the runner asks:
//
// - the runner writes `launch-N` → the relay runs the client with
//   `--host 127.0.0.1 --port P` and, when it has exited, writes `exit-N.json`
//   ({ code, signal, output }) by rename;
// - the runner writes `kill-N` → the relay kills that client.
//
// `status.json` says when it listens (and on which port); `stop` ends it.
// Plain JavaScript, dependency-free, passed to `node -e` like the interop
// driver (driver-source.ts says why).
import type { DemoLaunch } from "../interop/driver-source.js";
import { DEMO_PROCESS_SOURCE } from "../interop/demo-process-source.js";

/** Files in the scratch folder, shared by the relay and the runner. */
export const CLIENT_RELAY_FILES = {
  scripted: "scripted.sock",
  status: "status.json",
  stop: "stop",
  launch: (n: number) => `launch-${n}`,
  kill: (n: number) => `kill-${n}`,
  exit: (n: number) => `exit-${n}.json`,
} as const;

export interface ClientRelayConfig {
  readonly client: DemoLaunch;
  readonly host: string;
  readonly dir: string;
  readonly pollMs: number;
  /** Characters of each client's output kept. */
  readonly keepChars: number;
}

/** What `status.json` holds. */
export interface ClientRelayStatus {
  readonly ready: boolean;
  readonly port: number | null;
  readonly error: string | null;
}

/** What `exit-N.json` holds. */
export interface ClientRelayExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly output: string;
}

export const CLIENT_RELAY_SOURCE = String.raw`
import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
const cfg = JSON.parse(process.argv[1]);
${DEMO_PROCESS_SOURCE}
const scripted = join(cfg.dir, "scripted.sock");
const sockets = new Set();
const track = (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); };

function writeJson(name, value) {
  const path = join(cfg.dir, name);
  writeFileSync(path + ".tmp", JSON.stringify(value));
  renameSync(path + ".tmp", path);
}

const listener = createServer((conn) => {
  track(conn);
  const up = connect(scripted);
  track(up);
  pipeSockets(conn, up);
});
let port = null;
let error = null;
try {
  await new Promise((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(0, cfg.host, () => { port = listener.address().port; resolve(); });
  });
} catch (e) {
  error = "the client relay could not listen: " + (e && e.message ? e.message : String(e));
}
writeJson("status.json", { ready: port !== null, port, error });

const clients = new Map();
const started = new Set();
while (port !== null && !existsSync(join(cfg.dir, "stop"))) {
  for (const name of readdirSync(cfg.dir)) {
    const m = /^launch-(\d+)$/.exec(name);
    if (m === null || started.has(m[1])) continue;
    const n = m[1];
    started.add(n);
    const p = launch(cfg.client, ["--host", cfg.host, "--port", String(port)]);
    clients.set(n, p);
    p.exited.then(() => {
      clients.delete(n);
      writeJson("exit-" + n + ".json", { code: p.exitCode, signal: p.signal, output: p.spawnError !== null ? "could not start: " + p.spawnError : keep(p.stdout + p.stderr) });
    });
  }
  for (const [n, p] of clients) if (existsSync(join(cfg.dir, "kill-" + n)) && p.child && !p.done) p.child.kill("SIGKILL");
  await sleep(cfg.pollMs);
}
for (const p of clients.values()) if (p.child && !p.done) p.child.kill("SIGKILL");
listener.close();
for (const s of sockets) s.destroy();
process.exit(0);
`;
