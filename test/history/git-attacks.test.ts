// Attacks on protoforge's own git calls (issue 10): generated code and a
// tampered .git try to make protoforge's git run a program. Each test has a
// control: the same fixture makes plain git run the attacker's script, so the
// attack is live and "nothing fired" means protoforge's git refused it.
import { spawnSync } from "node:child_process";
import { appendFile, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { gitAt } from "../../src/run/history/git-folder.js";
import { HistoryError } from "../../src/run/history/history-error.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { attackKit, GIT_HOOKS, HOSTILE_KEYS, put, withEnv, type AttackKit } from "./attack-kit.js";
import { catFile, step } from "./helpers.js";

let kit: AttackKit;
beforeEach(async () => {
  kit = await attackKit();
});
afterEach(async () => {
  await kit.cleanup();
});

async function refusal(promise: Promise<unknown>): Promise<HistoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HistoryError);
  expect((error as HistoryError).code).toBe("unsafe-repository");
  return error as HistoryError;
}

/** The git calls the agents make through `gitAt`, which does not check the repository first. */
async function agentCalls(dir: string): Promise<void> {
  const git = gitAt(dir);
  await git.raw(["status", "--porcelain"]);
  await git.raw(["add", "--all"]);
  await git.raw(["commit", "--allow-empty", "--quiet", "-m", "through gitAt"]);
  await git.raw(["diff", "HEAD~1", "HEAD"]);
  await git.raw(["log", "--format=%H", "HEAD"]);
  await git.raw(["ls-files"]);
  await git.raw(["reset", "--hard", "--quiet", "HEAD"]);
  await git.raw(["clean", "-fd"]);
}

/** Plain git: a change committed, the status, a diff and the log, as a user would. */
function plainWork(env: Record<string, string> = {}): void {
  kit.plainGit(["status"], env);
  kit.plainGit(["add", "--all"], env);
  kit.plainGit(["commit", "--quiet", "-m", "plain"], env);
  kit.plainGit(["diff", "HEAD~1", "HEAD"], env);
}

/** A config that names an attacker's script for every command-bearing setting. */
async function hostileConfig(prefix: string): Promise<string> {
  const hooks = join(kit.base, `${prefix}-hooks`);
  await kit.hooks(hooks);
  const alias = await kit.script(`${prefix}-alias`);
  return [
    "[core]",
    `\tfsmonitor = ${await kit.script(`${prefix}-fsmonitor`)}`,
    `\thooksPath = ${hooks}`,
    `\tpager = ${await kit.script(`${prefix}-pager`)}`,
    `\teditor = ${await kit.script(`${prefix}-editor`)}`,
    `\tsshCommand = ${await kit.script(`${prefix}-ssh`)}`,
    '[filter "evil"]',
    `\tclean = ${await kit.script(`${prefix}-clean`, { filter: true })} %f`,
    `\tsmudge = ${await kit.script(`${prefix}-smudge`, { filter: true })} %f`,
    '[diff "evil"]',
    `\ttextconv = ${await kit.script(`${prefix}-textconv`, { filter: true })}`,
    "[alias]",
    ...["commit", "add", "status", "log", "diff", "reset", "clean", "rev-parse", "config", "ls-files", "ls-tree", "init"].map((a) => `\t${a} = !${alias}`),
    `\tpf-probe = !${alias}`,
    "[init]",
    `\ttemplateDir = ${join(kit.base, `${prefix}-template`)}`,
    "",
  ].join("\n");
}

