import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DEADLOCK_YAML, UNSPECIFIED_YAML } from "../verify/small-specs.js";
import { cli } from "./run-cli.js";

const run = promisify(execFile);
const BIN = "dist/src/cli/main.js";

describe("protoforge CLI", () => {
  it("prints help listing the commands", async () => {
    const { code, out } = await cli("--help");
    expect(code).toBe(0);
    expect(out).toContain("Usage: protoforge");
    expect(out).toContain("check");
  });

  it("prints the package version", async () => {
    const { code, out } = await cli("--version");
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("refuses an unknown option with a clear message and exit 2", async () => {
    const { code, err } = await cli("check", "examples/sensor-telemetry.yaml", "--frobnicate");
    expect(code).toBe(2);
    expect(err).toContain("unknown option '--frobnicate'");
  });

  it("refuses an unknown command and suggests the nearest", async () => {
    const { code, err } = await cli("chek");
    expect(code).toBe(2);
    expect(err).toContain("Did you mean check?");
  });

  it("check: a valid spec exits 0", async () => {
    const { code, out } = await cli("check", "examples/sensor-telemetry.yaml");
    expect(code).toBe(0);
    expect(out).toContain("valid");
  });

  it("check: a missing file exits 2 and names it", async () => {
    const { code, err } = await cli("check", "no/such/spec.yaml");
    expect(code).toBe(2);
    expect(err).toContain("no such file: no/such/spec.yaml");
  });

  it("check: bad YAML exits 1 with the position", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-cli-"));
    const file = join(dir, "bad.yaml");
    await writeFile(file, "protocol: [\n");
    const { code, err } = await cli("check", file);
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`${file}:\\d+:\\d+: error \\[yaml-syntax\\]`));
    expect(err).not.toContain("    at ");
  });

  it("check --json: findings as JSON", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-cli-"));
    const file = join(dir, "s.yaml");
    await writeFile(file, "protocol: { name: p, version: 1.0.0, description: d }\n");
    const { code, out } = await cli("check", file, "--json");
    expect(code).toBe(1);
    const result = JSON.parse(out) as { ok: boolean; problems: { code: string; path: unknown[] }[] };
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain("missing-key");
  });

  it("check: a deadlock exits 1 with its place and trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-cli-"));
    const file = join(dir, "deadlock.yaml");
    await writeFile(file, DEADLOCK_YAML);
    const { code, out } = await cli("check", file);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`${file}:\\d+:\\d+: deadlock at machines\\.`));
    expect(out).toMatch(/^\s+1\. /m);
    expect(out).toContain("model check: ");
  });

  it("check --json: model-check findings with positions", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-cli-"));
    const file = join(dir, "ticker.yaml");
    await writeFile(file, UNSPECIFIED_YAML);
    const { code, out } = await cli("check", file, "--json", "--channel-bound", "3");
    expect(code).toBe(1);
    const result = JSON.parse(out) as { ok: boolean; modelCheck: { channelBound: number; findings: { kind: string; position: { line: number } | null; trace: unknown[] }[] } };
    expect(result.ok).toBe(false);
    expect(result.modelCheck.channelBound).toBe(3);
    const finding = result.modelCheck.findings.find((f) => f.kind === "unspecified-reception");
    expect(finding?.position?.line).toBeGreaterThan(0);
    expect(finding?.trace.length).toBeGreaterThan(0);
  });

  it("check: every example is clean", async () => {
    for (const example of ["chat", "sensor-telemetry", "file-transfer"]) {
      const { code, out } = await cli("check", `examples/${example}.yaml`);
      expect(code, out).toBe(0);
      expect(out).toContain("no findings");
    }
  });

  it("check: a bad --channel-bound is refused", async () => {
    const { code, err } = await cli("check", "examples/chat.yaml", "--channel-bound", "0");
    expect(code).toBe(2);
    expect(err).toContain("must be a positive integer");
  });

  it("the built bin runs as a real process", async () => {
    const { stdout } = await run(process.execPath, [BIN, "check", "examples/sensor-telemetry.yaml"]);
    expect(stdout).toContain("valid");
    const failed = await run(process.execPath, [BIN, "check", "missing.yaml"]).catch((e: { code: number; stderr: string }) => e);
    expect("code" in failed ? failed.code : 0).toBe(2);
  });
});
