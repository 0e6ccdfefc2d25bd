// `protoforge doctor`: the pure report and its text/JSON for each isolation
// mode with fake probes, the line `generate` and `resume` open a run with,
// and one real run on this machine.
import { describe, expect, it } from "vitest";
import { createSandboxRunner, describeIsolation, isolationOf, type SandboxProbe } from "../../sandboxes/isolation/index.js";
import { PROFILES } from "../../sandboxes/profiles/index.js";
import { doctorJson, doctorReport, formatDoctor, sandboxLine, type ToolchainFact } from "../../src/cli/commands/doctor.js";
import { progressSink } from "../../src/cli/commands/generate.js";
import type { CliIo } from "../../src/cli/io.js";
import { cli } from "./run-cli.js";

const ALL_TOOLS: SandboxProbe["tools"] = {
  bwrap: "/usr/bin/bwrap",
  setpriv: "/usr/bin/setpriv",
  prlimit: "/usr/bin/prlimit",
  unshare: "/usr/bin/unshare",
  ip: "/usr/sbin/ip",
};

function fakeProbe(over: Partial<SandboxProbe> = {}): SandboxProbe {
  return {
    bwrap: true,
    namespaces: false,
    disableUserns: true,
    isRoot: true,
    hardLimits: { cpuSeconds: Infinity, memoryBytes: Infinity, fileSizeBytes: Infinity, processes: 4096 },
    tools: ALL_TOOLS,
    ...over,
  };
}

const PYTHON: ToolchainFact = { language: "python", available: true, description: "Python 3.11.2 (/usr/bin/python3)" };
const NODE: ToolchainFact = { language: "javascript", available: true, description: "Node.js 20.20.2, npm 11.19.1 (/usr/bin/node)" };
const NO_PYTHON: ToolchainFact = {
  language: "python",
  available: false,
  description: "Python",
  reason: "no Python 3.10+ with venv at /usr/bin/python3 or /usr/local/bin/python3",
};

const NO_BWRAP = "bwrap is not installed (Debian package bubblewrap)";
const NO_USERNS = "unshare cannot create the namespaces here: unshare: unshare failed: Operation not permitted";
const namespacesProbe = (): SandboxProbe =>
  fakeProbe({ bwrap: false, bwrapReason: NO_BWRAP, namespaces: true, isRoot: false, tools: { ...ALL_TOOLS, bwrap: null } });
const limitsOnlyProbe = (): SandboxProbe =>
  fakeProbe({ bwrap: false, bwrapReason: NO_BWRAP, namespaces: false, namespacesReason: NO_USERNS, tools: { ...ALL_TOOLS, bwrap: null } });

