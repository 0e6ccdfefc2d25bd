// `protoforge conform` end to end, in-process: the server under test is the
// reference server started as a program through /bin/sh.
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/run-cli.js";

const REFERENCE = "node --import tsx test/verify/conformance/reference-server-main.ts --spec examples/sensor-telemetry.yaml";

describe("protoforge conform", () => {
  it("exits 0 and prints the summary when every case passes", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--server", REFERENCE);
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^conformance of sensor-telemetry 1\.0\.0 server over TCP: 45 cases\n/);
    expect(run.out).toContain("PASS session/Hello→HelloAck|ErrorReply\n");
    expect(run.out.trimEnd().split("\n").at(-1)).toBe("45 passed, 0 failed");
    expect(run.code).toBe(0);
  });

  it("exits 1 with the failure list as JSON when a planted bug fails a case", async () => {
    const run = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--server", `${REFERENCE} --plant ignorePing`, "--case", "keepalive/*", "--json");
    const json = JSON.parse(run.out) as { ok: boolean; passed: number; failed: number; failures: string[]; cases: Array<{ name: string; reason: string | null }> };
    expect(json).toMatchObject({ ok: false, passed: 0, failed: 2, failures: ["keepalive/PING→PONG", "keepalive/PING→PONG@serving"] });
    expect(json.cases[0]?.reason).toMatch(/^step 2: no PONG #1 within \d+ ms of PING #1$/);
    expect(run.code).toBe(1);
  });

  it("refuses a transport it does not know (exit 2)", async () => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", "--server", "true", "--transport", "quic");
    expect(run.err).toMatch(/^error: option '--transport <name>' argument 'quic' is invalid\. unknown transport `quic`; choose from tcp, udp, http\n/);
    expect(run.code).toBe(2);
  });

  it("exits 2 when the server prints no listening line", async () => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", "--server", "echo hello; sleep 5; #");
    expect(run.err).toMatch(/^error \[server-start\]: the server's first line is not/);
    expect(run.code).toBe(2);
  });

  it("runs the behaviour cases with --behaviour: all pass on the reference server, a planted bug fails its own", async () => {
    const chat = "node --import tsx test/verify/conformance/reference-server-main.ts --spec examples/chat.yaml";
    const good = await cli("conform", "--spec", "examples/chat.yaml", "--server", chat, "--behaviour", "--case", "behaviour/*", "--json");
    const passed = JSON.parse(good.out) as { ok: boolean; passed: number; failed: number };
    expect(passed).toMatchObject({ ok: true, failed: 0 });
    expect(passed.passed).toBeGreaterThanOrEqual(20);
    const planted = await cli("conform", "--spec", "examples/chat.yaml", "--server", `${chat} --plant allowDuplicateIdentity`, "--behaviour", "--case", "behaviour/session-unique", "--json");
    expect(JSON.parse(planted.out)).toMatchObject({ ok: false, passed: 0, failed: 1, failures: ["behaviour/session-unique"] });
    expect(planted.code).toBe(1);
    // Without the flag, no behaviour case is derived.
    const without = await cli("conform", "--spec", "examples/chat.yaml", "--server", chat, "--case", "behaviour/*");
    expect(without.err).toBe('error [no-cases]: no case matches "behaviour/*"\n');
  });

  it("refuses --behaviour for a spec without the section, and over UDP (exit 2)", async () => {
    const none = await cli("conform", "--spec", "examples/sensor-telemetry.yaml", "--server", "true", "--behaviour");
    expect(none.err).toBe('error [usage]: --behaviour: examples/sensor-telemetry.yaml has no behaviour section (docs/spec-reference.md, "behaviour")\n');
    expect(none.code).toBe(2);
    const udp = await cli("conform", "--spec", "examples/chat.yaml", "--server", "true", "--behaviour", "--transport", "udp");
    expect(udp.err).toBe("error [unsupported-transport]: --behaviour runs over TCP only today, not UDP\n");
    expect(udp.code).toBe(2);
  });

  it("exits 2 when no case matches --case", async () => {
    const run = await cli("conform", "--spec", "examples/chat.yaml", "--server", "true", "--case", "nothing-like-this");
    expect(run.err).toBe('error [no-cases]: no case matches "nothing-like-this"\n');
    expect(run.code).toBe(2);
  });
});
