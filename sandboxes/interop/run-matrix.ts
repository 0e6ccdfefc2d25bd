// The interop matrix: every ordered pair (server language, client language)
// of a multi-language output folder, each in one sandbox run of the driver
// (driver-source.ts), judged by pairs.ts. Run it after each language's own
// steps passed: it uses the projects as they were built (.venv, node_modules).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandboxRunner, type SandboxRunner } from "../isolation/index.js";
import { findNode, NODE_SANDBOX_ENV } from "../profiles/node-binary.js";
import type { InteropResult } from "../../src/results/types.js";
import { demoLaunch, DEMO_COMMANDS, type DemoCommand } from "./demo-commands.js";
import { DRIVER_SOURCE, type DriverConfig } from "./driver-source.js";
import { InteropError } from "./errors.js";
import { DEFAULT_PAIR_TIMEOUTS, judgePair, orderedPairs, outputTail, readDriverReport, type PairTimeouts } from "./pairs.js";

export interface InteropOptions {
  /** The output folder: OUT/<language> for each language, read-only to the
   *  driver and the demos; they write only a scratch folder of their own. */
  readonly outDir: string;
  readonly languages: readonly string[];
  /** The run's transport (tcp, udp, http): the servers must say they listen over it. */
  readonly transport: string;
  readonly runner?: SandboxRunner;
  readonly timeouts?: Partial<PairTimeouts>;
  /** Demo commands by language (default DEMO_COMMANDS). */
  readonly commands?: Readonly<Record<string, DemoCommand>>;
  /** Called as each pair starts, for progress display. */
  readonly onPair?: (server: string, client: string) => void;
}

const HOST = "127.0.0.1";
const KEEP_CHARS = 16_000;
const TAIL_CHARS = 4_000;
/** Added to the pair's own timeouts for the sandbox's wall clock: starting node, the driver's own waits. */
const WALL_CLOCK_MARGIN_MS = 20_000;

/** Runs every ordered pair of different languages, one after another. */
export async function runInteropMatrix(options: InteropOptions): Promise<InteropResult[]> {
  const runner = options.runner ?? createSandboxRunner();
  const timeouts: PairTimeouts = { ...DEFAULT_PAIR_TIMEOUTS, ...options.timeouts };
  const node = await findNode();
  const results: InteropResult[] = [];
  for (const [server, client] of orderedPairs(options.languages)) {
    options.onPair?.(server, client);
    results.push(await runPair({ ...options, runner, timeouts, node: node?.node }, server, client));
  }
  return results;
}

interface PairContext extends InteropOptions {
  readonly runner: SandboxRunner;
  readonly timeouts: PairTimeouts;
  readonly node: string | undefined;
}

async function runPair(ctx: PairContext, server: string, client: string): Promise<InteropResult> {
  const base = { server, client, transport: ctx.transport };
  const started = performance.now();
  const failed = (reason: string, clientOutputTail = "", serverOutputTail = ""): InteropResult => ({
    ...base,
    ok: false,
    durationMs: Math.round(performance.now() - started),
    clientOutputTail,
    serverOutputTail,
    reason,
  });
  let config: DriverConfig;
  try {
    if (ctx.node === undefined) throw new InteropError("no-driver-runtime", "no Node.js the sandbox user can run, for the interop driver");
    const node = ctx.node;
    const launch = (language: string, role: "server" | "client") =>
      demoLaunch(language, { projectDir: join(ctx.outDir, language), node }, role, ctx.commands ?? DEMO_COMMANDS);
    config = {
      server: await launch(server, "server"),
      client: await launch(client, "client"),
      host: HOST,
      startMs: ctx.timeouts.startMs,
      clientMs: ctx.timeouts.clientMs,
      stopMs: ctx.timeouts.stopMs,
      keepChars: KEEP_CHARS,
    };
  } catch (e) {
    if (e instanceof InteropError) return failed(e.message);
    throw e;
  }
  const scratch = await mkdtemp(join(tmpdir(), "protoforge-interop-"));
  let result;
  try {
    result = await ctx.runner.run({
      argv: [ctx.node, "--input-type=module", "-e", DRIVER_SOURCE, "--", JSON.stringify(config)],
      cwd: scratch,
      writableDir: scratch,
      readOnlyMounts: [...new Set([server, client])].map((language) => ({ source: join(ctx.outDir, language) })),
      env: { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1", ...NODE_SANDBOX_ENV },
      limits: { wallClockMs: ctx.timeouts.startMs + ctx.timeouts.clientMs + ctx.timeouts.stopMs + WALL_CLOCK_MARGIN_MS },
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const report = readDriverReport(result.stdout);
  if (report === undefined) {
    const how = result.timedOut ? "was stopped at the sandbox's wall clock" : result.signal !== null ? `was ended by ${result.signal}` : `exited with code ${result.exitCode ?? "?"}`;
    return failed(`the interop driver ${how} without a report`, "", outputTail(result, TAIL_CHARS));
  }
  const verdict = judgePair(report, ctx.transport, ctx.timeouts);
  const clientTail = outputTail(report.client, TAIL_CHARS);
  const serverTail = outputTail(report.server, TAIL_CHARS);
  if (!verdict.ok) return failed(verdict.reason, clientTail, serverTail);
  return { ...base, ok: true, durationMs: Math.round(performance.now() - started), clientOutputTail: clientTail, serverOutputTail: serverTail };
}
