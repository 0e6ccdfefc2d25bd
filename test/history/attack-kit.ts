// The pieces of the attack tests: scripts that stand for attacker code and
// record that they ran, a run folder in a temporary base folder that is
// removed afterwards, plain git as a user would run it (the control that
// proves each attack is live), and process.env changed for one test.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Every hook githooks(5) of git 2.39 lists. */
export const GIT_HOOKS = [
  "applypatch-msg",
  "pre-applypatch",
  "post-applypatch",
  "pre-commit",
  "pre-merge-commit",
  "prepare-commit-msg",
  "commit-msg",
  "post-commit",
  "pre-rebase",
  "post-checkout",
  "post-merge",
  "pre-push",
  "pre-receive",
  "update",
  "proc-receive",
  "post-receive",
  "post-update",
  "reference-transaction",
  "push-to-checkout",
  "pre-auto-gc",
  "post-rewrite",
  "sendemail-validate",
  "fsmonitor-watchman",
  "p4-changelist",
  "p4-prepare-changelist",
  "p4-post-changelist",
  "p4-pre-submit",
  "post-index-change",
] as const;

/** Command-bearing config keys protoforge never writes, each settable to a script's path. */
export const HOSTILE_KEYS: readonly string[] = [
  "core.fsmonitor", "core.hooksPath", "core.pager", "core.sshCommand", "core.editor", "core.askPass", "core.worktree", "diff.evil.textconv",
  "diff.evil.command", "diff.external", "merge.evil.driver", "gpg.program", "credential.helper", "sequence.editor", "uploadpack.packObjectsHook",
  "receive.procReceiveRefs", "protocol.ext.allow", "submodule.x.update", "tar.tgz.command", "trailer.sign.command", "pager.log",
  "includeIf.onbranch:never.path",
];

export interface AttackKit {
  /** The temporary folder holding everything below; removed by `cleanup`. */
  readonly base: string;
  /** The run folder (base/out), not created yet. */
  readonly run: string;
  /** A fake HOME (base/home) for the control's and protoforge's git. */
  readonly home: string;
  /**
   * A script that records `fired ROLE ARGS` (and its environment) and exits
   * 0; with `filter`, it then copies stdin to stdout, as a clean or smudge
   * filter does.
   */
  script(role: string, options?: { filter?: boolean }): Promise<string>;
  /** Executable hooks for every name in `GIT_HOOKS` in `folder`. */
  hooks(folder: string): Promise<void>;
  /** What the scripts recorded, "" when none ran. */
  fired(): Promise<string>;
  /** The environments the scripts ran with. */
  firedEnvironments(): Promise<string>;
  /** Forgets what the scripts recorded (after a control). */
  reset(): Promise<void>;
  /** Plain git in the run folder (or `cwd`), as a user runs it: the test's HOME and `env`, nothing of protoforge's. */
  plainGit(args: readonly string[], env?: Record<string, string>, cwd?: string): SpawnSyncReturns<string>;
  cleanup(): Promise<void>;
}

export async function attackKit(): Promise<AttackKit> {
  const base = await mkdtemp(join(tmpdir(), "pf-attack-"));
  const marker = join(base, "fired.log");
  const bin = join(base, "bin");
  const home = join(base, "home");
  await mkdir(bin);
  await mkdir(home);
  const kit: AttackKit = {
    base,
    run: join(base, "out"),
    home,
    async script(role, options = {}) {
      const file = join(bin, `${role.replace(/[^\w.-]/g, "_")}${options.filter ? "-filter" : ""}`);
      const body = [
        "#!/bin/sh",
        `printf 'fired %s %s\\n' '${role}' "$*" >> '${marker}'`,
        `env >> '${marker}.env'`,
        options.filter ? "exec cat" : "exit 0",
      ];
      await writeFile(file, `${body.join("\n")}\n`);
      await chmod(file, 0o755);
      return file;
    },
    async hooks(folder) {
      await mkdir(folder, { recursive: true });
      for (const hook of GIT_HOOKS) {
        const file = join(folder, hook);
        await writeFile(file, `#!/bin/sh\nexec '${await kit.script(`hook:${hook}`)}' "$@"\n`);
        await chmod(file, 0o755);
      }
    },
    fired: () => readFile(marker, "utf8").catch(() => ""),
    firedEnvironments: () => readFile(`${marker}.env`, "utf8").catch(() => ""),
    async reset() {
      await rm(marker, { force: true });
      await rm(`${marker}.env`, { force: true });
    },
    plainGit(args, env = {}, cwd = kit.run) {
      return spawnSync("git", args, {
        cwd,
        env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: home, ...env },
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
        timeout: 30_000,
      });
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
  return kit;
}

/** Writes `text` to `file`, creating its folder. */
export async function put(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Runs `body` with `vars` set in process.env (undefined: removed), then restores it. */
export async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}