describe("hooks", () => {
  it("runs none of git 2.39's hooks below the check, and refuses a repository that has any", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step({ summary: "first" }));
    await kit.hooks(join(kit.run, ".git/hooks"));
    await put(join(kit.run, "python/app.py"), "print(1)\n");

    await agentCalls(kit.run);
    expect(await kit.fired()).toBe("");

    const error = await refusal(repo.commitStep(step({ round: 2 })));
    for (const hook of GIT_HOOKS) expect(error.message).toContain(`.git/hooks/${hook} is a hook (protoforge installs none): delete it`);
    expect(error.message).not.toContain(".sample");
    await refusal(RunRepository.open(kit.run));
    await refusal(readHistory(kit.run));
    expect(await kit.fired()).toBe("");

    await put(join(kit.run, "python/app.py"), "print(2)\n");
    plainWork();
    const fired = await kit.fired();
    for (const hook of ["pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "reference-transaction", "post-index-change"]) {
      expect(fired).toContain(`fired hook:${hook}`);
    }
  });
});

describe("config and environment outside the repository", () => {
  it("ignores the global, XDG and system config and every variable of the parent's environment", async () => {
    await put(join(kit.home, ".gitconfig"), await hostileConfig("global"));
    await put(join(kit.home, ".config/git/config"), await hostileConfig("xdg"));
    await put(join(kit.home, ".config/git/attributes"), "* filter=evil diff=evil\n");
    await kit.hooks(join(kit.base, "global-template/hooks"));
    const system = join(kit.base, "system.gitconfig");
    await put(system, `[alias]\n\tpf-system = !${await kit.script("system-alias")}\n`);
    const fromEnv = {
      GIT_CONFIG_SYSTEM: system,
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "alias.pf-env",
      GIT_CONFIG_VALUE_0: `!${await kit.script("env-alias")}`,
    };
    const hostileParent = {
      HOME: kit.home,
      XDG_CONFIG_HOME: undefined,
      ...fromEnv,
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${await kit.script("parameters-fsmonitor")}'`,
      GIT_DIR: join(kit.base, "elsewhere.git"),
      GIT_WORK_TREE: join(kit.base, "elsewhere"),
      GIT_INDEX_FILE: join(kit.base, "elsewhere.index"),
      GIT_PAGER: await kit.script("env-pager"),
      PAGER: await kit.script("env-pager"),
      GIT_EDITOR: await kit.script("env-editor"),
      EDITOR: await kit.script("env-editor"),
      GIT_SSH_COMMAND: await kit.script("env-ssh"),
      GIT_EXTERNAL_DIFF: await kit.script("env-external-diff"),
      GIT_TEMPLATE_DIR: join(kit.base, "global-template"),
      OPENAI_API_KEY: "sk-test-not-a-secret",
    };

    const hashes = await withEnv(hostileParent, async () => {
      const repo = await RunRepository.open(kit.run);
      await put(join(kit.run, "python/.gitattributes"), "* filter=evil diff=evil\n");
      await put(join(kit.run, "python/app.py"), "print(1)\n");
      const first = await repo.commitStep(step({ summary: "first" }));
      await put(join(kit.run, "python/app.py"), "print(2)\n");
      const second = await repo.commitStep(step({ round: 2, summary: "second" }));
      expect((await readHistory(kit.run)).map((e) => e.hash)).toEqual([first, second]);
      await gitAt(kit.run).raw(["diff", first, "HEAD", "--", "python"]);
      await put(join(kit.run, "python/app.py"), "print(3)\n");
      await agentCalls(kit.run);
      return [first, second];
    });
    expect(await kit.fired()).toBe("");
    expect(existsSync(join(kit.base, "elsewhere.git"))).toBe(false);
    expect((await readdir(join(kit.run, ".git/hooks"))).filter((h) => !h.endsWith(".sample"))).toEqual([]);
    expect(hashes).toHaveLength(2);

    await put(join(kit.run, "python/app.py"), "print(4)\n");
    plainWork(fromEnv);
    kit.plainGit(["pf-probe"], fromEnv);
    kit.plainGit(["pf-system"], fromEnv);
    kit.plainGit(["pf-env"], fromEnv);
    kit.plainGit(["init", "--quiet", join(kit.base, "fresh")], fromEnv);
    const fired = await kit.fired();
    for (const role of ["global-fsmonitor", "global-clean", "global-textconv", "hook:pre-commit", "hook:post-commit", "global-alias", "system-alias", "env-alias"]) {
      expect(fired).toContain(`fired ${role}`);
    }
    expect(existsSync(join(kit.base, "fresh/.git/hooks/post-commit"))).toBe(true);
  });

  it("ignores a pager in the global config and the parent's environment (plain git on a terminal runs it)", async () => {
    await put(join(kit.home, ".gitconfig"), `[core]\n\tpager = ${await kit.script("pager")}\n[pager]\n\tlog = ${await kit.script("pager-log")}\n`);
    await withEnv({ HOME: kit.home, GIT_PAGER: await kit.script("env-pager"), PAGER: await kit.script("env-pager") }, async () => {
      const repo = await RunRepository.open(kit.run);
      await repo.commitStep(step());
      await readHistory(kit.run);
      await gitAt(kit.run).raw(["log", "-p"]);
    });
    expect(await kit.fired()).toBe("");

    const terminal = spawnSync("script", ["-qec", "git log -1", "/dev/null"], {
      cwd: kit.run,
      env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: kit.home, TERM: "dumb" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000,
    });
    expect(terminal.error).toBeUndefined();
    expect(await kit.fired()).toContain("fired pager-log");
  });
});