describe("doctor report (pure)", () => {
  it("bubblewrap as root with every toolchain: the whole text, exit 0", () => {
    const probe = fakeProbe();
    const report = doctorReport({ probe, toolchains: [PYTHON, NODE] });
    expect(report.exitCode).toBe(0);
    expect(report.description).toMatch(/^bubblewrap: generated code runs as uid 65534 \(nobody\) with no network/);
    expect(formatDoctor(report)).toBe(
      [
        "isolation: bubblewrap",
        describeIsolation(probe),
        "",
        "sandbox tools:",
        "  bwrap    /usr/bin/bwrap",
        "  setpriv  /usr/bin/setpriv",
        "  prlimit  /usr/bin/prlimit",
        "  unshare  /usr/bin/unshare",
        "  ip       /usr/sbin/ip",
        "runner: root; sandboxed commands drop to uid 65534 (nobody)",
        "",
        "toolchains:",
        "  python      Python 3.11.2 (/usr/bin/python3)",
        "  javascript  Node.js 20.20.2, npm 11.19.1 (/usr/bin/node)",
        "",
        "ok: generated code is isolated (bubblewrap) and every toolchain is available",
        "",
      ].join("\n"),
    );
  });

  it("namespaces without bwrap, not root: isolated, so exit 0, with bubblewrap's package named", () => {
    const probe = namespacesProbe();
    const report = doctorReport({ probe, toolchains: [PYTHON, NODE] });
    expect([report.isolation, report.isolated, report.exitCode, report.problems]).toEqual(["namespaces", true, 0, []]);
    expect(report.description).toContain(`namespaces (util-linux unshare; ${NO_BWRAP})`);
    const lines = formatDoctor(report).split("\n");
    expect(lines[0]).toBe("isolation: namespaces");
    expect(lines).toContain("  bwrap    missing (Debian package bubblewrap)");
    expect(lines).toContain("runner: not root; sandboxed commands run as the current user");
    expect(lines).toContain("ok: generated code is isolated (namespaces) and every toolchain is available");
    expect(sandboxLine(probe)).toBe(`sandbox: namespaces — ${NO_BWRAP}; isolated with util-linux unshare`);
  });

  it("limits-only: exit 1, says NOT isolated and what to install; the run line carries the whole warning", () => {
    const probe = limitsOnlyProbe();
    const report = doctorReport({ probe, toolchains: [PYTHON, NODE] });
    expect([report.isolation, report.isolated, report.sandboxRuns, report.exitCode]).toEqual(["limits-only", false, true, 1]);
    expect(report.problems).toEqual([
      "generated code is NOT isolated (limits only): install bubblewrap (apt-get install bubblewrap), or allow user namespaces for util-linux unshare",
    ]);
    const text = formatDoctor(report);
    expect(text.split("\n")[0]).toBe("isolation: limits-only");
    expect(text).toContain(`limits only: protoforge sandbox: ${NO_BWRAP}, and ${NO_USERNS}.`);
    expect(text.trimEnd().split("\n").at(-1)).toBe(`problem: ${report.problems[0]}`);
    expect(text).not.toContain("ok:");
    const line = sandboxLine(probe);
    expect(line).toMatch(new RegExp(`^sandbox: limits-only — ${NO_BWRAP.replace(/[()]/g, "\\$&")}, and `));
    expect(line).toContain("but NOT isolated");
    expect(line).toContain("Install bubblewrap (apt-get install bubblewrap)");
    expect(line).not.toContain("\n");
  });

  it("a missing toolchain: exit 1 with its reason and what to install", () => {
    const report = doctorReport({ probe: fakeProbe(), toolchains: [NO_PYTHON, NODE] });
    expect(report.exitCode).toBe(1);
    expect(report.problems).toEqual([
      "the python toolchain is missing: no Python 3.10+ with venv at /usr/bin/python3 or /usr/local/bin/python3; install apt-get install python3 python3-venv",
    ]);
    expect(formatDoctor(report)).toContain("\n  python      unavailable: no Python 3.10+ with venv at /usr/bin/python3 or /usr/local/bin/python3\n");
    expect(report.toolchains["python"]).toEqual({
      available: false,
      description: "Python",
      reason: "no Python 3.10+ with venv at /usr/bin/python3 or /usr/local/bin/python3",
      install: "apt-get install python3 python3-venv",
    });
  });

  it("setpriv and prlimit missing: the sandbox cannot run, exit 2", () => {
    const probe = limitsOnlyProbe();
    const report = doctorReport({ probe: { ...probe, tools: { ...probe.tools, setpriv: null, prlimit: null } }, toolchains: [PYTHON, NODE] });
    expect([report.sandboxRuns, report.exitCode]).toEqual([false, 2]);
    expect(report.problems[0]).toBe(
      "setpriv and prlimit (util-linux) are missing: the sandbox cannot run any command; install util-linux (apt-get install util-linux)",
    );
    const text = formatDoctor(report);
    expect(text).toContain("\n  setpriv  missing (Debian package util-linux)\n  prlimit  missing (Debian package util-linux)\n");
    const onlyPrlimit = doctorReport({ probe: fakeProbe({ tools: { ...ALL_TOOLS, prlimit: null } }), toolchains: [PYTHON] });
    expect([onlyPrlimit.exitCode, onlyPrlimit.problems[0]]).toEqual([
      2,
      "prlimit (util-linux) is missing: the sandbox cannot run any command; install util-linux (apt-get install util-linux)",
    ]);
  });

  it("ip missing under namespaces: shown with iproute2, still exit 0", () => {
    const probe = namespacesProbe();
    const report = doctorReport({ probe: { ...probe, tools: { ...probe.tools, ip: null } }, toolchains: [PYTHON] });
    expect(report.exitCode).toBe(0);
    expect(formatDoctor(report)).toContain("\n  ip       missing (Debian package iproute2)\n");
  });

  it("--json is one stable object: every key always there, in a fixed order, nulls for what is absent", () => {
    const json = JSON.parse(doctorJson(doctorReport({ probe: namespacesProbe(), toolchains: [NO_PYTHON, NODE] }))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "isolation",
      "isolated",
      "sandboxRuns",
      "description",
      "bwrapReason",
      "namespacesReason",
      "root",
      "sandboxUid",
      "tools",
      "toolchains",
      "problems",
      "exitCode",
    ]);
    expect(json).toMatchObject({ isolation: "namespaces", bwrapReason: NO_BWRAP, namespacesReason: null, root: false, sandboxUid: null, exitCode: 1 });
    expect(Object.keys(json["tools"] as object)).toEqual(["bwrap", "setpriv", "prlimit", "unshare", "ip"]);
    expect((json["tools"] as Record<string, unknown>)["bwrap"]).toEqual({ path: null, package: "bubblewrap", role: "isolation (bubblewrap mode)" });
    expect(Object.keys(json["toolchains"] as object)).toEqual(["python", "javascript"]);
    expect((json["toolchains"] as Record<string, unknown>)["javascript"]).toEqual({ available: true, description: NODE.description, reason: null, install: null });
  });
});

