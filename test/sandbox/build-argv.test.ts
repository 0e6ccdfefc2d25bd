// The pure part of the sandbox: which layers wrap a command, with what flags,
// environment and limits, for every combination of bubblewrap and root.
import { afterEach, describe, expect, it } from "vitest";
import {
  buildProbeArgv,
  buildSandboxArgv,
  decodeTermination,
  SAFE_PATH,
  SandboxError,
  type SandboxCommand,
} from "../../sandboxes/isolation/index.js";
import { fakeProbe } from "./helpers.js";

const W = "/work/out/python";
const base: SandboxCommand = { argv: ["python3", "-m", "pytest"], cwd: `${W}/tests`, writableDir: W };

/** The slice of argv after `flag`, `count` items long. */
function after(argv: readonly string[], flag: string, count = 1): string[] {
  const i = argv.indexOf(flag);
  expect(i, `${flag} in ${argv.join(" ")}`).toBeGreaterThanOrEqual(0);
  return argv.slice(i + 1, i + 1 + count);
}

function setprivPart(argv: readonly string[]): string[] {
  return argv.slice(0, argv.findIndex((a, i) => i > 0 && a.startsWith("/")));
}

describe("buildSandboxArgv with bubblewrap", () => {
  it("as root: drops to 65534 with setpriv before bwrap, then prlimit, then the command", () => {
    const plan = buildSandboxArgv(base, fakeProbe());
    expect(plan.isolation).toBe("bubblewrap");
    expect(plan.runAsUid).toBe(65534);
    expect(setprivPart(plan.argv)).toEqual([
      "/usr/bin/setpriv",
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "--pdeathsig=KILL",
    ]);
    const bwrapAt = plan.argv.indexOf("/usr/bin/bwrap");
    const prlimitAt = plan.argv.indexOf("/usr/bin/prlimit");
    expect(bwrapAt).toBe(5);
    expect(prlimitAt).toBeGreaterThan(bwrapAt);
    expect(plan.argv.slice(-3)).toEqual(["python3", "-m", "pytest"]);
    expect(plan.cwd).toBe("/");
  });

  it("unshares everything, dies with its parent, and mounts the system read-only", () => {
    const { argv } = buildSandboxArgv(base, fakeProbe());
    for (const flag of ["--unshare-all", "--die-with-parent", "--new-session", "--disable-userns"]) {
      expect(argv).toContain(flag);
    }
    expect(argv).not.toContain("--share-net");
    expect(after(argv, "--ro-bind", 2)).toEqual(["/", "/"]);
    expect(after(argv, "--dev")).toEqual(["/dev"]);
    expect(after(argv, "--proc")).toEqual(["/proc"]);
    expect(after(argv, "--tmpfs")).toEqual(["/tmp"]);
    expect(after(argv, "--size")).toEqual([String(512 * 1024 * 1024)]);
    expect(after(argv, "--bind", 2)).toEqual([W, W]);
    expect(after(argv, "--chdir")).toEqual([`${W}/tests`]);
    // the system mount comes first, the writable dir after the private /tmp
    expect(argv.indexOf("--ro-bind")).toBeLessThan(argv.indexOf("--tmpfs"));
    expect(argv.indexOf("--tmpfs")).toBeLessThan(argv.indexOf("--bind"));
  });

  it("leaves out --disable-userns when this bwrap or kernel refuses it", () => {
    const { argv } = buildSandboxArgv(base, fakeProbe({ disableUserns: false }));
    expect(argv).not.toContain("--disable-userns");
    expect(argv).toContain("--unshare-all");
  });

  it("as a non-root user: no uid change, process limit still applied (counted per user namespace)", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ isRoot: false }));
    expect(plan.runAsUid).toBeNull();
    expect(setprivPart(plan.argv)).toEqual(["/usr/bin/setpriv", "--pdeathsig=KILL"]);
    expect(plan.argv.some((a) => a.startsWith("--nproc="))).toBe(true);
  });

  it("applies every limit with prlimit inside the sandbox, CPU with a one-second grace to SIGKILL", () => {
    const plan = buildSandboxArgv(
      { ...base, limits: { cpuSeconds: 10, memoryBytes: 1000, fileSizeBytes: 2000, processes: 30 } },
      fakeProbe(),
    );
    const prlimitAt = plan.argv.indexOf("/usr/bin/prlimit");
    expect(plan.argv.slice(prlimitAt + 1, prlimitAt + 7)).toEqual([
      "--cpu=10:11",
      "--as=1000:1000",
      "--fsize=2000:2000",
      "--nproc=30:30",
      "--core=0:0",
      "--",
    ]);
    expect(plan.limits.wallClockMs).toBe(300_000);
  });

  it("never raises a hard limit the runner does not have", () => {
    const probe = fakeProbe({ hardLimits: { cpuSeconds: 5, memoryBytes: 500, fileSizeBytes: Infinity, processes: 20 } });
    const plan = buildSandboxArgv({ ...base, limits: { cpuSeconds: 10, memoryBytes: 1000, processes: 30 } }, probe);
    expect(plan.argv).toContain("--cpu=5:5");
    expect(plan.argv).toContain("--as=500:500");
    expect(plan.argv).toContain("--nproc=20:20");
  });

  it("passes only the minimal environment and the command's own, never the runner's", () => {
    process.env["OPENAI_API_KEY"] = "sk-must-not-leak";
    try {
      const plan = buildSandboxArgv({ ...base, env: { PYTHONDONTWRITEBYTECODE: "1", LANG: "en_US.UTF-8" } }, fakeProbe());
      expect(plan.env).toEqual({
        PATH: SAFE_PATH,
        HOME: "/tmp/home",
        TMPDIR: "/tmp",
        LANG: "en_US.UTF-8",
        PYTHONDONTWRITEBYTECODE: "1",
      });
    } finally {
      delete process.env["OPENAI_API_KEY"];
    }
  });

  it("mounts parents before children: a read-only mount never hides the writable dir, one inside it stays read-only", () => {
    const { argv } = buildSandboxArgv(
      {
        ...base,
        readOnlyMounts: [
          { source: "/cache/pip", target: `${W}/.deps` },
          { source: "/work", target: "/work" },
          { source: "/cache/m2" },
        ],
      },
      fakeProbe(),
    );
    const binds: string[] = [];
    argv.forEach((a, i) => {
      if ((a === "--bind" || a === "--ro-bind") && argv[i + 1] !== "/") binds.push(`${a} ${argv[i + 1]} ${argv[i + 2]}`);
    });
    expect(binds).toEqual([
      "--ro-bind /work /work",
      "--ro-bind /cache/m2 /cache/m2",
      `--bind ${W} ${W}`,
      `--ro-bind /cache/pip ${W}/.deps`,
    ]);
  });
});