describe("the repository's own config", () => {
  it("refuses a filter that .git/config defines and the work tree's .gitattributes names, before git runs it", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step());
    await appendFile(
      join(kit.run, ".git/config"),
      [
        '[filter "evil"]',
        `\tclean = ${await kit.script("clean", { filter: true })} %f`,
        `\tsmudge = ${await kit.script("smudge", { filter: true })} %f`,
        `\tprocess = ${await kit.script("process")}`,
        "",
      ].join("\n"),
    );
    await put(join(kit.run, "python/.gitattributes"), "* filter=evil\n");
    await put(join(kit.run, "python/app.py"), "print(1)\n");

    const error = await refusal(repo.commitStep(step({ round: 2 })));
    const config = join(kit.run, ".git/config");
    for (const key of ["filter.evil.clean", "filter.evil.smudge", "filter.evil.process"]) {
      expect(error.message).toContain(`.git/config sets ${key}, which names a program git runs: remove it (git config --file ${config} --unset-all ${key})`);
    }
    expect(error.message).toContain(`protoforge will not run git in ${kit.run}`);
    await refusal(RunRepository.open(kit.run));
    await refusal(readHistory(kit.run));
    expect(await kit.fired()).toBe("");

    kit.plainGit(["add", "--all"]);
    expect(await kit.fired()).toMatch(/fired (clean|process)/);
  });

  it("refuses every command-bearing key by name, also from a file the config includes, and a non-empty info/attributes", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step());
    const mark = await kit.script("config");
    for (const key of HOSTILE_KEYS) expect(kit.plainGit(["config", "--file", ".git/config", key, mark]).status).toBe(0);
    await put(join(kit.run, "python/evil.cfg"), `[filter "evil"]\n\tclean = ${await kit.script("included-clean", { filter: true })}\n`);
    kit.plainGit(["config", "--file", ".git/config", "include.path", "../python/evil.cfg"]);
    await put(join(kit.run, ".git/info/attributes"), "# a comment is fine\n* filter=evil\n");

    const error = await refusal(RunRepository.open(kit.run));
    for (const key of [...HOSTILE_KEYS, "include.path"]) expect(error.message).toContain(`.git/config sets ${key.toLowerCase()}, which`);
    expect(error.message).toContain("python/evil.cfg sets filter.evil.clean, which names a program git runs");
    expect(error.message).toContain(".git/info/attributes sets attributes, which can name filter and diff programs: empty it");
    await refusal(readHistory(kit.run));
    expect(await kit.fired()).toBe("");

    kit.plainGit(["config", "--file", ".git/config", "--unset-all", "core.worktree"]);
    await put(join(kit.run, "python/app.py"), "print(1)\n");
    kit.plainGit(["status"]);
    kit.plainGit(["add", "--all"]);
    const fired = await kit.fired();
    expect(fired).toContain("fired config");
    expect(fired).toContain("fired included-clean");
  });

  it("outranks the fsmonitor, hooks path and pager of .git/config by the command line, and reads no global attributes, below the check", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step());
    const hooks = join(kit.base, "repo-hooks");
    await kit.hooks(hooks);
    kit.plainGit(["config", "core.fsmonitor", await kit.script("fsmonitor")]);
    kit.plainGit(["config", "core.hooksPath", hooks]);
    kit.plainGit(["config", "core.pager", await kit.script("pager")]);
    kit.plainGit(["config", "filter.evil.clean", `${await kit.script("clean", { filter: true })} %f`]);
    await put(join(kit.home, ".config/git/attributes"), "* filter=evil\n");
    await put(join(kit.run, "python/app.py"), "print(1)\n");
    await withEnv({ HOME: kit.home, XDG_CONFIG_HOME: undefined }, () => agentCalls(kit.run));
    expect(await kit.fired()).toBe("");
    await refusal(RunRepository.open(kit.run));

    await put(join(kit.run, "python/app.py"), "print(2)\n");
    plainWork();
    const fired = await kit.fired();
    expect(fired).toContain("fired fsmonitor");
    expect(fired).toContain("fired hook:post-commit");
    expect(fired).toContain("fired clean");
  });

  it("refuses aliases named like the commands it calls, which git never lets shadow a built-in", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step());
    const alias = await kit.script("alias");
    for (const name of ["commit", "add", "status", "log", "rev-parse", "config", "ls-files", "ls-tree", "init", "pf-probe"]) {
      kit.plainGit(["config", "--file", ".git/config", `alias.${name}`, `!${alias}`]);
    }
    await agentCalls(kit.run);
    expect(await kit.fired()).toBe("");
    const error = await refusal(repo.commitStep(step({ round: 2 })));
    expect(error.message).toContain(".git/config sets alias.commit, which names a program git runs");
    await refusal(readHistory(kit.run));
    expect(await kit.fired()).toBe("");

    kit.plainGit(["commit", "--allow-empty", "--quiet", "-m", "plain"]);
    expect(await kit.fired()).toBe("");
    kit.plainGit(["pf-probe"]);
    expect(await kit.fired()).toContain("fired alias");
  });

  it("keeps the settings git init writes and those of a user who pushes the run somewhere", async () => {
    const repo = await RunRepository.open(kit.run);
    for (const [key, value] of [
      ["remote.origin.url", "https://example.invalid/run.git"],
      ["remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*"],
      ["branch.main.remote", "origin"],
      ["branch.main.merge", "refs/heads/main"],
      ["user.name", "Ada"],
    ] as const) {
      kit.plainGit(["config", "--file", ".git/config", key, value]);
    }
    await writeFile(join(kit.run, ".git/info/attributes"), "# only comments\n\n");
    await repo.commitStep(step());
    expect((await readHistory(kit.run)).length).toBe(1);
    await RunRepository.open(kit.run);
  });
});

