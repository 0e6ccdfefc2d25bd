// One conformance run against a client: the scripted server listens once,
// then every selected case runs the client command once, one after the other.
import type { Spec } from "../../../spec/model.js";
import { createCaseKit } from "../case-kit.js";
import type { ConformanceTransport } from "../case-model.js";
import { ConformanceError } from "../errors.js";
import type { ClientCase } from "./client-case-model.js";
import { type ClientLauncher, launchLocalClient } from "./client-process.js";
import { type ClientCaseResult, type ClientRunTimings, DEFAULT_CLIENT_RUN_TIMINGS, runClientCase } from "./run-client-case.js";
import { DEFAULT_LISTEN, describeListen, type ListenTarget, startScriptedServer } from "./scripted-server.js";

export interface ClientRunOptions {
  readonly spec: Spec;
  readonly cases: readonly ClientCase[];
  /** Shell command; `--host H --port P` (the scripted server's address) is appended. */
  readonly command: string;
  readonly transport: ConformanceTransport;
  /** Where the scripted server listens; loopback on a free port by default. */
  readonly listen?: ListenTarget;
  /** The address the client is told; by default the one the server bound (required when it listens on a Unix socket, e.g. the relay's port). */
  readonly reach?: { readonly host: string; readonly port: number };
  /** How the client is started; by default `/bin/sh -c` on this host. */
  readonly launch?: ClientLauncher;
  readonly timings?: ClientRunTimings;
  readonly onResult?: (r: ClientCaseResult) => void;
}

export interface ClientConformanceReport {
  readonly transport: ConformanceTransport;
  /** Where the scripted server listened. */
  readonly listening: string;
  readonly results: readonly ClientCaseResult[];
  readonly passed: number;
  readonly failed: number;
}

/** Client conformance runs over TCP only, so far. */
export function checkClientSupported(transport: ConformanceTransport): void {
  if (transport !== "tcp") throw new ConformanceError("unsupported-transport", `client conformance over ${transport.toUpperCase()} is not yet supported; only --transport tcp runs today`);
}

export async function runClientConformance(o: ClientRunOptions): Promise<ClientConformanceReport> {
  if (o.cases.length === 0) throw new ConformanceError("no-cases", "no case is selected");
  checkClientSupported(o.transport);
  const kit = createCaseKit(o.spec);
  const server = await startScriptedServer(kit, o.listen ?? DEFAULT_LISTEN);
  try {
    const bound = server.address;
    const reach = o.reach ?? ("path" in bound ? undefined : { host: bound.host, port: bound.port });
    if (reach === undefined) throw new ConformanceError("connect", `the scripted server listens on ${describeListen(bound)}: give the address the client is to be told (reach)`);
    const results: ClientCaseResult[] = [];
    for (const c of o.cases) {
      const r = await runClientCase(c, { server, launch: o.launch ?? launchLocalClient, command: o.command, reach, machine: o.spec.machines.initiator, timings: o.timings ?? DEFAULT_CLIENT_RUN_TIMINGS });
      results.push(r);
      o.onResult?.(r);
    }
    const passed = results.filter((r) => r.ok).length;
    return { transport: o.transport, listening: describeListen(bound), results, passed, failed: results.length - passed };
  } finally {
    await server.close();
  }
}
