// The runner over HTTP against a reference HTTP server on 127.0.0.1 written
// with src/wire: a correct one passes every HTTP case of chat,
// sensor-telemetry and file-transfer; each planted bug is caught by name.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { deriveServerCases, judgeContextOf, openerFor, runCases, selectCases, type CaseResult } from "../../../src/verify/conformance/index.js";
import { example } from "../../python-layer/support.js";
import { type HttpPlants, type RunningHttpReference, startReferenceHttpServer } from "./reference-http-server.js";

const TIMINGS = { answerMs: 1500, closeMs: 400, caseMs: 8000 };
let running: RunningHttpReference | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function conform(spec: Spec, plants: HttpPlants = {}, pattern?: string): Promise<CaseResult[]> {
  running = await startReferenceHttpServer(spec, plants);
  const cases = selectCases(deriveServerCases(spec, "http"), "http", pattern);
  return runCases(cases, openerFor("http", spec, { kind: "direct", host: "127.0.0.1", port: running.port }), judgeContextOf(spec), TIMINGS);
}

const failures = (results: readonly CaseResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.name);
const reasonOf = (results: readonly CaseResult[], name: string): string => results.find((r) => r.name === name)?.reason ?? "";

describe("conformance over HTTP against the reference HTTP server", () => {
  it.each(["chat", "sensor-telemetry", "file-transfer"] as const)("a correct %s server passes every HTTP case", async (name) => {
    const results = await conform(example(name));
    expect(results.length).toBeGreaterThan(15);
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
    expect(results.map((r) => r.name)).toEqual(expect.arrayContaining(["http/status/413-body-too-large", "http/status/404-unknown-message", "http/status/400-missing-seq"]));
  });

  it("runs chat's session and state cases and the status table over HTTP", async () => {
    const names = selectCases(deriveServerCases(example("chat"), "http"), "http").map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["session/Resume→ResumeOk|ErrorReply", "state/SendMessage-before-Login", "session/Logout→close@serving", "http/status/429-rate-limited", "http/status/401-wrong-bearer@serving", "http/status/404-LoginOk-from-client"]));
    expect(names.some((n) => n.startsWith("wire/") || n.startsWith("keepalive/") || n.startsWith("role/"))).toBe(false);
  });

  it("catches 401 instead of the not_authenticated ErrorReply before login", async () => {
    const results = await conform(example("chat"), { unauthorizedBeforeLogin: true }, "state/*");
    expect(failures(results)).toEqual(expect.arrayContaining(["state/SendMessage-before-Login", "state/JoinRoom-before-Login", "state/Typing-before-Login"]));
    expect(reasonOf(results, "state/SendMessage-before-Login")).toMatch(/^step 2: expected ErrorReply\(not_authenticated\) answering SendMessage #1, got HTTP 401 \{"error":"unauthorized"/);
    expect(failures(results)).not.toContain("state/Login-in-serving");
  });

  it("catches Resume refused before login", async () => {
    const results = await conform(example("chat"), { refuseResumeBeforeLogin: true }, "session/*");
    expect(failures(results)).toEqual(["session/Resume→ResumeOk|ErrorReply"]);
    expect(reasonOf(results, "session/Resume→ResumeOk|ErrorReply")).toContain("code not_authenticated: awaiting_login refuses only the requests it does not allow with not_authenticated");
  });

  it("catches 200 where 404 is due", async () => {
    const results = await conform(example("sensor-telemetry"), { answer404With200: true }, "http/status/404-*");
    expect(failures(results)).toEqual(["http/status/404-unknown-message", "http/status/404-HelloAck-from-sensor", "http/status/404-ReportAck-from-sensor", "http/status/404-ErrorReply-from-sensor"]);
    expect(reasonOf(results, "http/status/404-unknown-message")).toBe("step 1: expected HTTP 404 (unknown_message) answering POST ProtoforgeNoSuchMessage, got HTTP 200 {}: status 200");
  });

  it("catches a 429 without retry_after_ms", async () => {
    const results = await conform(example("chat"), { noRetryAfterMs: true }, "http/status/429-*");
    expect(failures(results)).toEqual(["http/status/429-rate-limited"]);
    expect(reasonOf(results, "http/status/429-rate-limited")).toMatch(/expected HTTP 429 \(rate_limited\) with Retry-After, retry_after_ms among the answers to 35× POST JoinRoom at once, got HTTP 429 .*: retry_after_ms is missing$/);
  });

  it("runs every case through a relay's stream socket (a Unix socket piped to the port), as in the sandbox", async () => {
    const spec = example("chat");
    running = await startReferenceHttpServer(spec);
    const port = running.port;
    const dir = mkdtempSync(join(tmpdir(), "protoforge-http-relay-"));
    const streamPath = join(dir, "stream.sock");
    let piped = 0;
    const relay = createServer((inbound) => {
      piped++;
      const outbound = connect(port, "127.0.0.1");
      inbound.pipe(outbound).pipe(inbound);
      inbound.on("error", () => outbound.destroy());
      outbound.on("error", () => inbound.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(streamPath, resolve));
    try {
      const cases = selectCases(deriveServerCases(spec, "http"), "http");
      const results = await runCases(cases, openerFor("http", spec, { kind: "relay", streamPath, datagramPath: join(dir, "unused.sock") }), judgeContextOf(spec), TIMINGS);
      expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(results).toHaveLength(cases.length);
      expect(piped).toBeGreaterThan(cases.length);
    } finally {
      relay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
