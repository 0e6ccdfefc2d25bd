// `protoforge conform --transport http` end to end, in-process: the server
// under test is the reference HTTP server started as a program through /bin/sh.
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/run-cli.js";

const REFERENCE = "node --import tsx test/verify/conformance/reference-http-server-main.ts";

describe("protoforge conform --transport http", () => {
  it("exits 0 and prints the summary when every case passes", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "http", "--server", `${REFERENCE} --spec examples/sensor-telemetry.yaml`);
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^conformance of sensor-telemetry 1\.0\.0 server over HTTP: 20 cases\n/);
    expect(run.out).toContain("PASS session/Hello→HelloAck|ErrorReply\n");
    expect(run.out).toContain("PASS state/Report-before-Hello\n");
    expect(run.out).toContain("PASS http/status/413-body-too-large\n");
    expect(run.out).toContain("PASS http/status/429-rate-limited\n");
    expect(run.out.trimEnd().split("\n").at(-1)).toBe("20 passed, 0 failed");
    expect(run.code).toBe(0);
  });

  it("exits 1 with the failure as JSON when a planted bug fails a case", async () => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", "--transport", "http", "--server", `${REFERENCE} --spec examples/chat.yaml --plant unauthorizedBeforeLogin`, "--case", "state/SendMessage-*", "--json");
    const json = JSON.parse(run.out) as { ok: boolean; transport: string; failures: string[]; cases: Array<{ name: string; family: string; reason: string | null }> };
    expect(json).toMatchObject({ ok: false, transport: "http", failures: ["state/SendMessage-before-Login"] });
    expect(json.cases[0]?.reason).toMatch(/^step 2: expected ErrorReply\(not_authenticated\) answering SendMessage #1, got HTTP 401 /);
    expect(run.code).toBe(1);
  });

  it("exits 2 when the server listens over another transport", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "http", "--server", "node --import tsx test/verify/conformance/reference-server-main.ts --spec examples/sensor-telemetry.yaml");
    expect(run.err).toBe("error [server-start]: the server listens over TCP, the run's transport is HTTP\n");
    expect(run.code).toBe(2);
  });
});
