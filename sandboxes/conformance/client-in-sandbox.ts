// Client conformance of one language's demo client, run the way the tester
// runs generated code: the client in the sandbox, started by the client
// relay (client-relay-source.ts) once per case; the scripted server here, on
// a Unix socket in the sandbox's scratch folder that the relay's loopback
// port leads to.
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Spec } from "../../src/spec/model.js";
import { type ClientCase, type ClientExit, type ClientLauncher, type ClientRunTimings, deriveClientCases, runClientConformance, selectClientCases } from "../../src/verify/conformance/client/index.js";
import type { ConformanceTransport } from "../../src/verify/conformance/index.js";
import type { DemoCommand } from "../interop/demo-commands.js";
import { createSandboxRunner, type SandboxRunner } from "../isolation/index.js";
import type { ConformanceResult } from "../../src/results/types.js";
import { CLIENT_RELAY_FILES, CLIENT_RELAY_SOURCE, type ClientRelayConfig, type ClientRelayExit, type ClientRelayStatus } from "./client-relay-source.js";
import { relayDemo } from "./relay-demo.js";
import { startRelay } from "./relay-lifecycle.js";
import { couldNotRun, failuresAndProven, noCases } from "./suite-result.js";

export interface SandboxClientConformanceOptions {
  readonly spec: Spec;
  readonly outDir: string;
  readonly language: string;
  readonly transport: ConformanceTransport;
  readonly runner?: SandboxRunner;
  /** Default: every client case of the spec. */
  readonly cases?: readonly ClientCase[];
  readonly timings?: ClientRunTimings;
  readonly commands?: Readonly<Record<string, DemoCommand>>;
}

const HOST = "127.0.0.1";
const POLL_MS = 25;
const TAIL_CHARS = 4_000;
const START_MS = 30_000;
const WALL_CLOCK_MARGIN_MS = 30_000;
const MAX_CASES_MS = 10 * 60_000;
const DEFAULT_TIMINGS: ClientRunTimings = { caseMs: 30_000, drainMs: 500 };

/** Client conformance runs where the runner drives clients: TCP today. */
export function clientConformanceSupported(transport: string): boolean {
  return transport === "tcp";
}

export async function conformClientInSandbox(o: SandboxClientConformanceOptions): Promise<ConformanceResult> {
  const started = performance.now();
  const base = { language: o.language, side: "client" as const, transport: o.transport };
  const elapsed = (): number => Math.round(performance.now() - started);
  const couldNot = (reason: string): ConformanceResult => couldNotRun(base, elapsed(), reason);
  const cases = o.cases ?? selectClientCases(deriveClientCases(o.spec), o.transport);
  if (cases.length === 0) return noCases(base);
  const launched = await relayDemo(o, "client", "client relay");
  if ("reason" in launched) return couldNot(launched.reason);
  const { node, projectDir, demo: client } = launched;
  const timings = o.timings ?? DEFAULT_TIMINGS;
  const casesMs = Math.min(MAX_CASES_MS, cases.length * timings.caseMs);
  const relay = await startRelay(CLIENT_RELAY_SOURCE, {
    runner: o.runner ?? createSandboxRunner(),
    node,
    projectDir,
    scratchPrefix: "protoforge-conform-client-",
    config: (dir): ClientRelayConfig => ({ client, host: HOST, dir, pollMs: POLL_MS, keepChars: TAIL_CHARS }),
    files: CLIENT_RELAY_FILES,
    wallClockMs: START_MS + casesMs + WALL_CLOCK_MARGIN_MS,
    pollMs: POLL_MS,
  });
  try {
    const status = await relay.status<ClientRelayStatus>(START_MS);
    if (status?.ready !== true || status.port === null) {
      const ended = await relay.stop();
      return couldNot(status?.error ?? `the client relay did not start: ${`${ended.stdout}\n${ended.stderr}`.trim().slice(-TAIL_CHARS)}`);
    }
    const report = await runClientConformance({
      spec: o.spec,
      cases,
      command: `${o.language} demo client`,
      transport: o.transport,
      listen: { path: join(relay.dir, CLIENT_RELAY_FILES.scripted) },
      reach: { host: HOST, port: status.port },
      launch: relayLauncher(relay.dir, relay.ended),
      timings,
    });
    await relay.stop();
    const { failures, proven } = failuresAndProven(report.results);
    const lastFailed = report.results.filter((r) => !r.ok).at(-1);
    return { ...base, ok: failures.length === 0, total: cases.length, passed: report.passed, failures, proven, durationMs: elapsed(), serverOutputTail: lastFailed?.outputTail.join("\n") ?? "" };
  } finally {
    await relay.remove();
  }
}

/** Starts the demo client through the relay: a `launch-N` file, then its `exit-N.json`. */
function relayLauncher(dir: string, relayEnded: () => boolean): ClientLauncher {
  let n = 0;
  let opened = false;
  return () => {
    const id = ++n;
    let output = "";
    const exited = (async (): Promise<ClientExit> => {
      // The scripted server's socket is the runner's; the sandbox user must be able to connect.
      if (!opened) {
        await chmod(join(dir, CLIENT_RELAY_FILES.scripted), 0o666);
        opened = true;
      }
      await writeFile(join(dir, CLIENT_RELAY_FILES.launch(id)), "");
      for (;;) {
        const text = await readFile(join(dir, CLIENT_RELAY_FILES.exit(id)), "utf8").catch(() => undefined);
        if (text !== undefined) {
          const exit = JSON.parse(text) as ClientRelayExit;
          output = exit.output;
          return { code: exit.code, signal: exit.signal };
        }
        if (relayEnded()) {
          output = "the client relay ended before the client exited";
          return { code: null, signal: null };
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();
    return {
      exited,
      output: () => output,
      kill: () => void writeFile(join(dir, CLIENT_RELAY_FILES.kill(id)), "").catch(() => undefined),
    };
  };
}
