// One conformance run against a server: start it, run every selected case on
// its own connection, one after the other, stop it.
import type { Spec } from "../../spec/model.js";
import { frameLimitsOf } from "../../wire/index.js";
import type { ConformanceCase, ConformanceTransport } from "./case-model.js";
import { createCaseKit } from "./case-kit.js";
import type { Endpoint } from "./endpoint.js";
import { ConformanceError } from "./errors.js";
import type { JudgeContext } from "./judge.js";
import type { OpenLink } from "./link.js";
import { type CaseResult, type CaseTimings, DEFAULT_CASE_TIMINGS, runCase } from "./run-case.js";
import { DEFAULT_SERVER_TIMEOUTS, type ServerExit, type ServerTimeouts, startServer } from "./server-process.js";
import { httpOpener } from "./http-link.js";
import { tcpOpener } from "./tcp-link.js";
import { releaseOpener, udpOpener } from "./udp-link.js";

export const CONFORMANCE_HOST = "127.0.0.1";

export interface ServerRunOptions {
  readonly spec: Spec;
  readonly cases: readonly ConformanceCase[];
  /** Shell command; `--host 127.0.0.1 --port 0` is appended. */
  readonly command: string;
  readonly transport: ConformanceTransport;
  readonly timings?: CaseTimings;
  readonly server?: ServerTimeouts;
  /** Called after each case, e.g. for progress. */
  readonly onResult?: (r: CaseResult) => void;
}

export interface ConformanceReport {
  readonly transport: ConformanceTransport;
  readonly listening: string;
  readonly results: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  /** The server exited before it was stopped. */
  readonly serverExitedEarly: ServerExit | null;
  readonly serverStop: ServerExit & { readonly killed: boolean };
}

export function judgeContextOf(spec: Spec): JudgeContext {
  const kit = createCaseKit(spec);
  return {
    codec: kit.codec,
    isServerEvent: (name) => spec.messages.some((m) => m.name === name && m.from === "responder" && m.kind === "event"),
    codeField: kit.codeField,
  };
}

/** Fails unless the runner can drive `transport`: TCP, UDP and HTTP today. */
export function checkSupported(transport: ConformanceTransport): void {
  if (transport !== "tcp" && transport !== "udp" && transport !== "http") throw new ConformanceError("unsupported-transport", `conformance over ${String(transport).toUpperCase()} is not yet supported; only --transport tcp, udp and http run today`);
}

/** A link opener for `transport`, one entry per transport the runner drives. */
export function openerFor(transport: ConformanceTransport, spec: Spec, endpoint: Endpoint): OpenLink {
  checkSupported(transport);
  const openers: Record<ConformanceTransport, (() => OpenLink) | undefined> = {
    tcp: () => tcpOpener(endpoint, frameLimitsOf(spec)),
    udp: () => udpOpener(endpoint, createCaseKit(spec, "udp").codec),
    http: () => httpOpener(endpoint, spec),
  };
  const opener = openers[transport];
  if (opener === undefined) throw new ConformanceError("unsupported-transport", `conformance over ${transport.toUpperCase()} is not yet supported`);
  return opener();
}

/** Runs the cases one after the other against an already listening server;
 *  stops before a case when `shouldStop` says so (a suite-wide time bound). */
export async function runCases(
  cases: readonly ConformanceCase[],
  open: OpenLink,
  judge: JudgeContext,
  timings: CaseTimings,
  onResult?: (r: CaseResult) => void,
  shouldStop?: () => boolean,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    if (shouldStop?.() === true) break;
    const r = await runCase(c, open, judge, timings);
    results.push(r);
    onResult?.(r);
  }
  return results;
}

export async function runServerConformance(o: ServerRunOptions): Promise<ConformanceReport> {
  if (o.cases.length === 0) throw new ConformanceError("no-cases", "no case is selected");
  checkSupported(o.transport);
  const server = await startServer(o.command, CONFORMANCE_HOST, o.server ?? DEFAULT_SERVER_TIMEOUTS);
  let results: CaseResult[];
  let early: ServerExit | undefined;
  try {
    const said = server.listening.transport.toLowerCase();
    if (said !== o.transport) throw new ConformanceError("server-start", `the server listens over ${server.listening.transport}, the run's transport is ${o.transport.toUpperCase()}`);
    const host = server.listening.host === "0.0.0.0" ? CONFORMANCE_HOST : server.listening.host;
    const open = openerFor(o.transport, o.spec, { kind: "direct", host, port: server.listening.port });
    try {
      results = await runCases(o.cases, open, judgeContextOf(o.spec), o.timings ?? DEFAULT_CASE_TIMINGS, o.onResult);
    } finally {
      releaseOpener(open);
    }
    early = server.exitedEarly();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const stop = await server.stop();
  const passed = results.filter((r) => r.ok).length;
  return { transport: o.transport, listening: server.firstLine, results, passed, failed: results.length - passed, serverExitedEarly: early ?? null, serverStop: stop };
}
