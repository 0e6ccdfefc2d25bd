import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";

function memoryIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", cwd, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe("protoforge design", () => {
  it("writes the spec to --out and prints the summary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pf-design-"));
    const io = memoryIo(dir);
    const code = await runCli(["design", "Sensors report temperature every 30 seconds to a collector, which acknowledges each report.", "--transport", "udp", "--out", "protocol.yaml"], io);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "protocol.yaml"), "utf8")).toMatch(/^# sensor-telemetry/);
    expect(io.stdout).toMatch(/roles: sensor \(initiator\) -> collector \(responder\)/);
    expect(io.stdout).toMatch(/assumptions:/);
    const check = memoryIo(dir);
    expect(await runCli(["check", join(dir, "protocol.yaml")], check)).toBe(0);
  });

  it("reads a request file and names unknown fields", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pf-design-"));
    writeFileSync(join(dir, "ok.yaml"), "description: Clients acquire and release locks with leases.\nnetwork_protocol: tcp\n");
    writeFileSync(join(dir, "bad.yaml"), "description: Clients acquire locks.\nlanguage: go\n");
    const ok = memoryIo(dir);
    expect(await runCli(["design", "--request", "ok.yaml"], ok)).toBe(0);
    expect(ok.stdout).toMatch(/AcquireLock/);
    const bad = memoryIo(dir);
    expect(await runCli(["design", "--request", "bad.yaml"], bad)).toBe(1);
    expect(bad.stderr).toMatch(/request-invalid.*unknown field `language`/);
  });

  it("gives a named error for a description without a protocol", async () => {
    const io = memoryIo(tmpdir());
    expect(await runCli(["design", "hello"], io)).toBe(1);
    expect(io.stderr).toMatch(/error \[no-protocol\]/);
  });
});
