// A hostile generated project, run through the real tester in every isolation
// mode this machine offers, then committed with protoforge's own git. Its
// "tests" try every escape found so far: git hooks, fsmonitor, filters and
// attributes in the run's repository; rewriting the run's lock record and a
// locked file; the host's loopback and the network; files in the host's
// /tmp, /dev/shm and /var/tmp; a daemon that outlives the step; the runner's
// API key. The host must be untouched, as far as each mode promises
// (docs/sandbox.md): everything in the namespaced modes, and in limits-only
// mode at least the run's git, state and secrets.
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockedFileFindings } from "../../agents/reviewer/rule-review.js";
import { createSandboxRunner, type Isolation, type SandboxProbe } from "../../sandboxes/isolation/index.js";
import type { ToolchainProfile } from "../../sandboxes/profiles/profile.js";
import { testGeneratedProject } from "../../sandboxes/tester.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { eventually, hostProcesses, isRoot, removeTempDirs, tempDir, uniqueToken } from "../sandbox/helpers.js";

const MODES: readonly { readonly mode: Isolation; readonly probe: Partial<SandboxProbe> }[] = [
  { mode: "bubblewrap", probe: {} },
  { mode: "namespaces", probe: { bwrap: false } },
  { mode: "limits-only", probe: { bwrap: false, namespaces: false } },
];

const LOCKED = "python/src/pkg/codec.py";
const LOCKED_TEXT = "# generated: do not edit\n";

let canary: Server;
let canaryPort = 0;
let canaryConnections = 0;