describe("buildSandboxArgv with a folder under a private parent (root)", () => {
  it("bubblewrap: root first hides the parent behind a tmpfs in a mount namespace of its own, binds the folder, then drops", () => {
    const plan = buildSandboxArgv(base, fakeProbe(), { hide: ["/work"] });
    expect(plan.argv.slice(0, 8)).toEqual(["/usr/bin/setpriv", "--pdeathsig=KILL", "/usr/bin/unshare", "--mount", "--propagation", "private", "--", "/bin/sh"]);
    const script = plan.argv[9] ?? "";
    expect(script).toContain(`exec 3<'${W}'`);
    expect(script).toContain("tmpfs '/work'");
    expect(script).toContain(`mount --no-canonicalize --bind /proc/self/fd/3 '${W}'`);
    expect(script).not.toContain("remount,bind,ro \"$mp\""); // bubblewrap makes the read-only view itself
    const drop = plan.argv.indexOf("--reuid=65534");
    expect(drop).toBeGreaterThan(plan.argv.indexOf("/usr/bin/unshare")); // dropped only after the staging
    expect(plan.argv.indexOf("/usr/bin/bwrap")).toBeGreaterThan(drop);
  });

  it("limits only: refuses, since nothing can be hidden without a mount namespace", () => {
    expect(() => buildSandboxArgv(base, fakeProbe({ bwrap: false }), { hide: ["/work"] })).toThrow(expect.objectContaining({ code: "path-not-reachable" }));
  });

  it("a non-root runner hides nothing (it reaches its own folders)", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ isRoot: false }), { hide: ["/work"] });
    expect(plan.argv[0]).toBe("/usr/bin/setpriv");
    expect(plan.argv).not.toContain("/usr/bin/unshare");
  });
});

