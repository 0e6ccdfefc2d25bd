// Client conformance of one language's demo client, run the way the tester
// runs generated code: the client in the sandbox, started by the client
// relay (client-relay-source.ts) once per case; the scripted server here, on
// a Unix socket in the sandbox's scratch folder that the relay's loopback
// port leads to.
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Spec } from "../../src/spec/model.js";
import { type ClientCase, type ClientExit, type ClientLauncher, type ClientRunTimings, deriveClientCases, runClientConformance, selectClientCases } from "../../src/verify/conformance/client/index.js";
import type { ConformanceTransport } from "../../src/verify/conformance/index.js";
import { demoLaunch, DEMO_COMMANDS, type DemoCommand } from "../interop/demo-commands.js";
import { createSandboxRunner, type SandboxRunner } from "../isolation/index.js";
import { findNode, NODE_SANDBOX_ENV } from "../profiles/node-binary.js";
import type { ConformanceFailure, ConformanceResult } from "../results/types.js";
import { CLIENT_RELAY_FILES, CLIENT_RELAY_SOURCE, type ClientRelayConfig, type ClientRelayExit, type ClientRelayStatus } from "./client-relay-source.js";

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
  const couldNot = (reason: string): ConformanceResult => ({ ...base, ok: false, total: 0, passed: 0, failures: [], proven: [], durationMs: elapsed(), serverOutputTail: "", reason });
  const cases = o.cases ?? selectClientCases(deriveClientCases(o.spec), o.transport);
  if (cases.length === 0) return { ...base, ok: true, total: 0, passed: 0, failures: [], proven: [], durationMs: 0, serverOutputTail: "" };
  const node = await findNode();
  if (node === undefined) return couldNot("no Node.js the sandbox user can run, for the client relay");
  const projectDir = join(o.outDir, o.language);
  let client;
  try {
    client = await demoLaunch(o.language, { projectDir, node: node.node }, "client", o.commands ?? DEMO_COMMANDS);
  } catch (e) {
    return couldNot(e instanceof Error ? e.message : String(e));
  }
  const timings = o.timings ?? DEFAULT_TIMINGS;
  const runner = o.runner ?? createSandboxRunner();
  const dir = await mkdtemp(join(tmpdir(), "protoforge-conform-client-"));
  try {
    const config: ClientRelayConfig = { client, host: HOST, dir, pollMs: POLL_MS, keepChars: TAIL_CHARS };
    const casesMs = Math.min(MAX_CASES_MS, cases.length * timings.caseMs);
    const relay = runner.run({
      argv: [node.node, "--input-type=module", "-e", CLIENT_RELAY_SOURCE, "--", JSON.stringify(config)],
      cwd: dir,
      writableDir: dir,
      readOnlyMounts: [{ source: projectDir }],
      env: { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1", ...NODE_SANDBOX_ENV },
      limits: { wallClockMs: START_MS + casesMs + WALL_CLOCK_MARGIN_MS },
    });
    let relayDone = false;
    void relay.then(
      () => (relayDone = true),
      () => (relayDone = true),
    );
    const status = await waitForJson<ClientRelayStatus>(join(dir, CLIENT_RELAY_FILES.status), START_MS, () => relayDone);
    if (status?.ready !== true || status.port === null) {
      await writeFile(join(dir, CLIENT_RELAY_FILES.stop), "");
      const ended = await relay;
      return couldNot(status?.error ?? `the client relay did not start: ${`${ended.stdout}\n${ended.stderr}`.trim().slice(-TAIL_CHARS)}`);
    }
    const report = await runClientConformance({
      spec: o.spec,
      cases,
      command: `${o.language} demo client`,
      transport: o.transport,
      listen: { path: join(dir, CLIENT_RELAY_FILES.scripted) },
      reach: { host: HOST, port: status.port },
      launch: relayLauncher(dir, () => relayDone),
      timings,
    });
    await writeFile(join(dir, CLIENT_RELAY_FILES.stop), "");
    await relay;
    const failures: ConformanceFailure[] = report.results.filter((r) => !r.ok).map((r) => ({ name: r.name, reason: r.reason ?? "failed", proves: r.proves }));
    const proven = [...new Set(report.results.filter((r) => r.ok).flatMap((r) => r.proves))].sort();
    const lastFailed = report.results.filter((r) => !r.ok).at(-1);
    return { ...base, ok: failures.length === 0, total: cases.length, passed: report.passed, failures, proven, durationMs: elapsed(), serverOutputTail: lastFailed?.outputTail.join("\n") ?? "" };
  } finally {
    await rm(dir, { recursive: true, force: true });
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

async function waitForJson<T>(path: string, withinMs: number, ended: () => boolean): Promise<T | undefined> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as T;
    if (ended()) return undefined;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return undefined;
}