describe("the sandbox line of generate and resume", () => {
  const collect = (): { io: CliIo; err: () => string } => {
    let err = "";
    return { io: { out: () => undefined, err: (s) => void (err += s), cwd: "/" }, err: () => err };
  };

  it("opens text progress once, before the start line; none for a run that only reports it was finished", () => {
    const { io, err } = collect();
    const sink = progressSink(io, {}, fakeProbe());
    sink.emit({ stage: "start", round: 1, message: "spec file x.yaml → python over tcp" });
    sink.emit({ stage: "start", round: 1, message: "again" });
    expect(err().split("\n").slice(0, 3)).toEqual([
      "sandbox: bubblewrap — bwrap can create its namespaces here: no network, a read-only system, only the project folder writable",
      "start: spec file x.yaml → python over tcp",
      "start: again",
    ]);
    const finished = collect();
    progressSink(finished.io, {}, fakeProbe()).emit({ stage: "done", round: 3, message: "already finished: succeeded: ok", status: "succeeded" });
    expect(finished.err()).toBe("done: already finished: succeeded: ok\n");
  });

  it("is not printed with --quiet or --json", () => {
    for (const opts of [{ quiet: true }, { json: true }]) {
      const { io, err } = collect();
      progressSink(io, opts, limitsOnlyProbe()).emit({ stage: "start", round: 1, message: "go" });
      expect(err()).not.toContain("sandbox:");
    }
  });
});

describe("protoforge doctor on this machine", () => {
  it("prints the mode the sandbox runner uses, and exits by the rule", async () => {
    const probe = await createSandboxRunner().probe();
    const mode = isolationOf(probe);
    const toolchains = await Promise.all(Object.values(PROFILES).map((p) => p.detect()));
    const expected =
      probe.tools.setpriv === null || probe.tools.prlimit === null ? 2 : mode === "limits-only" || toolchains.some((t) => !t.available) ? 1 : 0;

    const text = await cli("doctor");
    expect(text.out.match(/^isolation: (\S+)$/m)?.[1]).toBe(mode);
    expect(text.out).toContain(`\n${describeIsolation(probe)}\n`);
    expect(text.code, text.out + text.err).toBe(expected);

    const json = await cli("doctor", "--json");
    const parsed = JSON.parse(json.out) as { isolation: string; exitCode: number; toolchains: Record<string, unknown> };
    expect([parsed.isolation, parsed.exitCode, json.code]).toEqual([mode, expected, expected]);
    expect(Object.keys(parsed.toolchains)).toEqual(Object.keys(PROFILES));
  }, 60_000);
});
