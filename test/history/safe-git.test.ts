// The pieces of "protoforge's git runs nothing the run's content names" that
// can be checked on their own: the environment and command line every git
// process gets (pure, and as a wrapper on PATH sees them), which config keys
// a repository may not carry, the walk for nested repositories and what a
// commit stages around them.
import { spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HistoryError } from "../../src/run/history/history-error.js";
import { findNestedRepositories, planStaging, UNSTAGED_FOLDERS } from "../../src/run/history/nested-repositories.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { unsafeConfigKey } from "../../src/run/history/repository-check.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { gitEnvironment, NEUTRAL_CONFIG } from "../../src/run/history/safe-git.js";
import { attackKit, HOSTILE_KEYS, put, withEnv, type AttackKit } from "./attack-kit.js";
import { step } from "./helpers.js";

let kit: AttackKit;
beforeEach(async () => {
  kit = await attackKit();
});
afterEach(async () => {
  await kit.cleanup();
});

const PROTOFORGE_VARIABLES = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_ATTR_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_OPTIONAL_LOCKS: "0",
};

describe("gitEnvironment", () => {
  it("builds the environment from PATH, HOME, LANG, LC_* and TZ alone, with protoforge's GIT_* settings", () => {
    const passed = { PATH: "/usr/bin:/bin", HOME: "/home/ada", LANG: "C.UTF-8", LC_ALL: "C", LC_CTYPE: "C.UTF-8", TZ: "UTC" };
    const parent = {
      ...passed,
      OPENAI_API_KEY: "sk-secret",
      AWS_SECRET_ACCESS_KEY: "secret",
      GIT_DIR: "/elsewhere",
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='/tmp/x'",
      GIT_CONFIG_COUNT: "1",
      GIT_SSH_COMMAND: "/tmp/x",
      GIT_AUTHOR_DATE: "1 +0000",
      PAGER: "/tmp/x",
      EDITOR: "/tmp/x",
      LD_PRELOAD: "/tmp/x.so",
      XDG_CONFIG_HOME: "/tmp/xdg",
    };
    expect(gitEnvironment("/runs/out", parent)).toEqual({ ...passed, ...PROTOFORGE_VARIABLES, GIT_CEILING_DIRECTORIES: "/runs" });
  });

  it("dates the commits only when asked to", () => {
    const env = gitEnvironment("out", { PATH: "/bin" }, { date: new Date(1_700_000_060_500) });
    expect(env["GIT_AUTHOR_DATE"]).toBe("1700000060 +0000");
    expect(env["GIT_COMMITTER_DATE"]).toBe("1700000060 +0000");
    expect(env["GIT_CEILING_DIRECTORIES"]).toBe(process.cwd());
  });

  it("is what every git process protoforge starts gets, with the neutral -c settings (a git wrapper on PATH records them)", async () => {
    const real = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
    const bin = join(kit.base, "wrapper");
    const log = join(kit.base, "calls.log");
    await put(join(bin, "git"), `#!/bin/sh\n{ printf 'argv'; for a in "$@"; do printf ' %s' "$(printf '%s' "$a" | tr '\\n' '~')"; done; printf '\\n'; env | sort; printf 'end\\n'; } >> '${log}'\nexec '${real}' "$@"\n`);
    await chmod(join(bin, "git"), 0o755);
    await withEnv({ PATH: `${bin}:${process.env["PATH"] ?? ""}`, OPENAI_API_KEY: "sk-test-not-a-secret", GIT_DIR: join(kit.base, "elsewhere") }, async () => {
      const repo = await RunRepository.open(kit.run);
      await put(join(kit.run, "a.txt"), "a\n");
      await repo.commitStep(step());
      await readHistory(kit.run);
    });
    const calls = (await readFile(log, "utf8")).split("end\n").filter((c) => c !== "");
    expect(calls.length).toBeGreaterThan(8);
    for (const call of calls) {
      const [argv = "", ...env] = call.trim().split("\n");
      const neutral = NEUTRAL_CONFIG.map((setting) => `-c ${setting}`).join(" ");
      expect(argv.startsWith(`argv ${neutral} `)).toBe(true);
      for (const setting of ["core.hooksPath=/dev/null", "core.fsmonitor=false", "core.pager=cat", "protocol.allow=never"]) expect(argv).toContain(` -c ${setting} `);
      const names = env.map((line) => line.slice(0, line.indexOf("=")));
      expect(names).not.toContain("OPENAI_API_KEY");
      expect(names).not.toContain("GIT_DIR");
      for (const [name, value] of Object.entries(PROTOFORGE_VARIABLES)) expect(env).toContain(`${name}=${value}`);
      // What remains besides: PATH, HOME, LANG/LC_*/TZ, the ceiling, simple-git's own
      // GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS and what sh itself sets.
      expect(names.filter((n) => !/^(PATH|HOME|LANG|LC_\w+|TZ|GIT_CEILING_DIRECTORIES|GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS|PWD|OLDPWD|SHLVL|_)$/.test(n) && !(n in PROTOFORGE_VARIABLES))).toEqual([]);
    }
  });
});

