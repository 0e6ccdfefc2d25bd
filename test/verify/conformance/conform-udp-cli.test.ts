// `protoforge conform --transport udp` end to end, in-process: the server
// under test is the reference UDP server started as a program through /bin/sh.
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

  it("exits 2 when the server listens over TCP but the run is over UDP", async () => {
    const tcp = "node --import tsx test/verify/conformance/reference-server-main.ts --spec examples/sensor-telemetry.yaml";
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--transport", "udp", "--server", tcp);
    expect(run.err).toBe("error [server-start]: the server listens over TCP, the run's transport is UDP\n");
    expect(run.code).toBe(2);
  }, 60_000);
});
