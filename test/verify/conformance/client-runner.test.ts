// The client conformance runner against the reference client (written on
// src/wire, run in-process through a launcher): a correct one passes every
// case of chat, sensor-telemetry and file-transfer; each planted bug is
// caught by name. The spec's request timeout is shortened to keep the
// timeout case short (the cases derive their bound from the same spec).
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { type ClientCaseResult, type ClientExit, type ClientLauncher, deriveClientCases, runClientConformance, selectClientCases } from "../../../src/verify/conformance/client/index.js";
import { example, reservedSpec } from "../../python-layer/support.js";
import { type ClientPlants, runReferenceClient } from "./reference-client.js";

const TIMINGS = { caseMs: 10_000, drainMs: 300 };

function shortened(spec: Spec, requestTimeoutMs = 800): Spec {
  return { ...spec, timing: { ...spec.timing, requestTimeoutMs } };
}

/** Runs the reference client in this process; kill() ends its session at once and reports SIGKILL. */
function inProcess(spec: Spec, plants: ClientPlants): ClientLauncher {
  return (_command, host, port) => {
    let output = "";
    const abort = new AbortController();
    const exited = new Promise<ClientExit>((resolve) => {
      abort.signal.addEventListener("abort", () => resolve({ code: null, signal: "SIGKILL" }));
      runReferenceClient(spec, host, port, plants, (line) => (output += `${line}\n`), abort.signal).then(
        (code) => resolve({ code, signal: null }),
        (e: unknown) => {
          output += `${e instanceof Error ? e.stack : String(e)}\n`;
          resolve({ code: 1, signal: null });
        },
      );
    });
    return { exited, output: () => output, kill: () => abort.abort() };
  };
}

async function conform(spec: Spec, plants: ClientPlants = {}, pattern?: string): Promise<ClientCaseResult[]> {
  const cases = selectClientCases(deriveClientCases(spec, { endMs: 1500, timeoutMarginMs: 1500 }), "tcp", pattern);
  const report = await runClientConformance({ spec, cases, command: "reference", transport: "tcp", launch: inProcess(spec, plants), timings: TIMINGS });
  return [...report.results];
}

const failures = (results: readonly ClientCaseResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.name);
const reasonOf = (results: readonly ClientCaseResult[], name: string): string => results.find((r) => r.name === name)?.reason ?? "";

describe("client conformance runner against the reference client", () => {
  it.each(["chat", "sensor-telemetry", "file-transfer"] as const)(
    "a correct %s client passes every case",
    async (name) => {
      const results = await conform(shortened(example(name)));
      expect(results.length).toBeGreaterThanOrEqual(7);
      expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    },
    60_000,
  );

  it("catches a client that ignores PING", async () => {
    const results = await conform(shortened(example("chat")), { ignorePing: true }, "client/keepalive/*");
    expect(failures(results)).toEqual(["client/keepalive/ping"]);
    expect(reasonOf(results, "client/keepalive/ping")).toMatch(/^never answered PING #1 with PONG #1 \(wire-format §10\.1\)/);
  });

  it("sends its PING before the answer, so a client that reads nothing after its last answer still answers it (reserved: the first request is the only one)", async () => {
    const results = await conform(shortened(reservedSpec()), { deafAfterLastAnswer: true }, "client/keepalive/*");
    expect(results.map((r) => `${r.name}: ${r.ok ? "ok" : r.reason}`)).toEqual(["client/keepalive/ping: ok"]);
    const transcript = results[0]?.transcript ?? [];
    expect(transcript.indexOf("server: PING #1")).toBeGreaterThan(0);
    expect(transcript.indexOf("server: PING #1")).toBeLessThan(transcript.indexOf("server: WireError #1"));
  });

  it("catches a client that sends a request in a state that does not allow it", async () => {
    const results = await conform(shortened(example("chat")), { wrongState: true }, "client/session/*");
    expect(failures(results)).toEqual(["client/session/happy-path"]);
    expect(reasonOf(results, "client/session/happy-path")).toMatch(/^the client sent JoinRoom in connected, which does not allow it \(allowed: Login, Resume\)/);
  });

  it("catches a client that reuses a sequence number", async () => {
    const results = await conform(shortened(example("sensor-telemetry")), { reuseSequence: true });
    expect(failures(results)).toContain("client/session/happy-path");
    expect(failures(results)).not.toContain("client/wire/garbage"); // one frame only: nothing to reuse
    expect(reasonOf(results, "client/session/happy-path")).toMatch(/^the client reuses sequence number 1: Report #1 \{.*\} after Hello #1 /);
  });

  it("catches a client that crashes on an error answer", async () => {
    const results = await conform(shortened(example("chat")), { crashOnError: true }, "client/error/*");
    expect(failures(results)).toEqual(["client/error/Login", "client/error/JoinRoom", "client/error/LeaveRoom", "client/error/SendMessage", "client/error/KickUser"]);
    expect(reasonOf(results, "client/error/JoinRoom")).toMatch(/^crashed: its output has a stack trace \(at .*reference-client\.ts:\d+:\d+\)\)/);
  });

  it(
    "catches a client that hangs on a closed connection",
    async () => {
      // The spec's own 5 s request timeout: the planted client ends only when it runs out.
      const results = await conform(example("chat"), { hangOnClose: true }, "client/close/*");
      expect(failures(results)).toEqual(["client/close/mid-session"]);
      expect(reasonOf(results, "client/close/mid-session")).toMatch(/^did not end within 1500 ms of the close; killed/);
      const garbage = await conform(example("chat"), { hangOnClose: true }, "client/wire/*");
      expect(failures(garbage)).toEqual([]);
    },
    30_000,
  );

  it("listens on a Unix socket when told to, the client reaching it through a forwarder (as through a sandbox relay)", async () => {
    const spec = shortened(example("sensor-telemetry"));
    const dir = mkdtempSync(join(tmpdir(), "protoforge-client-relay-"));
    const path = join(dir, "scripted.sock");
    const forwarder = createServer((inbound) => {
      const outbound = connect(path);
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => outbound.destroy());
      outbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((resolve) => forwarder.listen(0, "127.0.0.1", resolve));
    const address = forwarder.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const cases = selectClientCases(deriveClientCases(spec), "tcp", "client/session/*");
      const report = await runClientConformance({ spec, cases, command: "reference", transport: "tcp", launch: inProcess(spec, {}), timings: TIMINGS, listen: { path }, reach: { host: "127.0.0.1", port } });
      expect(report.listening).toBe(path);
      expect(report.results.map((r) => `${r.name}: ${r.ok ? "ok" : r.reason}`)).toEqual(["client/session/happy-path: ok"]);
    } finally {
      await new Promise<void>((resolve) => forwarder.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a Unix socket without the address to tell the client", async () => {
    const spec = example("sensor-telemetry");
    const dir = mkdtempSync(join(tmpdir(), "protoforge-client-relay-"));
    try {
      const run = runClientConformance({ spec, cases: deriveClientCases(spec), command: "true", transport: "tcp", listen: { path: join(dir, "s.sock") } });
      await expect(run).rejects.toThrow(/listens on .*s\.sock: give the address the client is to be told \(reach\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
