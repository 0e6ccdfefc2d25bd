// `protoforge conform --transport udp` end to end, in-process: the server
// under test is the reference UDP server started as a program through /bin/sh.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/run-cli.js";

const REFERENCE = "node --import tsx test/verify/conformance/reference-udp-server-main.ts --spec examples/sensor-telemetry.yaml";

describe("protoforge conform --transport udp", () => {
  it("exits 0 and prints the summary when every UDP case passes", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "udp", "--server", REFERENCE);
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^conformance of sensor-telemetry 1\.0\.0 server over UDP: 53 cases\n/);
    expect(run.out).toContain("PASS udp/duplicate/Hello\n");
    expect(run.out).toContain("PASS wire/bad_magic/dropped\n");
    expect(run.out.trimEnd().split("\n").at(-1)).toBe("53 passed, 0 failed");
    expect(run.code).toBe(0);
  }, 60_000);

  it("exits 1 with the failure list as JSON when the server never ACKs", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "udp", "--server", `${REFERENCE} --plant noAck`, "--case", "udp/ack/*", "--json");
    const json = JSON.parse(run.out) as { ok: boolean; transport: string; passed: number; failed: number; failures: string[]; cases: Array<{ name: string; reason: string | null }> };
    expect(json).toMatchObject({ ok: false, transport: "udp", passed: 0, failed: 2, failures: ["udp/ack/Hello", "udp/ack/Report"] });
    expect(json.cases[0]?.reason).toMatch(/^step 2: no ACK #1 within \d+ ms \(Hello is reliable/);
    expect(run.code).toBe(1);
  }, 60_000);

  it("ends, exit 1, when nothing listens on the UDP port: each case fails on the refused channel and no socket keeps the process alive", () => {
    // A separate process, so that a socket left open would show as a hang (the spawn's timeout).
    const fake = "echo 'sensor-telemetry 1.0.0 server listening on 127.0.0.1:9 over UDP'; #";
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "udp", "--case", "wire/bad_magic/*", "--server", fake], { encoding: "utf8", timeout: 30_000 });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/^FAIL wire\/bad_magic\/dropped: step 2: expected no answer and an open connection: UDP error: .*ECONNREFUSED$/m);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("0 passed, 1 failed");
    expect(run.status).toBe(1);
  }, 40_000);

  it("exits 2 when the server listens over TCP but the run is over UDP", async () => {
    const tcp = "node --import tsx test/verify/conformance/reference-server-main.ts --spec examples/sensor-telemetry.yaml";
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "udp", "--server", tcp);
    expect(run.err).toBe("error [server-start]: the server listens over TCP, the run's transport is UDP\n");
    expect(run.code).toBe(2);
  }, 60_000);
});
