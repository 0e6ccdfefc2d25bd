// `protoforge conform --client` end to end, in-process: the client under test
// is the reference client started as a program through /bin/sh, once per case.
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/run-cli.js";

const REFERENCE = "node --import tsx test/verify/conformance/reference-client-main.ts --spec examples/sensor-telemetry.yaml";

describe("protoforge conform --client", () => {
  it("exits 0 and prints the summary when every selected case passes", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--client", REFERENCE, "--case", "client/session/*");
    expect(run.err).toBe("");
    expect(run.out).toBe("conformance of sensor-telemetry 1.0.0 sensor over TCP: 1 case\nPASS client/session/happy-path\n1 passed, 0 failed\n");
    expect(run.code).toBe(0);
  }, 30_000);

  it("exits 1 with the failure list as JSON when a planted bug fails a case", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--client", `${REFERENCE} --plant ignorePing`, "--case", "keepalive", "--json");
    const json = JSON.parse(run.out) as { ok: boolean; passed: number; failed: number; failures: string[]; cases: Array<{ name: string; reason: string | null; transcript: string[] }> };
    expect(json).toMatchObject({ ok: false, passed: 0, failed: 1, failures: ["client/keepalive/ping"] });
    expect(json.cases[0]?.reason).toMatch(/^never answered PING #1 with PONG #1/);
    expect(json.cases[0]?.transcript).toContain("server: PING #1");
    expect(run.code).toBe(1);
  }, 30_000);

  it.each([
    ["neither", []],
    ["both", ["--server", "true", "--client", "true"]],
  ])("exits 2 when given %s of --server and --client", async (_what, flags) => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", ...flags);
    expect(run.err).toBe("error [usage]: give exactly one of --server CMD and --client CMD\n");
    expect(run.code).toBe(2);
  });

  it("refuses --transport udp for clients as not yet supported (exit 2)", async () => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", "--client", "true", "--transport", "udp");
    expect(run.err).toBe("error [unsupported-transport]: client conformance over UDP is not yet supported; only --transport tcp runs today\n");
    expect(run.code).toBe(2);
  });

  it("fails every case of a client that never connects, naming why", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--client", "echo hello; exit 3; #", "--case", "client/session/*");
    expect(run.out).toContain("FAIL client/session/happy-path: never connected to the scripted server (exit code 3); its last line: hello\n");
    expect(run.code).toBe(1);
  });
});
