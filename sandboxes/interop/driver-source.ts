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
import { DEMO_PROCESS_SOURCE } from "./demo-process-source.js";
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
${DEMO_PROCESS_SOURCE}
const { server, listening, startError } = await startDemoServer(cfg.server, cfg.host, cfg.startMs);

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

const { exitedEarly, killed } = await stopDemoServer(server, cfg.stopMs);
const out = { listening, startError, client, server: report(server, { exitedEarly: exitedEarly && listening !== null, killed }) };
process.stdout.write("\n" + MARKER + JSON.stringify(out) + "\n", () => process.exit(0));
`;