describe("unsafeConfigKey", () => {
  it("refuses every key that names a program, an include, a transport or another work tree", () => {
    const more = `core.gitProxy core.alternateRefsCommand core.attributesFile filter.evil.clean filter.evil.smudge filter.evil.process alias.commit
      include.path includeIf.gitdir:/x/.path gpg.ssh.defaultKeyCommand credential.https://example.invalid.helper remote.origin.uploadpack
      remote.origin.receivepack remote.origin.vcs url.ext::sh.insteadOf trailer.sign.cmd difftool.x.cmd mergetool.x.path sendemail.smtpServer
      http.proxy some.future.command other.thing.program`;
    expect([...HOSTILE_KEYS, ...more.split(/\s+/)].filter((key) => unsafeConfigKey(key) === undefined)).toEqual([]);
  });

  it("keeps what git init, protoforge and a user who pushes the run write", () => {
    const kept = `core.repositoryformatversion core.filemode core.bare core.logallrefupdates core.ignorecase core.precomposeunicode core.autocrlf
      core.commentChar user.name user.email remote.origin.url remote.origin.fetch branch.main.remote branch.main.merge init.defaultBranch
      extensions.worktreeConfig gc.auto pull.rebase diff.evil.binary diff.renames`;
    expect(kept.split(/\s+/).filter((key) => unsafeConfigKey(key) !== undefined)).toEqual([]);
  });
});

describe("findNestedRepositories", () => {
  it("finds .git folders, .git files and case variants below the root, not the root's own, nor inside skipped folders or links", async () => {
    const root = kit.run;
    await mkdir(join(root, ".git"), { recursive: true });
    await mkdir(join(root, "python/x/.git"), { recursive: true });
    await mkdir(join(root, "python/x/inner/.git"), { recursive: true });
    await put(join(root, "rust/y/.git"), "gitdir: /elsewhere\n");
    await mkdir(join(root, "java/z/.GIT"), { recursive: true });
    await mkdir(join(root, "javascript/node_modules/pkg/.git"), { recursive: true });
    await mkdir(join(root, "python/.venv/lib/.git"), { recursive: true });
    await mkdir(join(root, "go/build/.git"), { recursive: true });
    await mkdir(join(root, "python/pkg.egg-info/.git"), { recursive: true });
    await mkdir(join(kit.base, "outside/.git"), { recursive: true });
    await symlink(join(kit.base, "outside"), join(root, "linked"));
    await put(join(root, "python/app.py"), "print(1)\n");
    expect(await findNestedRepositories(root)).toEqual(["java/z", "python/x", "rust/y"]);
  });

  it("refuses to vouch for a folder larger than its bound", async () => {
    for (let i = 0; i < 12; i++) await put(join(kit.run, `d${i % 3}`, `f${i}`), "");
    expect(await findNestedRepositories(kit.run, 15)).toEqual([]);
    const error = await findNestedRepositories(kit.run, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).code).toBe("unsafe-repository");
    expect((error as HistoryError).message).toContain("cannot check them all for nested git repositories");
  });
});

describe("planStaging", () => {
  const skipped = (prefix: string): string[] => UNSTAGED_FOLDERS.map((f) => `:(exclude,glob)${prefix}**/${f}/**`);

  it("stages the whole folder without the nested repositories and the skipped folders", () => {
    expect(planStaging(undefined, ["python/x", "rust/y"], new Set())).toEqual({
      pathspecs: [".", ":(exclude,literal)python/x", ":(exclude,literal)rust/y", ...skipped("")],
      excluded: ["python/x", "rust/y"],
    });
  });

  it("excludes inside each named folder only, and drops paths inside a nested repository", () => {
    const plan = planStaging([".protoforge/rounds/1.json", "python/x/f.txt", "python", "README.md"], ["python/x", "rust/y"], new Set(["python"]));
    expect(plan).toEqual({
      pathspecs: [".protoforge/rounds/1.json", "python", "README.md", ":(exclude,literal)python/x", ...skipped("python/")],
      excluded: ["python/x"],
    });
    expect(planStaging(["python/x/f.txt"], ["python/x"], new Set())).toEqual({ pathspecs: undefined, excluded: ["python/x"] });
    expect(planStaging(["a.txt"], ["python/x"], new Set())).toEqual({ pathspecs: ["a.txt"], excluded: [] });
  });

  it("escapes a named folder's glob characters in its exclusions", () => {
    expect(planStaging(["we*rd[1]"], [], new Set(["we*rd[1]"])).pathspecs?.[1]).toBe(":(exclude,glob)we\\*rd\\[1\\]/**/.venv/**");
  });
});

describe("commitStep around nested repositories", () => {
  const files = (hash: string): string[] => spawnSync("git", ["ls-tree", "-r", "--name-only", hash], { cwd: kit.run, encoding: "utf8" }).stdout.trim().split("\n");

  it("stages new files deep below a named folder and a named file, the folder's nested repository and re-included node_modules left out", async () => {
    const repo = await RunRepository.open(kit.run);
    await put(join(kit.run, "python/src/pkg/deep/a.py"), "a\n");
    await mkdir(join(kit.run, "python/src/vendored/.git"), { recursive: true });
    await put(join(kit.run, "python/src/vendored/v.py"), "v\n");
    await put(join(kit.run, "python/src/node_modules/n.js"), "n\n");
    await put(join(kit.run, "python/src/.gitignore"), "!node_modules/\n");
    expect(files(await repo.commitStep(step({ paths: ["python/src"] })))).toEqual(["python/src/.gitignore", "python/src/pkg/deep/a.py"]);
    await put(join(kit.run, ".protoforge/rounds/1.json"), "{}\n");
    await put(join(kit.run, "python/src/pkg/deep/b.py"), "b\n");
    expect(files(await repo.commitStep(step({ round: 2, paths: [".protoforge/rounds/1.json", "python/src"] })))).toEqual([
      ".protoforge/rounds/1.json",
      "python/src/.gitignore",
      "python/src/pkg/deep/a.py",
      "python/src/pkg/deep/b.py",
    ]);
  });
});
