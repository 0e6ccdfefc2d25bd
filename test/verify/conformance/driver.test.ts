// The runner against a reference server on 127.0.0.1 written with src/wire:
// a correct one passes every TCP case of chat and sensor-telemetry; each
// planted bug is caught by a named failure.
import { afterEach, describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { deriveServerCases, judgeContextOf, runCases, selectCases, tcpOpener, type CaseResult } from "../../../src/verify/conformance/index.js";
import { frameLimitsOf } from "../../../src/wire/index.js";
import { example } from "../../python-layer/support.js";
import { type Plants, type RunningReference, startReferenceServer } from "./reference-server.js";

const TIMINGS = { answerMs: 1500, closeMs: 400, caseMs: 8000 };
let running: RunningReference | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function conform(spec: Spec, plants: Plants = {}, pattern?: string): Promise<CaseResult[]> {
  running = await startReferenceServer(spec, plants);
  const cases = selectCases(deriveServerCases(spec), "tcp", pattern);
  return runCases(cases, tcpOpener({ kind: "direct", host: "127.0.0.1", port: running.port }, frameLimitsOf(spec)), judgeContextOf(spec), TIMINGS);
}

const failures = (results: readonly CaseResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.name);
const reasonOf = (results: readonly CaseResult[], name: string): string => results.find((r) => r.name === name)?.reason ?? "";

describe("conformance runner against the reference server", () => {
  it.each(["chat", "sensor-telemetry", "file-transfer"] as const)("a correct %s server passes every TCP case", async (name) => {
    const results = await conform(example(name));
    expect(results.length).toBeGreaterThan(30);
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
  });

  it("catches a server that answers the wrong error code", async () => {
    const results = await conform(example("chat"), { wrongErrorCode: true });
    expect(failures(results)).toEqual(["state/JoinRoom-before-Login", "state/LeaveRoom-before-Login", "state/SendMessage-before-Login", "state/KickUser-before-Login"]);
    expect(reasonOf(results, "state/SendMessage-before-Login")).toContain("expected ErrorReply(not_authenticated) answering SendMessage #1, got ErrorReply #1");
    expect(reasonOf(results, "state/SendMessage-before-Login")).toContain("code invalid_username, expected not_authenticated");
  });

  it("catches a server that skips the state check", async () => {
    const results = await conform(example("chat"), { skipStateCheck: true }, "state/*");
    expect(failures(results)).toContain("state/SendMessage-before-Login");
    expect(failures(results)).toContain("state/Login-in-serving");
    expect(reasonOf(results, "state/SendMessage-before-Login")).toMatch(/expected ErrorReply\(not_authenticated\) answering SendMessage #1, got MessageAccepted #1/);
  });

  it("catches a server that never closes on bad magic", async () => {
    const results = await conform(example("chat"), { keepOpenOnBadMagic: true });
    expect(failures(results)).toEqual(["wire/bad_magic/closes"]);
    expect(reasonOf(results, "wire/bad_magic/closes")).toContain("expected the server to close the connection");
  });

  it("catches a server that answers a broken constraint with the default code instead of the field's onInvalid", async () => {
    const results = await conform(example("chat"), { ignoreFieldErrors: true }, "constraint/*");
    expect(failures(results)).toEqual([
      "constraint/Login.username/minLength",
      "constraint/Login.username/maxLength",
      "constraint/Login.username/pattern",
      "constraint/SendMessage.text/minLength",
      "constraint/SendMessage.text/maxLength",
      "constraint/KickUser.username/minLength",
      "constraint/KickUser.username/maxLength",
      "constraint/KickUser.username/pattern",
    ]);
    expect(reasonOf(results, "constraint/SendMessage.text/maxLength")).toContain("expected ErrorReply(message_too_long) answering SendMessage #2 (text of 1001 bytes (maxLength 1000)), got ErrorReply #2");
    expect(reasonOf(results, "constraint/SendMessage.text/maxLength")).toContain("code invalid_request, expected message_too_long");
  });

  it("catches a server that ignores PING", async () => {
    const results = await conform(example("sensor-telemetry"), { ignorePing: true });
    expect(failures(results)).toEqual(["keepalive/PING→PONG", "keepalive/PING→PONG@serving"]);
    expect(reasonOf(results, "keepalive/PING→PONG")).toBe("step 2: no PONG #1 within 1500 ms of PING #1");
  });
});
