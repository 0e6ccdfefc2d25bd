// The interop matrix's pure logic: pairs, the listening line, the driver's
// report and the verdict.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PAIR_TIMEOUTS,
  DRIVER_REPORT_MARKER,
  judgePair,
  orderedPairs,
  outputTail,
  parseListeningLine,
  readDriverReport,
  type DriverReport,
} from "../../sandboxes/interop/index.js";

const proc = { exitCode: 0, signal: null, spawnError: null, stdout: "", stderr: "" };
const passing: DriverReport = {
  listening: { host: "127.0.0.1", port: 40123, transport: "TCP" },
  startError: null,
  client: { ...proc, stdout: "send Login\nrecv LoginOk\ndone: sent 2, received 2 answers and 0 events\n", timedOut: false },
  server: { ...proc, stdout: "chat 1.0 server listening on 127.0.0.1:40123 over TCP\n", exitedEarly: false, killed: false },
};
const judge = (r: DriverReport, transport = "tcp") => judgePair(r, transport, DEFAULT_PAIR_TIMEOUTS);

describe("orderedPairs", () => {
  it("gives every ordered pair of different languages once", () => {
    expect(orderedPairs(["python", "javascript", "python"])).toEqual([
      ["python", "javascript"],
      ["javascript", "python"],
    ]);
    expect(orderedPairs(["python", "javascript", "java"])).toHaveLength(6);
    expect(orderedPairs(["python"])).toEqual([]);
  });
});

describe("parseListeningLine", () => {
  it("reads host, bound port and transport", () => {
    expect(parseListeningLine("chat 1.0.0 server listening on 127.0.0.1:40123 over TCP")).toEqual({ host: "127.0.0.1", port: 40123, transport: "TCP" });
    expect(parseListeningLine("x listening on [::1]:8080 over HTTP\r")).toEqual({ host: "[::1]", port: 8080, transport: "HTTP" });
  });
  it("refuses other lines and impossible ports", () => {
    expect(parseListeningLine("starting…")).toBeUndefined();
    expect(parseListeningLine("listening on 127.0.0.1:0 over TCP")).toBeUndefined();
    expect(parseListeningLine("listening on 127.0.0.1:70000 over TCP")).toBeUndefined();
  });
});

describe("readDriverReport", () => {
  it("takes the last marked line", () => {
    const stdout = `noise\n${DRIVER_REPORT_MARKER}{"bad":1}\n${DRIVER_REPORT_MARKER}${JSON.stringify(passing)}\n`;
    expect(readDriverReport(stdout)).toEqual(passing);
  });
  it("is undefined without one, or with broken JSON", () => {
    expect(readDriverReport("crashed\n")).toBeUndefined();
    expect(readDriverReport(`${DRIVER_REPORT_MARKER}{oops`)).toBeUndefined();
  });
});

describe("judgePair", () => {
  it("passes when the client exits 0 with done: and the server exits 0 on SIGTERM", () => {
    expect(judge(passing)).toEqual({ ok: true });
  });

  it("fails with the reason, in the order things went wrong", () => {
    expect(judge({ ...passing, listening: null, client: null, startError: "the server printed no listening line within 30000 ms" })).toEqual({
      ok: false,
      reason: "the server printed no listening line within 30000 ms",
    });
    expect(judge(passing, "udp")).toEqual({ ok: false, reason: "the server listens over TCP, the run's transport is UDP" });
    expect(judge({ ...passing, client: { ...proc, timedOut: true, exitCode: null, signal: "SIGKILL" } })).toEqual({
      ok: false,
      reason: "the client did not finish within 60000 ms",
    });
    expect(judge({ ...passing, client: { ...proc, exitCode: 1, stderr: "ConnectionRefused\n", timedOut: false } })).toEqual({
      ok: false,
      reason: "the client exited with code 1; its last line: ConnectionRefused",
    });
    expect(judge({ ...passing, client: { ...proc, stdout: "send Login\n", timedOut: false } })).toEqual({
      ok: false,
      reason: "the client exited 0 but printed no `done:` line",
    });
    expect(judge({ ...passing, server: { ...passing.server, exitedEarly: true, exitCode: 1, stderr: "Traceback\nValueError: x" } })).toEqual({
      ok: false,
      reason: "the server exited with code 1 before it was stopped; its last line: ValueError: x",
    });
    expect(judge({ ...passing, server: { ...passing.server, killed: true, exitCode: null, signal: "SIGKILL" } })).toEqual({
      ok: false,
      reason: "the server did not exit within 10000 ms of SIGTERM",
    });
    expect(judge({ ...passing, server: { ...passing.server, exitCode: null, signal: "SIGTERM" } })).toEqual({
      ok: false,
      reason: "the server was ended by SIGTERM on SIGTERM (it should exit 0)",
    });
  });
});

describe("outputTail", () => {
  it("joins stdout and stderr and keeps the end", () => {
    expect(outputTail({ stdout: "a\n", stderr: "" }, 100)).toBe("a\n");
    expect(outputTail({ stdout: "a", stderr: "b\n" }, 100)).toBe("a\n--- stderr ---\nb\n");
    expect(outputTail({ stdout: "0123456789", stderr: "" }, 4)).toBe("…6789");
    expect(outputTail(null, 4)).toBe("");
  });
});
