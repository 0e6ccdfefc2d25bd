// Runs one client case: the scripted server takes the case, the client
// command is started against it, and waited for within the case's time (and,
// once the twist has been played, within the time the outcome gives after
// it); then judged.
import type { Machine } from "../../../spec/model.js";
import type { ClientCase, ClientCaseFamily } from "./client-case-model.js";
import type { ClientExit, ClientLauncher } from "./client-process.js";
import { judgeClientRun } from "./judge-client.js";
import type { ScriptedServer } from "./scripted-server.js";

export interface ClientRunTimings {
  /** The whole client run, start to exit. */
  readonly caseMs: number;
  /** After the client exited, how long its connections may take to close. */
  readonly drainMs: number;
}

export const DEFAULT_CLIENT_RUN_TIMINGS: ClientRunTimings = { caseMs: 30_000, drainMs: 500 };

const POLL_MS = 20;
const TRANSCRIPT_SHOWN = 12;

export interface ClientCaseResult {
  readonly name: string;
  readonly family: ClientCaseFamily;
  readonly proves: readonly string[];
  readonly ok: boolean;
  readonly reason?: string;
  readonly ms: number;
  readonly exit: ClientExit & { readonly killed: boolean };
  /** The last frames of the last connection (`client: …`, `server: …`). */
  readonly transcript: readonly string[];
  /** The last lines of the client's output. */
  readonly outputTail: readonly string[];
}

export interface ClientCaseContext {
  readonly server: ScriptedServer;
  readonly launch: ClientLauncher;
  readonly command: string;
  /** The address the client is told (`--host H --port P`). */
  readonly reach: { readonly host: string; readonly port: number };
  readonly machine: Machine;
  readonly timings: ClientRunTimings;
}

export async function runClientCase(c: ClientCase, ctx: ClientCaseContext): Promise<ClientCaseResult> {
  const session = ctx.server.begin(c);
  const started = Date.now();
  const client = ctx.launch(ctx.command, ctx.reach.host, ctx.reach.port);
  let exit: ClientExit | undefined;
  void client.exited.then((e) => {
    exit = e;
  });
  let killed = false;
  let limitMs = ctx.timings.caseMs;
  for (;;) {
    if (exit !== undefined) break;
    const twistAt = session.twistAt();
    const deadline = c.outcome.kind === "stops" && twistAt !== undefined ? Math.min(started + ctx.timings.caseMs, twistAt + c.outcome.withinMs) : started + ctx.timings.caseMs;
    if (Date.now() >= deadline) {
      limitMs = deadline - started;
      killed = true;
      client.kill();
      break;
    }
    await Promise.race([client.exited, sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())))]);
  }
  const exited = await client.exited;
  const endedAt = Date.now();
  await session.settled(endedAt + ctx.timings.drainMs);
  ctx.server.end();
  const twistAt = session.twistAt();
  const output = client.output();
  const reason = judgeClientRun(c, ctx.machine, {
    exit: { ...exited, killed },
    output,
    limitMs,
    connections: session.connections,
    ...(twistAt === undefined ? {} : { afterTwistMs: endedAt - twistAt }),
  });
  const lastConnection = session.connections[session.connections.length - 1];
  return {
    name: c.name,
    family: c.family,
    proves: c.proves,
    ok: reason === undefined,
    ...(reason === undefined ? {} : { reason }),
    ms: endedAt - started,
    exit: { ...exited, killed },
    transcript: (lastConnection?.judge.transcript ?? []).slice(-TRANSCRIPT_SHOWN),
    outputTail: output.split("\n").filter((l) => l.trim() !== "").slice(-TRANSCRIPT_SHOWN),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
