// Conformance of one language's demo server, run the way the tester runs
// generated code: the server in the sandbox (with the relay of
// relay-source.ts beside it, the project folder read-only, a scratch folder
// its only writable place), the cases driven from here through the relay's
// Unix sockets. Nothing of protoforge needs to be reachable inside.
import { join } from "node:path";
import type { Spec } from "../../src/spec/model.js";
import {
  type CaseResult,
  type CaseTimings,
  type ConformanceCase,
  type ConformanceTransport,
  DEFAULT_CASE_TIMINGS,
  deriveServerCases,
  judgeContextOf,
  openerFor,
  releaseOpener,
  runCases,
  selectCases,
} from "../../src/verify/conformance/index.js";
import type { DemoCommand } from "../interop/demo-commands.js";
import { createSandboxRunner, type SandboxRunner } from "../isolation/index.js";
import type { ConformanceResult } from "../../src/results/types.js";
import { relayDemo } from "./relay-demo.js";
import { startRelay } from "./relay-lifecycle.js";
import { type RelayConfig, type RelayReport, type RelayStatus, readRelayReport, RELAY_FILES, RELAY_SOURCE } from "./relay-source.js";
import { couldNotRun, failuresAndProven, noCases } from "./suite-result.js";

export interface SandboxConformanceOptions {
  readonly spec: Spec;
  /** The output folder; the language's project is OUT/<language>, read-only to the sandbox. */
  readonly outDir: string;
  readonly language: string;
  readonly transport: ConformanceTransport;
  readonly runner?: SandboxRunner;
  /** Default: every case of the spec for the transport, the behaviour family included when the spec has a behaviour section. */
  readonly cases?: readonly ConformanceCase[];
  readonly timings?: CaseTimings;
  readonly startMs?: number;
  readonly stopMs?: number;
  readonly commands?: Readonly<Record<string, DemoCommand>>;
}

const HOST = "127.0.0.1";
const TAIL_CHARS = 4_000;
const POLL_MS = 50;
/** Added to the server's start and stop and the cases' own bound, for the sandbox's wall clock. */
const WALL_CLOCK_MARGIN_MS = 20_000;
/** The whole suite's bound, whatever the number of cases. */
const MAX_CASES_MS = 10 * 60_000;

export async function conformInSandbox(o: SandboxConformanceOptions): Promise<ConformanceResult> {
  const started = performance.now();
  const startMs = o.startMs ?? 30_000;
  const stopMs = o.stopMs ?? 5_000;
  const timings = o.timings ?? DEFAULT_CASE_TIMINGS;
  const base = { language: o.language, side: "server" as const, transport: o.transport };
  const elapsed = (): number => Math.round(performance.now() - started);
  const couldNot = (reason: string, serverOutputTail = ""): ConformanceResult => couldNotRun(base, elapsed(), reason, serverOutputTail);

  const cases = o.cases ?? selectCases(deriveServerCases(o.spec, o.transport, { behaviour: o.spec.behaviour !== undefined }), o.transport);
  if (cases.length === 0) return noCases(base);
  const launched = await relayDemo(o, "server", "conformance relay");
  if ("reason" in launched) return couldNot(launched.reason);
  const { node, projectDir, demo: server } = launched;

  const casesMs = Math.min(MAX_CASES_MS, cases.length * timings.caseMs);
  const relay = await startRelay(RELAY_SOURCE, {
    runner: o.runner ?? createSandboxRunner(),
    node,
    projectDir,
    scratchPrefix: "protoforge-conform-",
    config: (dir): RelayConfig => ({ server, host: HOST, dir, startMs, stopMs, pollMs: POLL_MS, keepChars: TAIL_CHARS }),
    files: RELAY_FILES,
    wallClockMs: startMs + casesMs + stopMs + WALL_CLOCK_MARGIN_MS,
    pollMs: POLL_MS,
  });
  try {
    const status = await relay.status<RelayStatus>(startMs + WALL_CLOCK_MARGIN_MS);

    let results: CaseResult[] = [];
    if (status?.ready === true) {
      const open = openerFor(o.transport, o.spec, { kind: "relay", streamPath: join(relay.dir, RELAY_FILES.stream), datagramPath: join(relay.dir, RELAY_FILES.datagram) });
      const deadline = Date.now() + casesMs;
      try {
        results = await runCases(cases, open, judgeContextOf(o.spec), timings, undefined, () => Date.now() > deadline || relay.ended());
      } finally {
        releaseOpener(open);
      }
    }
    const sandboxed = await relay.stop();
    const report = readRelayReport(sandboxed.stdout);
    const tail = report === undefined ? `${sandboxed.stdout}\n${sandboxed.stderr}`.slice(-TAIL_CHARS) : outputTail(report);
    if (report === undefined) {
      const how = sandboxed.timedOut ? "was stopped at the sandbox's wall clock" : sandboxed.signal !== null ? `was ended by ${sandboxed.signal}` : `exited with code ${sandboxed.exitCode ?? "?"}`;
      return couldNot(`the conformance relay ${how} without a report`, tail);
    }
    if (!report.status.ready) return couldNot(report.status.startError ?? "the server did not start", tail);
    const said = report.status.listening?.transport.toLowerCase();
    if (said !== o.transport) return couldNot(`the server listens over ${report.status.listening?.transport ?? "?"}, the run's transport is ${o.transport.toUpperCase()}`, tail);
    return judge(base, cases, results, report, elapsed(), tail);
  } finally {
    await relay.remove();
  }
}

/** The suite's verdict from the case results and how the server behaved (pure). */
export function judge(
  base: { readonly language: string; readonly side: "server"; readonly transport: string },
  cases: readonly ConformanceCase[],
  results: readonly CaseResult[],
  report: Pick<RelayReport, "server">,
  durationMs: number,
  serverOutputTail: string,
): ConformanceResult {
  const { failures, proven } = failuresAndProven(results);
  const passed = results.filter((r) => r.ok).length;
  const problems: string[] = [];
  if (results.length < cases.length) problems.push(`${cases.length - results.length} of ${cases.length} cases did not run (the suite's time ran out or the relay ended)`);
  if (report.server.exitedEarly) problems.push(`the server exited during the cases (${report.server.signal ?? `code ${report.server.exitCode ?? "?"}`})`);
  if (report.server.killed) problems.push("the server did not stop on SIGTERM and was killed");
  const ok = failures.length === 0 && problems.length === 0;
  return { ...base, ok, total: cases.length, passed, failures, proven, durationMs, serverOutputTail, ...(problems.length > 0 ? { reason: problems.join("; ") } : {}) };
}

function outputTail(report: RelayReport): string {
  const s = report.server;
  return `${s.stdout}${s.stderr.length > 0 ? `\n${s.stderr}` : ""}`.slice(-TAIL_CHARS);
}