describe("buildSandboxArgv without bubblewrap, with namespaces (util-linux unshare)", () => {
  const probe = fakeProbe({ bwrap: false, namespaces: true });

  it("as root: new mount, net, pid, ipc and uts namespaces, the view script, the drop, a user namespace of its own, then the limits", () => {
    const plan = buildSandboxArgv(base, probe);
    expect(plan.isolation).toBe("namespaces");
    expect(plan.argv.slice(0, 15)).toEqual([
      "/usr/bin/setpriv", "--pdeathsig=KILL",
      "/usr/bin/unshare", "--mount", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child", "--propagation", "private", "--",
      "/bin/sh", "-c",
    ]);
    const tail = plan.argv.slice(17);
    expect(tail.slice(0, 5)).toEqual(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
    expect(tail.slice(5, 10)).toEqual(["/usr/bin/unshare", "--user", "--map-user=65534", "--map-group=65534", "--"]);
    expect(tail.slice(10, 14)).toEqual(["/usr/bin/setpriv", "--no-new-privs", "--pdeathsig=KILL", "--"]);
    expect(after(tail, "protoforge-sandbox")).toEqual([`${W}/tests`]); // the cwd, entered as the sandbox user
    expect(plan.argv).toContain("--nproc=256:256"); // counted in its own user namespace
    expect(plan.argv.slice(-3)).toEqual(["python3", "-m", "pytest"]);
    expect(plan.env["HOME"]).toBe("/tmp/home");
  });

  it("the view: every host mount read-only, private /proc, /tmp and /dev/shm, the folder writable, caches read-only, loopback up", () => {
    const plan = buildSandboxArgv({ ...base, readOnlyMounts: [{ source: "/cache/pip", target: `${W}/.deps` }] }, probe);
    const script = plan.argv[15] ?? "";
    const order = [
      "exec 3<'/work/out/python'",
      'mount -o remount,bind,ro "$mp"',
      "mount -t proc",
      "tmpfs /tmp",
      "tmpfs /dev/shm",
      "chown 65534:65534 '/tmp/home'",
      "mount --no-canonicalize --bind /proc/self/fd/3 '/work/out/python'",
      "mount -o remount,bind,rw '/work/out/python'",
      "mount --no-canonicalize --bind /proc/self/fd/4 '/work/out/python/.deps'",
      "mount -o remount,bind,ro '/work/out/python/.deps'",
      "'/usr/sbin/ip' link set lo up",
      '"$@"',
    ];
    const at = order.map((piece) => script.indexOf(piece));
    expect(at.every((i) => i >= 0), JSON.stringify(Object.fromEntries(order.map((p, k) => [p, at[k]])))).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("a non-root runner: a user namespace whose root is the user, no uid change, and the process limit applies", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ bwrap: false, namespaces: true, isRoot: false }));
    expect(plan.argv.slice(2, 6)).toEqual(["/usr/bin/unshare", "--user", "--map-root-user", "--mount"]);
    expect(plan.argv.some((a) => a.startsWith("--reuid"))).toBe(false);
    expect(plan.argv.some((a) => a.startsWith("--nproc"))).toBe(true);
    const script = plan.argv[plan.argv.indexOf("-c") + 1] ?? "";
    expect(script).toContain('mount -o remount,bind,ro "$mp"');
    expect(script).not.toContain("chown");
  });

  it("without iproute2, brings the loopback up with perl", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ bwrap: false, namespaces: true, tools: { ...probe.tools, ip: null } }));
    expect(plan.argv[15]).toContain("perl -e");
  });
});

describe("buildSandboxArgv without bubblewrap (limits only)", () => {
  it("as root: setpriv drops to 65534 with no_new_privs, prlimit limits, the command runs in its cwd", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ bwrap: false }), { scratchDir: "/tmp/scratch" });
    expect(plan.isolation).toBe("limits-only");
    expect(plan.argv).not.toContain("/usr/bin/bwrap");
    expect(plan.argv.slice(0, 7)).toEqual([
      "/usr/bin/setpriv",
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "--no-new-privs",
      "--pdeathsig=KILL",
      "/usr/bin/prlimit",
    ]);
    expect(plan.argv).toContain("--nproc=256:256");
    expect(plan.cwd).toBe(`${W}/tests`);
    expect(plan.env["HOME"]).toBe("/tmp/scratch");
    expect(plan.env["TMPDIR"]).toBe("/tmp/scratch");
  });

  it("as a non-root user: no process limit, since RLIMIT_NPROC would count the user's whole session", () => {
    const plan = buildSandboxArgv(base, fakeProbe({ bwrap: false, isRoot: false }), { scratchDir: "/tmp/scratch" });
    expect(plan.argv.slice(0, 4)).toEqual(["/usr/bin/setpriv", "--no-new-privs", "--pdeathsig=KILL", "/usr/bin/prlimit"]);
    expect(plan.argv.some((a) => a.startsWith("--nproc"))).toBe(false);
  });

  it("refuses a read-only mount at another path, which only bubblewrap can do", () => {
    const command = { ...base, readOnlyMounts: [{ source: "/cache/pip", target: "/deps" }] };
    expect(() => buildSandboxArgv(command, fakeProbe({ bwrap: false }))).toThrow(
      expect.objectContaining({ code: "mount-needs-bubblewrap" }),
    );
    expect(() => buildSandboxArgv({ ...base, readOnlyMounts: [{ source: "/cache/pip" }] }, fakeProbe({ bwrap: false }))).not.toThrow();
  });
});

