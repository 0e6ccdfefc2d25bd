// Real processes in an isolated sandbox: what runs, what it can reach, and
// what stops it. Both namespaced modes promise the same, so one suite runs
// against each (bubblewrap.test.ts, namespaces.test.ts). CI installs
// bubblewrap, so the bubblewrap run fails (rather than skips) without it.
import { spawn } from "node:child_process";
import { chmod, chown, mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner, type Isolation, type SandboxCommand, type SandboxRunner } from "../../sandboxes/isolation/index.js";
import { collectingLogger, eventually, hostProcesses, isRoot, removeTempDirs, tempDir, uniqueToken } from "./helpers.js";

/** The runner of a mode, failing loudly when this machine cannot give it. */
export async function isolatedRunner(mode: Exclude<Isolation, "limits-only">, logger = collectingLogger()): Promise<SandboxRunner> {
  const runner = createSandboxRunner({ logger, ...(mode === "namespaces" ? { probe: { bwrap: false } } : {}) });
  const probe = await runner.probe();
  if (mode === "bubblewrap" && !probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
  if (mode === "namespaces" && !probe.namespaces) throw new Error(`util-linux unshare cannot isolate here (${probe.namespacesReason})`);
  return runner;
}

export function describeIsolatedRunner(mode: Exclude<Isolation, "limits-only">): void {
  const logger = collectingLogger();
  let runner: SandboxRunner;
  let out: string;

  const cmd = (argv: string[], extra: Partial<SandboxCommand> = {}): SandboxCommand => ({
    argv,
    cwd: out,
    writableDir: out,
    limits: { wallClockMs: 20_000 },
    ...extra,
  });

  beforeAll(async () => {
    runner = await isolatedRunner(mode, logger);
    out = await tempDir(mode);
  });
  afterAll(removeTempDirs);

  describe(`runSandboxed isolated by ${mode}`, () => {
    it("returns the exit code, stdout and stderr, feeds stdin", async () => {
      const result = await runner.run(cmd(["sh", "-c", "cat; echo oops >&2; exit 7"], { stdin: "hello from stdin" }));
      expect(result).toMatchObject({
        exitCode: 7,
        signal: null,
        timedOut: false,
        stdout: "hello from stdin",
        stderr: "oops\n",
        isolation: mode,
      });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      expect(logger.warnings).toEqual([]);
    });

    it("runs as an unprivileged user", async () => {
      const result = await runner.run(cmd(["id", "-u"]));
      expect(result.stdout.trim()).toBe(isRoot ? "65534" : String(process.getuid?.()));
    });

    it("writes inside the writable dir, and the files are the folder owner's afterwards", async () => {
      const result = await runner.run(cmd(["sh", "-c", "mkdir -p pkg/sub && echo data > pkg/sub/file && cat pkg/sub/file"]));
      expect(result.stdout).toBe("data\n");
      const me = process.getuid?.();
      for (const p of [out, join(out, "pkg"), join(out, "pkg/sub"), join(out, "pkg/sub/file")]) {
        expect((await stat(p)).uid, p).toBe(me);
      }
    });

    it("cannot write anywhere else: not the home dir, not a host dir the sandbox user owns, not the host's /tmp", async () => {
      const other = await tempDir("outside", "/var/tmp"); // not under /tmp, which the sandbox replaces
      await chmod(other, 0o777); // writable by anyone on the host, read-only in the sandbox
      if (isRoot) await chown(other, 65534, 65534);
      const hostTmpName = `protoforge-sbx-escape-${uniqueToken()}`;
      const script = [
        `touch "${homedir()}/protoforge-escape" 2>/dev/null; echo home=$?`,
        `touch "${other}/escape" 2>&1; echo other=$?`,
        `touch /tmp/${hostTmpName}; echo tmp=$?`,
        `touch inside; echo inside=$?`,
      ].join("\n");
      const result = await runner.run(cmd(["sh", "-c", script]));
      expect(result.stdout).toMatch(/home=[1-9]/);
      expect(result.stdout).toMatch(/Read-only file system\nother=1/);
      expect(result.stdout).toContain("tmp=0"); // its private /tmp ...
      expect(result.stdout).toContain("inside=0");
      expect(existsSync(join(homedir(), "protoforge-escape"))).toBe(false);
      expect(await readdir(other)).toEqual([]);
      expect(existsSync(join(tmpdir(), hostTmpName))).toBe(false); // ... is not the host's
      expect(existsSync(join(out, "inside"))).toBe(true);
    });

    it("mounts a dependency cache read-only, at its own path or at another", async () => {
      const cache = await tempDir("cache");
      await writeFile(join(cache, "dep.txt"), "cached dependency\n");
      await chmod(cache, 0o755);
      if (isRoot) await chown(cache, 65534, 65534); // writable on the host, so only the mount stops a write
      const script = [
        `cat "${cache}/dep.txt" /tmp/deps/dep.txt`,
        `touch "${cache}/x" 2>&1; echo own=$?`,
        `touch /tmp/deps/x 2>&1; echo other=$?`,
      ].join("\n");
      const result = await runner.run(
        cmd(["sh", "-c", script], { readOnlyMounts: [{ source: cache }, { source: cache, target: "/tmp/deps" }] }),
      );
      expect(result.stdout).toContain("cached dependency\ncached dependency\n");
      expect(result.stdout).toMatch(/Read-only file system\nown=1/);
      expect(result.stdout).toMatch(/Read-only file system\nother=1/);
      expect(await readdir(cache)).toEqual(["dep.txt"]);
      // a mount point bwrap could not create in the read-only system is refused up front
      await expect(
        runner.run(cmd(["true"], { readOnlyMounts: [{ source: cache, target: `/protoforge-no-such-dir-${uniqueToken()}` }] })),
      ).rejects.toMatchObject({ code: "path-not-found" });
    });

    it("has no network: a connect to a non-loopback address fails at once with no route", async () => {
      // Guard: connect only if the sandbox really has no route and only loopback,
      // so no packet can ever leave for 10.255.255.1.
      const script = `
import errno, socket, sys
routes = open("/proc/net/route").read().strip().splitlines()[1:]
ifaces = sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").read().splitlines()[2:])
if routes or ifaces != ["lo"]:
    print("REFUSED", routes, ifaces); sys.exit(3)
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(2)
try:
    s.connect(("10.255.255.1", 9))
    print("CONNECTED"); sys.exit(4)
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e))); sys.exit(0)
`;
      const result = await runner.run(cmd(["python3", "-c", script]));
      expect(result.stdout.trim()).toBe("ENETUNREACH");
      expect(result.exitCode).toBe(0);
      expect(result.durationMs).toBeLessThan(1_500); // refused by the kernel, not timed out
    });

    it("has its own loopback: a server and client on 127.0.0.1 talk", async () => {
      const script = `
import socket, threading
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
def serve():
    c, _ = srv.accept(); c.sendall(c.recv(100).upper()); c.close()
t = threading.Thread(target=serve); t.start()
cli = socket.create_connection(("127.0.0.1", srv.getsockname()[1]), timeout=5)
cli.sendall(b"ping"); print(cli.recv(100).decode()); t.join()
`;
      const result = await runner.run(cmd(["python3", "-c", script]));
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("PING\n");
    });

    it("passes no secret from the runner's environment", async () => {
      process.env["OPENAI_API_KEY"] = "sk-test-must-not-leak";
      try {
        const result = await runner.run(cmd(["env"], { env: { PROTOFORGE_CASE: "1" } }));
        expect(result.stdout).not.toContain("OPENAI_API_KEY");
        expect(result.stdout).not.toContain("sk-test-must-not-leak");
        expect(result.stdout).toContain("PROTOFORGE_CASE=1\n");
        const names = result.stdout.trim().split("\n").map((l) => l.split("=")[0]).sort();
        expect(names).toEqual(["HOME", "LANG", "PATH", "PROTOFORGE_CASE", "PWD", "TMPDIR"]);
      } finally {
        delete process.env["OPENAI_API_KEY"];
      }
    });

    it("kills the whole process tree on the wall clock", async () => {
      const token = uniqueToken();
      const running = runner.run(cmd(["sh", "-c", `sleep ${token} & sleep ${token}`], { limits: { wallClockMs: 1_500 } }));
      // both the child and the grandchild really started
      expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 2, 1_400)).toBe(true);
      const result = await running;
      expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGKILL" });
      expect(result.durationMs).toBeGreaterThanOrEqual(1_500);
      expect(result.durationMs).toBeLessThan(3_000);
      expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 0, 1_000)).toBe(true);
    });

    it("dies with the runner: a killed runner leaves no sandboxed process behind", async () => {
      const token = uniqueToken();
      const fixture = fileURLToPath(new URL("./fixtures/hang.ts", import.meta.url));
      const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
      const dir = await tempDir("hang"); // stays lent to 65534: nobody is left to give it back
      const runnerProcess = spawn(process.execPath, ["--import", "tsx", fixture, token, dir], { cwd: repoRoot, stdio: "ignore" });
      try {
        expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 2, 10_000)).toBe(true);
      } finally {
        runnerProcess.kill("SIGKILL");
      }
      expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 0, 2_000)).toBe(true);
    });

    it("kills leftovers when the command exits early", async () => {
      const token = uniqueToken();
      const result = await runner.run(cmd(["sh", "-c", `sleep ${token} > /dev/null 2>&1 & echo started`]));
      expect(result).toMatchObject({ exitCode: 0, timedOut: false, stdout: "started\n" });
      expect(await hostProcesses("sleep", token)).toEqual([]);
    });

    it("stops a memory hog at the memory limit", async () => {
      const hog = "a = []\nwhile True: a.append(bytearray(16 * 1024 * 1024))";
      const result = await runner.run(cmd(["python3", "-c", hog], { limits: { memoryBytes: 256 * 1024 * 1024, wallClockMs: 20_000 } }));
      expect(result.timedOut).toBe(false);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain("MemoryError");
    });

    it("stops a big write at the file-size limit", async () => {
      const result = await runner.run(
        cmd(["dd", "if=/dev/zero", "of=big.bin", "bs=65536", "count=64"], { limits: { fileSizeBytes: 1024 * 1024 } }),
      );
      expect(result.signal).toBe("SIGXFSZ");
      expect((await stat(join(out, "big.bin"))).size).toBeLessThanOrEqual(1024 * 1024);
    });

    it("stops a busy loop at the CPU limit", async () => {
      const result = await runner.run(cmd(["python3", "-c", "while True: pass"], { limits: { cpuSeconds: 1 } }));
      expect(result.timedOut).toBe(false);
      expect(["SIGXCPU", "SIGKILL"]).toContain(result.signal);
      expect(result.durationMs).toBeLessThan(5_000);
    });

    it("limits the number of processes", async () => {
      const script = "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 2 & done; wait";
      const result = await runner.run(cmd(["sh", "-c", script], { limits: { processes: 6 } }));
      expect(result.stderr).toMatch(/fork|Resource temporarily unavailable/i);
    });

    it("caps stdout and stderr, keeping both ends and marking the cut", async () => {
      const script = "import sys\nsys.stdout.write('a' * 200000 + 'END\\n')\nsys.stderr.write('b' * 200000)";
      const result = await runner.run(cmd(["python3", "-c", script], { limits: { outputBytes: 1_000 } }));
      expect(result.exitCode).toBe(0);
      expect(result.stdout.length).toBeLessThan(1_200);
      expect(result.stdout.startsWith("a".repeat(500))).toBe(true);
      expect(result.stdout.endsWith("aEND\n")).toBe(true);
      expect(result.stdout).toContain("bytes of output cut; 200004 in all");
      expect(result.stderr).toContain("bytes of output cut; 200000 in all");
    });

    it("lets two runs share a writable dir, and gives it back once both end", async () => {
      const [a, b] = await Promise.all([
        runner.run(cmd(["sh", "-c", "sleep 0.3; echo a > a.txt"])),
        runner.run(cmd(["sh", "-c", "echo b > b.txt; sleep 0.5; echo b2 >> b.txt"])),
      ]);
      expect([a.exitCode, b.exitCode, a.stderr, b.stderr]).toEqual([0, 0, "", ""]);
      expect((await stat(join(out, "b.txt"))).uid).toBe(process.getuid?.());
      expect((await stat(out)).uid).toBe(process.getuid?.());
    });

    it("refuses a cwd outside the writable dir and a missing writable dir", async () => {
      const elsewhere = await tempDir("elsewhere");
      await expect(runner.run(cmd(["true"], { cwd: elsewhere }))).rejects.toMatchObject({ code: "cwd-outside-writable-dir" });
      await expect(runner.run(cmd(["true"], { writableDir: join(out, "missing"), cwd: join(out, "missing") }))).rejects.toMatchObject({
        code: "path-not-found",
      });
    });

    it.runIf(isRoot)("reaches a writable dir under a private parent without a chmod, and hides the rest of that parent", async () => {
      const locked = await tempDir("locked"); // mkdtemp: 0700, root's
      const inner = join(locked, "out");
      await mkdir(inner);
      await writeFile(join(locked, "secret.txt"), "root's own\n");
      const result = await runner.run(cmd(["sh", "-c", `echo made > made.txt && ls -a "${locked}"; cat "${locked}/secret.txt" 2>&1; echo cat=$?`], { writableDir: inner, cwd: inner }));
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^\.\n\.\.\nout\n/); // only the folder itself, not the secret
      expect(result.stdout).toContain("cat=1");
      expect((await stat(join(inner, "made.txt"))).uid).toBe(0);
      expect((await stat(locked)).mode & 0o777).toBe(0o700); // no chmod on the host
    });

    it("has a private /dev/shm and a read-only /var/tmp", async () => {
      const token = uniqueToken();
      const result = await runner.run(cmd(["sh", "-c", `touch /dev/shm/${token} && echo shm=ok; touch /var/tmp/${token} 2>/dev/null; echo vartmp=$?`]));
      expect(result.stdout).toContain("shm=ok");
      expect(result.stdout).toMatch(/vartmp=[1-9]/);
      expect(existsSync(`/dev/shm/${token}`)).toBe(false);
      expect(existsSync(`/var/tmp/${token}`)).toBe(false);
    });
  });

}