describe("nested repositories", () => {
  /** A repository of its own below the run folder, whose config names the attacker's scripts. */
  async function nestedRepository(folder: string): Promise<void> {
    await put(join(folder, "f.txt"), "one\n");
    await put(join(folder, ".gitattributes"), "* filter=evil\n");
    for (const args of [["init", "--quiet"], ["add", "--all"], ["-c", "user.name=x", "-c", "user.email=x@x", "commit", "--quiet", "-m", "nested"]]) {
      expect(kit.plainGit(args, {}, folder).status).toBe(0);
    }
    kit.plainGit(["config", "core.fsmonitor", await kit.script("nested-fsmonitor")], {}, folder);
    kit.plainGit(["config", "filter.evil.clean", `${await kit.script("nested-clean", { filter: true })} %f`], {}, folder);
    await put(join(folder, "f.txt"), "two\n");
  }

  it("leaves a nested repository out of every commit, names it in the commit, and never runs its config", async () => {
    const repo = await RunRepository.open(kit.run);
    await repo.commitStep(step({ agent: "architect", summary: "first" }));
    await put(join(kit.run, "python/app.py"), "print(1)\n");
    await nestedRepository(join(kit.run, "python/x"));
    await put(join(kit.run, "python/y/.git"), `gitdir: ${join(kit.run, "python/x/.git")}\n`);
    await put(join(kit.run, "python/y/g.txt"), "linked\n");

    const hash = await repo.commitStep(step({ summary: "wrote python" }));
    const message = (await catFile(kit.run, hash)).message;
    expect(message).toContain("Excluded: python/x (nested git repository)\nExcluded: python/y (nested git repository)\n");
    const tree = await gitAt(kit.run).raw(["ls-tree", "-r", "--full-tree", "HEAD"]);
    expect(tree).toContain("\tpython/app.py");
    expect(tree).not.toMatch(/python\/[xy]/);
    expect(tree).not.toContain("160000");

    await put(join(kit.run, "python/x/f.txt"), "three\n");
    const named = await repo.commitStep(step({ round: 2, summary: "named paths", paths: ["python/x/f.txt", "python/app.py"] }));
    expect((await catFile(kit.run, named)).message).toContain("Excluded: python/x (nested git repository)\n");
    await gitAt(kit.run).raw(["status", "--porcelain"]);
    await readHistory(kit.run);
    expect(await kit.fired()).toBe("");

    kit.plainGit(["add", "--all"]);
    kit.plainGit(["commit", "--quiet", "-m", "plain"]);
    // The length of the nested index's "one\n": git cannot tell it changed from the size, so it
    // hashes the file through the filter whether or not that index entry was racily smudged.
    await put(join(kit.run, "python/x/f.txt"), "for\n");
    kit.plainGit(["status"]);
    const fired = await kit.fired();
    expect(fired).toContain("fired nested-fsmonitor");
    expect(fired).toContain("fired nested-clean");

    await kit.reset();
    // As long as "two\n" (a new mtime, the same size), so git must hash it through the filter.
    await put(join(kit.run, "python/x/f.txt"), "six\n");
    await gitAt(kit.run).raw(["status", "--porcelain"]);
    await gitAt(kit.run).raw(["diff", "HEAD"]);
    expect(await kit.fired()).toBe("");
    const error = await refusal(RunRepository.open(kit.run));
    expect(error.message).toContain("holds python/x as a nested repository (a gitlink), which protoforge never commits: git rm --cached python/x, then commit");
    expect(await kit.fired()).toBe("");
  });

  it("never stages a repository inside node_modules, even when the generated code's .gitignore re-includes it", async () => {
    const repo = await RunRepository.open(kit.run);
    await put(join(kit.run, "javascript/.gitignore"), "!node_modules/\n");
    await put(join(kit.run, "javascript/index.js"), "export {};\n");
    await nestedRepository(join(kit.run, "javascript/node_modules/pkg"));
    await put(join(kit.run, "javascript/node_modules/loose.js"), "1;\n");

    await repo.commitStep(step());
    await repo.commitStep(step({ round: 2, paths: ["javascript"] }));
    const tree = await gitAt(kit.run).raw(["ls-tree", "-r", "--full-tree", "HEAD"]);
    expect(tree).toContain("\tjavascript/index.js");
    expect(tree).not.toContain("node_modules");
    expect(await kit.fired()).toBe("");

    kit.plainGit(["add", "--all"]);
    expect(kit.plainGit(["ls-files", "--stage", "javascript/node_modules"]).stdout).toContain("160000");
  });
});