describe("buildSandboxArgv refuses what it cannot run safely", () => {
  const code = (command: SandboxCommand, probe = fakeProbe()): string => {
    try {
      buildSandboxArgv(command, probe);
    } catch (e) {
      expect(e).toBeInstanceOf(SandboxError);
      return (e as SandboxError).code;
    }
    return "no error";
  };

  it("checks the command", () => {
    expect(code({ ...base, argv: [] })).toBe("invalid-command");
    expect(code({ ...base, cwd: "tests" })).toBe("invalid-command");
    expect(code({ ...base, writableDir: "/", cwd: "/" })).toBe("invalid-command");
    expect(code({ ...base, cwd: "/work/out/python-evil" })).toBe("cwd-outside-writable-dir");
    expect(code({ ...base, cwd: `${W}/../java` })).toBe("cwd-outside-writable-dir");
    expect(code({ ...base, cwd: W })).toBe("no error");
    expect(code({ ...base, limits: { memoryBytes: 0 } })).toBe("invalid-command");
    expect(code({ ...base, limits: { wallClockMs: 1.5 } })).toBe("invalid-command");
    expect(code({ ...base, env: { "A=B": "x" } })).toBe("invalid-command");
    expect(code({ ...base, readOnlyMounts: [{ source: "cache" }] })).toBe("invalid-command");
  });

  it("needs setpriv and prlimit always, bwrap only for isolation", () => {
    const tools = { bwrap: null, setpriv: "/usr/bin/setpriv", prlimit: "/usr/bin/prlimit", unshare: "/usr/bin/unshare", ip: null };
    expect(code(base, fakeProbe({ tools }))).toBe("tool-missing");
    expect(code(base, fakeProbe({ bwrap: false, tools }))).toBe("no error");
    expect(code(base, fakeProbe({ bwrap: false, tools: { ...tools, prlimit: null } }))).toBe("tool-missing");
  });
});

describe("buildProbeArgv", () => {
  it("tries the same layers as a real run around `true`", () => {
    const argv = buildProbeArgv(fakeProbe());
    expect(argv[0]).toBe("/usr/bin/setpriv");
    expect(argv).toContain("--unshare-all");
    expect(argv).toContain("--disable-userns");
    expect(argv).toContain("/usr/bin/prlimit");
    expect(argv.at(-1)).toBe("true");
  });
});

describe("decodeTermination", () => {
  it("reports 128+N from bubblewrap or a shell as signal N, and keeps plain exit codes", () => {
    expect(decodeTermination(0, null)).toEqual({ exitCode: 0, signal: null });
    expect(decodeTermination(2, null)).toEqual({ exitCode: 2, signal: null });
    expect(decodeTermination(128, null)).toEqual({ exitCode: 128, signal: null });
    expect(decodeTermination(137, null)).toEqual({ exitCode: null, signal: "SIGKILL" });
    expect(decodeTermination(152, null)).toEqual({ exitCode: null, signal: "SIGXCPU" });
    expect(decodeTermination(153, null)).toEqual({ exitCode: null, signal: "SIGXFSZ" });
    expect(decodeTermination(134, null)).toEqual({ exitCode: null, signal: "SIGABRT" });
    expect(decodeTermination(200, null)).toEqual({ exitCode: 200, signal: null });
    expect(decodeTermination(null, "SIGKILL")).toEqual({ exitCode: null, signal: "SIGKILL" });
  });
});

afterEach(() => {
  delete process.env["OPENAI_API_KEY"];
});
