// The interop matrix's pure logic: which pairs run, what the driver reports
// and whether a pair passed.

/** Every ordered pair (server, client) of different languages, in the given order, each language once. */
export function orderedPairs(languages: readonly string[]): Array<readonly [server: string, client: string]> {
  const unique = [...new Set(languages)];
  return unique.flatMap((server) => unique.filter((client) => client !== server).map((client) => [server, client] as const));
}

/** `<protocol> <version> <responder> listening on <host>:<port> over <TCP|UDP|HTTP>` (docs/targets/javascript-contract.md, Demo). */
export const LISTENING_LINE = /listening on (?<host>\S+):(?<port>\d{1,5}) over (?<transport>[A-Za-z]+)\s*$/;

export interface Listening {
  readonly host: string;
  readonly port: number;
  readonly transport: string;
}

export function parseListeningLine(line: string): Listening | undefined {
  const g = LISTENING_LINE.exec(line.trim())?.groups;
  if (g?.["host"] === undefined || g["port"] === undefined || g["transport"] === undefined) return undefined;
  const port = Number(g["port"]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: g["host"], port, transport: g["transport"] };
}

export interface ProcessReport {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Why it could not be started (spawn error), if so. */
  readonly spawnError: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the driver prints as its last line, after DRIVER_REPORT_MARKER. */
export interface DriverReport {
  readonly listening: Listening | null;
  /** Why the client never ran: the server did not come up. */
  readonly startError: string | null;
  readonly client: (ProcessReport & { readonly timedOut: boolean }) | null;
  readonly server: ProcessReport & {
    /** It exited before the driver stopped it. */
    readonly exitedEarly: boolean;
    /** It outlived SIGTERM by the stop timeout and was killed. */
    readonly killed: boolean;
  };
}

export const DRIVER_REPORT_MARKER = "@@protoforge-interop@@ ";

/** The driver's report from its stdout, or undefined when it wrote none (it crashed, or the sandbox killed it). */
export function readDriverReport(stdout: string): DriverReport | undefined {
  const line = stdout
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(DRIVER_REPORT_MARKER));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line.slice(DRIVER_REPORT_MARKER.length)) as DriverReport;
  } catch {
    return undefined;
  }
}

export interface PairTimeouts {
  /** From starting the server to its listening line. */
  readonly startMs: number;
  /** The client's whole session. */
  readonly clientMs: number;
  /** From SIGTERM to the server's exit. */
  readonly stopMs: number;
}

export const DEFAULT_PAIR_TIMEOUTS: PairTimeouts = { startMs: 30_000, clientMs: 60_000, stopMs: 10_000 };

export type PairVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether a pair passed (pure): the client exited 0 with a `done:` line, and the server came up over `transport` and exited 0 on SIGTERM. */
export function judgePair(report: DriverReport, transport: string, timeouts: PairTimeouts): PairVerdict {
  const fail = (reason: string): PairVerdict => ({ ok: false, reason });
  if (report.startError !== null) return fail(report.startError);
  if (report.listening === null) return fail("the server printed no listening line");
  if (report.listening.transport.toLowerCase() !== transport.toLowerCase()) {
    return fail(`the server listens over ${report.listening.transport}, the run's transport is ${transport.toUpperCase()}`);
  }
  const client = report.client;
  if (client === null) return fail("the client did not run");
  if (client.spawnError !== null) return fail(`the client could not start: ${client.spawnError}`);
  if (client.timedOut) return fail(`the client did not finish within ${timeouts.clientMs} ms`);
  if (client.exitCode !== 0) return fail(`the client ${exitText(client)}${lastLine(client) ? `; its last line: ${lastLine(client)}` : ""}`);
  if (!/^done:/m.test(client.stdout)) return fail("the client exited 0 but printed no `done:` line");
  const server = report.server;
  if (server.exitedEarly) return fail(`the server ${exitText(server)} before it was stopped${lastLine(server) ? `; its last line: ${lastLine(server)}` : ""}`);
  if (server.killed) return fail(`the server did not exit within ${timeouts.stopMs} ms of SIGTERM`);
  if (server.exitCode !== 0) return fail(`the server ${exitText(server)} on SIGTERM (it should exit 0)`);
  return { ok: true };
}

function exitText(p: ProcessReport): string {
  return p.signal !== null ? `was ended by ${p.signal}` : `exited with code ${p.exitCode ?? "?"}`;
}

function lastLine(p: ProcessReport): string {
  const lines = `${p.stdout}\n${p.stderr}`.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return lines.at(-1) ?? "";
}

/** stdout then stderr, the last `max` characters. */
export function outputTail(p: Pick<ProcessReport, "stdout" | "stderr"> | null, max: number): string {
  if (p === null) return "";
  const text = p.stderr.trim() === "" ? p.stdout : `${p.stdout}${p.stdout.endsWith("\n") || p.stdout === "" ? "" : "\n"}--- stderr ---\n${p.stderr}`;
  return text.length > max ? `…${text.slice(-max)}` : text;
}
