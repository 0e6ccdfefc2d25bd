// Conformance of one language's demo server, run the way the tester runs
// generated code: the server in the sandbox (with the relay of
// relay-source.ts beside it, the project folder read-only, a scratch folder
// its only writable place), the cases driven from here through the relay's
// Unix sockets. Nothing of protoforge needs to be reachable inside.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
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
import { demoLaunch, DEMO_COMMANDS, type DemoCommand } from "../interop/demo-commands.js";
import { createSandboxRunner, type SandboxRunner } from "../isolation/index.js";
import { findNode, NODE_SANDBOX_ENV } from "../profiles/node-binary.js";
import type { ConformanceFailure, ConformanceResult } from "../results/types.js";
import { type RelayConfig, type RelayReport, type RelayStatus, readRelayReport, RELAY_FILES, RELAY_SOURCE } from "./relay-source.js";

export interface SandboxConformanceOptions {
  readonly spec: Spec;
  /** The output folder; the language's project is OUT/<language>, read-only to the sandbox. */
  readonly outDir: string;
  readonly language: string;
  readonly transport: ConformanceTransport;
  readonly runner?: SandboxRunner;
  /** Default: every case of the spec for the transport. */
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
  const couldNot = (reason: string, serverOutputTail = ""): ConformanceResult => ({
    ...base,
    ok: false,
    total: 0,
    passed: 0,
    failures: [],
    proven: [],
    durationMs: elapsed(),
    serverOutputTail,
    reason,
  });

  const cases = o.cases ?? selectCases(deriveServerCases(o.spec, o.transport), o.transport);
  if (cases.length === 0) return { ...base, ok: true, total: 0, passed: 0, failures: [], proven: [], durationMs: 0, serverOutputTail: "" };
  const node = await findNode();
  if (node === undefined) return couldNot("no Node.js the sandbox user can run, for the conformance relay");
  const projectDir = join(o.outDir, o.language);
  let server;
  try {
    server = await demoLaunch(o.language, { projectDir, node: node.node }, "server", o.commands ?? DEMO_COMMANDS);
  } catch (e) {
    return couldNot(e instanceof Error ? e.message : String(e));
  }

  const runner = o.runner ?? createSandboxRunner();
  const dir = await mkdtemp(join(tmpdir(), "protoforge-conform-"));
  try {
    const config: RelayConfig = { server, host: HOST, dir, startMs, stopMs, pollMs: POLL_MS, keepChars: TAIL_CHARS };
    const casesMs = Math.min(MAX_CASES_MS, cases.length * timings.caseMs);
    const relay = runner.run({
      argv: [node.node, "--input-type=module", "-e", RELAY_SOURCE, "--", JSON.stringify(config)],
      cwd: dir,
      writableDir: dir,
      readOnlyMounts: [{ source: projectDir }],
      env: { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1", ...NODE_SANDBOX_ENV },
      limits: { wallClockMs: startMs + casesMs + stopMs + WALL_CLOCK_MARGIN_MS },
    });
    let relayDone = false;
    void relay.then(
      () => (relayDone = true),
      () => (relayDone = true),
    );
    const status = await waitForStatus(dir, startMs + WALL_CLOCK_MARGIN_MS, () => relayDone);

    let results: CaseResult[] = [];
    if (status?.ready === true) {
      const open = openerFor(o.transport, o.spec, { kind: "relay", streamPath: join(dir, RELAY_FILES.stream), datagramPath: join(dir, RELAY_FILES.datagram) });
      const deadline = Date.now() + casesMs;
      try {
        results = await runCases(cases, open, judgeContextOf(o.spec), timings, undefined, () => Date.now() > deadline || relayDone);
      } finally {
        releaseOpener(open);
      }
    }
    await writeFile(join(dir, RELAY_FILES.stop), "");
    const sandboxed = await relay;
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
    await rm(dir, { recursive: true, force: true });
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
  const failures: ConformanceFailure[] = results.filter((r) => !r.ok).map((r) => ({ name: r.name, reason: r.reason ?? "failed", proves: r.proves }));
  const proven = [...new Set(results.filter((r) => r.ok).flatMap((r) => r.proves))].sort();
  const passed = results.filter((r) => r.ok).length;
  const problems: string[] = [];
  if (results.length < cases.length) problems.push(`${cases.length - results.length} of ${cases.length} cases did not run (the suite's time ran out or the relay ended)`);
  if (report.server.exitedEarly) problems.push(`the server exited during the cases (${report.server.signal ?? `code ${report.server.exitCode ?? "?"}`})`);
  if (report.server.killed) problems.push("the server did not stop on SIGTERM and was killed");
  const ok = failures.length === 0 && problems.length === 0;
  return { ...base, ok, total: cases.length, passed, failures, proven, durationMs, serverOutputTail, ...(problems.length > 0 ? { reason: problems.join("; ") } : {}) };
}

async function waitForStatus(dir: string, withinMs: number, relayEnded: () => boolean): Promise<RelayStatus | undefined> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const text = await readFile(join(dir, RELAY_FILES.status), "utf8").catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as RelayStatus;
    if (relayEnded()) return undefined;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return undefined;
}

function outputTail(report: RelayReport): string {
  const s = report.server;
  return `${s.stdout}${s.stderr.length > 0 ? `\n${s.stderr}` : ""}`.slice(-TAIL_CHARS);
}