beforeAll(async () => {
  canary = createServer((socket) => {
    canaryConnections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  const address = canary.address();
  canaryPort = typeof address === "object" && address !== null ? address.port : 0;
});
afterAll(async () => {
  await new Promise((resolve) => canary.close(resolve));
  await removeTempDirs();
});

/** What the hostile tests do, as one shell script run by the sandbox user in OUT/python. */
function attackScript(out: string, marker: string, token: string): string {
  const hook = `#!/bin/sh\necho "$0 key=$OPENAI_API_KEY" >> '${marker}/ran'\n`;
  const hooks = ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "reference-transaction", "post-index-change", "post-checkout"];
  return [
    // 1. the run's repository: hooks, fsmonitor, filter drivers, attributes
    ...hooks.map((h) => `printf '%s' '${hook}' > '${out}/.git/hooks/${h}' 2>/dev/null && chmod +x '${out}/.git/hooks/${h}' && echo "wrote hook ${h}"`),
    `printf '[core]\\n\\tfsmonitor = ${marker}/fsmonitor.sh\\n[filter "evil"]\\n\\tclean = sh -c "touch ${marker}/ran; cat"\\n' >> '${out}/.git/config' 2>/dev/null && echo "wrote git config"`,
    `printf '* filter=evil\\n' > '${out}/.git/info/attributes' 2>/dev/null && echo "wrote info/attributes"`,
    `printf '* filter=evil\\n' > .gitattributes && echo "wrote python/.gitattributes"`,
    // 2. the run's state and a locked file
    `echo '{"generated":{}}' > '${out}/.protoforge/files.json' 2>/dev/null && echo "rewrote files.json"`,
    `echo '# weakened' > '${out}/${LOCKED}' && echo "rewrote the locked file"`,
    // 3. the network: the host's loopback, and a TEST-NET address
    `python3 -c "import socket; socket.create_connection(('127.0.0.1', ${canaryPort}), timeout=2); print('reached the host loopback')" 2>/dev/null`,
    `python3 -c "import socket; socket.create_connection(('192.0.2.1', 9), timeout=2); print('reached 192.0.2.1')" 2>&1 | tail -1`,
    // 4. the host's shared folders
    `for d in /tmp /dev/shm /var/tmp; do touch "$d/protoforge-escape-${token}" 2>/dev/null; done`,
    // 5. a daemon that leaves the process group
    `setsid sleep ${token} > /dev/null 2>&1 < /dev/null &`,
    // 6. the runner's secret
    `echo "key=$OPENAI_API_KEY" > leaked-env.txt`,
    "exit 0",
  ].join("\n");
}

const hostileProfile = (script: string): ToolchainProfile => ({
  language: "python",
  detect: async () => ({ available: true, description: "hostile fixture" }),
  prefetch: async () => undefined,
  steps: () => [{ step: "test", name: "hostile tests", argv: ["/bin/sh", "-c", script], wallClockMs: 30_000 }],
  behaviourRun: () => ({ step: "test", name: "hostile behaviour tests", argv: ["/bin/sh", "-c", script], wallClockMs: 30_000 }),
});

/** A run folder as protoforge leaves it after the coder: repository, lock record, a locked file. */
async function runFolder(label: string): Promise<string> {
  const out = await tempDir(label);
  await chmod(out, 0o755); // limits-only mode cannot reach below a private folder (the namespaced modes can)
  await mkdir(join(out, "python/src/pkg"), { recursive: true });
  await mkdir(join(out, ".protoforge"));
  await writeFile(join(out, LOCKED), LOCKED_TEXT);
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256").update(LOCKED_TEXT).digest("hex");
  await writeFile(join(out, ".protoforge/files.json"), JSON.stringify({ generated: { [LOCKED]: hash } }));
  const repo = await RunRepository.open(out);
  await repo.commitStep({ round: 1, agent: "coder", summary: "emitted", model: "offline", promptSet: "test", tokens: 0 });
  return out;
}

describe.each(MODES)("a hostile project under $mode", ({ mode, probe: forced }) => {
  it("reaches neither the run's git, state and secrets, nor (isolated) the host", async () => {
    const runner = createSandboxRunner({ logger: { warn: () => undefined }, probe: forced });
    const probe = await runner.probe();
    if (mode === "bubblewrap" && !probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
    if (mode === "namespaces" && !probe.namespaces) throw new Error(`unshare cannot isolate here (${probe.namespacesReason})`);
    const isolated = mode !== "limits-only";

    const out = await runFolder(`hostile-${mode}`);
    const marker = await tempDir(`marker-${mode}`, "/var/tmp");
    await chmod(marker, 0o777); // any uid could write a marker here, so only isolation stops one
    const token = uniqueToken();
    const before = canaryConnections;
    process.env["OPENAI_API_KEY"] = "sk-hostile-test-must-not-leak";
    let said: string;
    try {
      const [result] = await testGeneratedProject({ outDir: out, languages: ["python"], runner, profiles: { python: hostileProfile(attackScript(out, marker, token)) } });
      said = result?.steps[0]?.outputTail ?? "";
      expect(result?.steps[0]?.exitCode, said).toBe(0);

      // protoforge's own steps after the tests: a commit and the history
      const repo = await RunRepository.open(out);
      await repo.commitStep({ round: 1, agent: "tester", summary: "ran hostile tests", model: "offline", promptSet: "test", tokens: 0 });
    } finally {
      delete process.env["OPENAI_API_KEY"];
    }

    // git, the run's state and the key: in every mode
    expect(said).not.toMatch(/wrote hook|wrote git config|wrote info\/attributes|rewrote files\.json/);
    expect(existsSync(join(marker, "ran")), "a hook, filter or fsmonitor ran on the host").toBe(false);
    expect(JSON.parse(await readFile(join(out, ".protoforge/files.json"), "utf8"))).toHaveProperty(["generated", LOCKED]);
    expect(await readFile(join(out, "python/leaked-env.txt"), "utf8")).toBe("key=\n");
    // the locked file was rewritten inside the project folder, which the sandbox may write, and is caught
    expect(said).toContain("rewrote the locked file");
    expect((await lockedFileFindings(out)).map((f) => [f.code, f.location?.file])).toEqual([["locked-file-changed", LOCKED]]);

    // the host: only where the mode isolates
    const escaped = ["/tmp", "/dev/shm", "/var/tmp"].filter((d) => existsSync(`${d}/protoforge-escape-${token}`));
    const survivors = async (): Promise<number> => (await hostProcesses("sleep", token)).length;
    try {
      if (isolated) {
        expect(canaryConnections - before, "connections to the host's loopback").toBe(0);
        expect(said).not.toContain("reached the host loopback");
        expect(said).toMatch(/Network is unreachable/);
        expect(escaped).toEqual([]);
        expect(await eventually(async () => (await survivors()) === 0, 2_000)).toBe(true);
      } else {
        // What limits-only mode exposes, as its warning says: proven here so the doc stays true.
        expect(canaryConnections - before).toBe(1);
        expect(escaped.length).toBeGreaterThan(0);
      }
    } finally {
      for (const d of escaped) await rm(`${d}/protoforge-escape-${token}`, { force: true });
      for (const pid of await hostProcesses("sleep", token)) process.kill(pid, "SIGKILL");
    }
  }, 60_000);
});

describe.runIf(isRoot).each(MODES.filter((m) => m.mode !== "limits-only"))("the process cap under $mode", ({ probe: forced }) => {
  it("counts one run's processes only: a run holding many does not starve another", async () => {
    const runner = createSandboxRunner({ logger: { warn: () => undefined }, probe: forced });
    const [a, b] = [await tempDir("nproc-a"), await tempDir("nproc-b")];
    const hold = (n: number) => `for i in $(seq ${n}); do sleep 3 & done; wait; echo held`;
    const limits = { processes: 40, wallClockMs: 20_000 };
    const [first, second] = await Promise.all([
      runner.run({ argv: ["sh", "-c", hold(30)], cwd: a, writableDir: a, limits }),
      new Promise((r) => setTimeout(r, 500)).then(() => runner.run({ argv: ["sh", "-c", hold(30)], cwd: b, writableDir: b, limits })),
    ]);
    expect([first.stdout, first.stderr]).toEqual(["held\n", ""]);
    expect([second.stdout, second.stderr]).toEqual(["held\n", ""]);
    // and the cap holds within a run
    const bomb = await runner.run({ argv: ["sh", "-c", hold(60)], cwd: a, writableDir: a, limits });
    expect(bomb.stderr).toMatch(/fork|Resource temporarily unavailable/i);
  }, 60_000);
});
