import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { gitignoreContent, IGNORED_PATTERNS } from "../../src/run/history/gitignore.js";
import { HistoryError } from "../../src/run/history/history-error.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { catFile, commitCount, minuteClock, step, tempDir } from "./helpers.js";

describe("RunRepository.open", () => {
  it("creates the folder, a git repository on main with protoforge's identity, and the .gitignore", async () => {
    const dir = join(await tempDir(), "out");
    await RunRepository.open(dir);
    expect(existsSync(join(dir, ".git"))).toBe(true);
    const git = simpleGit(dir);
    expect((await git.raw(["config", "--local", "--get", "user.name"])).trim()).toBe("protoforge");
    expect((await git.raw(["config", "--local", "--get", "user.email"])).trim()).toBe("protoforge@localhost");
    expect((await git.raw(["symbolic-ref", "--short", "HEAD"])).trim()).toBe("main");
    const ignore = await readFile(join(dir, ".gitignore"), "utf8");
    expect(ignore).toBe(gitignoreContent());
    expect(ignore.split("\n").slice(1, -1)).toEqual([
      ".venv/",
      "node_modules/",
      "build/",
      "target/",
      "__pycache__/",
      ".mypy_cache/",
      "*.egg-info/",
      ".pytest_cache/",
      ".protoforge-results/",
      ".protoforge/checkpoints*",
      ".protoforge/run.log",
    ]);
  });

  it("opens an existing run again without touching its history or duplicating .gitignore lines", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    const hash = await repo.commitStep(step());
    const again = await RunRepository.open(dir);
    expect(await again.head()).toBe(hash);
    expect(await readFile(join(dir, ".gitignore"), "utf8")).toBe(gitignoreContent());
  });

  it("keeps the lines of an existing .gitignore and adds only the missing patterns", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, ".gitignore"), "*.swp\nbuild/");
    await RunRepository.open(dir);
    const lines = (await readFile(join(dir, ".gitignore"), "utf8")).split("\n");
    expect(lines.slice(0, 2)).toEqual(["*.swp", "build/"]);
    for (const pattern of IGNORED_PATTERNS) expect(lines.filter((l) => l === pattern)).toHaveLength(1);
  });

  it("keeps an identity the repository already has", async () => {
    const dir = await tempDir();
    const git = simpleGit(dir);
    await git.init();
    await git.addConfig("user.name", "Ada", false, "local");
    await RunRepository.open(dir);
    expect((await git.raw(["config", "--local", "--get", "user.name"])).trim()).toBe("Ada");
    expect((await git.raw(["config", "--local", "--get", "user.email"])).trim()).toBe("protoforge@localhost");
  });

  it("refuses a path that is a file", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "f"), "x");
    const error = await RunRepository.open(join(dir, "f")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).code).toBe("not-a-directory");
  });
});

describe("RunRepository.commitStep", () => {
  it("makes one commit with the exact subject and trailers (simple-git log and git cat-file agree)", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await writeFile(join(dir, "server.py"), "print('hi')\n");
    const hash = await repo.commitStep(
      step({ round: 2, agent: "tester", summary: "ran the tests of python", model: "openai:gpt-4o-mini", promptSet: "ab12cd34", tests: { passed: 11, failed: 1 }, tokens: 1830 }),
    );
    expect(hash).toMatch(/^[0-9a-f]{40}$/);
    expect(await commitCount(dir)).toBe(1);

    const git = simpleGit(dir);
    const log = await git.log();
    expect(log.total).toBe(1);
    expect(log.latest?.hash).toBe(hash);
    expect(log.latest?.message).toBe("[round 2] tester: ran the tests of python");
    const trailers = await git.raw(["log", "-1", "--format=%(trailers:only,unfold)", hash]);
    expect(trailers.trim().split("\n")).toEqual([
      "Agent: tester",
      "Round: 2",
      "Model: openai:gpt-4o-mini",
      "Prompt-Set: ab12cd34",
      "Tests: 11 passed, 1 failed",
      "Tokens: 1830",
    ]);
    const agent = await git.raw(["log", "-1", "--format=%(trailers:key=Agent,valueonly)", hash]);
    expect(agent.trim()).toBe("tester");

    const raw = await catFile(dir, hash);
    expect(raw.message).toBe(
      [
        "[round 2] tester: ran the tests of python",
        "",
        "Agent: tester",
        "Round: 2",
        "Model: openai:gpt-4o-mini",
        "Prompt-Set: ab12cd34",
        "Tests: 11 passed, 1 failed",
        "Tokens: 1830",
        "",
      ].join("\n"),
    );
    expect(raw.headers.get("author")?.[0]).toMatch(/^protoforge <protoforge@localhost> \d+ [+-]\d{4}$/);
    expect(raw.headers.get("committer")?.[0]).toMatch(/^protoforge <protoforge@localhost> /);
    expect(raw.headers.has("parent")).toBe(false);
  });

  it("writes `Tests: not run` when the step ran no tests", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await repo.commitStep(step({ agent: "architect", summary: "designed the spec" }));
    expect((await catFile(dir)).message).toContain("\nTests: not run\n");
  });

  it("commits a step that changed nothing, as an empty commit on top of the last", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    const first = await repo.commitStep(step({ summary: "wrote the handlers" }));
    const second = await repo.commitStep(step({ agent: "reviewer", summary: "approved" }));
    const third = await repo.commitStep(step({ agent: "reviewer", summary: "approved again" }));
    expect(await commitCount(dir)).toBe(3);
    const [a, b, c] = await Promise.all([catFile(dir, first), catFile(dir, second), catFile(dir, third)]);
    expect(b.headers.get("parent")).toEqual([first]);
    expect(c.headers.get("parent")).toEqual([second]);
    expect(b.headers.get("tree")).toEqual(a.headers.get("tree"));
    expect(c.headers.get("tree")).toEqual(a.headers.get("tree"));
  });

  it("commits all changes by default, additions and deletions, but nothing ignored", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await mkdir(join(dir, "python/.venv/bin"), { recursive: true });
    await mkdir(join(dir, "python/__pycache__"), { recursive: true });
    await mkdir(join(dir, ".protoforge/rounds"), { recursive: true });
    await mkdir(join(dir, ".protoforge-results"), { recursive: true });
    await writeFile(join(dir, "python/server.py"), "x = 1\n");
    await writeFile(join(dir, "python/old.py"), "y = 1\n");
    await writeFile(join(dir, "python/.venv/bin/python"), "");
    await writeFile(join(dir, "python/__pycache__/server.pyc"), "");
    await writeFile(join(dir, ".protoforge/run.log"), "log");
    await writeFile(join(dir, ".protoforge/checkpoints.sqlite"), "db");
    await writeFile(join(dir, ".protoforge/rounds/1.json"), "{}\n");
    await writeFile(join(dir, ".protoforge-results/junit.xml"), "<x/>");
    await repo.commitStep(step());
    const files = async () => (await simpleGit(dir).raw(["ls-tree", "-r", "--name-only", "HEAD"])).trim().split("\n");
    expect(await files()).toEqual([".gitignore", ".protoforge/rounds/1.json", "python/old.py", "python/server.py"]);
    await rm(join(dir, "python/old.py"));
    await repo.commitStep(step({ round: 2, summary: "removed old.py" }));
    expect(await files()).toEqual([".gitignore", ".protoforge/rounds/1.json", "python/server.py"]);
  });

  it("commits only the given paths when the step names them", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await mkdir(join(dir, ".protoforge/rounds"), { recursive: true });
    await writeFile(join(dir, ".protoforge/rounds/1.json"), "{}\n");
    await writeFile(join(dir, "notes.txt"), "not yet");
    const hash = await repo.commitStep(step({ agent: "tester", summary: "ran the tests", paths: [join(dir, ".protoforge/rounds/1.json")] }));
    const changed = await simpleGit(dir).raw(["show", "--name-only", "--format=", hash]);
    expect(changed.trim().split("\n")).toEqual([".protoforge/rounds/1.json"]);
    const status = await simpleGit(dir).status();
    expect(status.not_added).toContain("notes.txt");
    expect(status.not_added).toContain(".gitignore");
  });

  it("uses the injected clock for the author and committer dates", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir, { clock: minuteClock(1_700_000_000) });
    await repo.commitStep(step());
    const second = await repo.commitStep(step({ agent: "tester" }));
    const raw = await catFile(dir, second);
    expect(raw.headers.get("author")).toEqual(["protoforge <protoforge@localhost> 1700000060 +0000"]);
    expect(raw.headers.get("committer")).toEqual(["protoforge <protoforge@localhost> 1700000060 +0000"]);
  });

  it("collapses a multi-line summary into the one-line subject", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await repo.commitStep(step({ summary: "  fixed the decoder\n\nand its test  " }));
    expect((await catFile(dir)).message.split("\n")[0]).toBe("[round 1] coder: fixed the decoder and its test");
  });

  it("commits concurrent steps one after another, in call order", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    const hashes = await Promise.all([1, 2, 3].map((round) => repo.commitStep(step({ round }))));
    expect(new Set(hashes).size).toBe(3);
    expect((await catFile(dir, hashes[2])).headers.get("parent")).toEqual([hashes[1]]);
    expect((await catFile(dir, hashes[1])).headers.get("parent")).toEqual([hashes[0]]);
  });

  it("refuses an invalid step or a path outside the folder, and commits nothing", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    for (const bad of [step({ round: 0 }), step({ summary: " \n " }), step({ tokens: -1 }), step({ tests: { passed: 1.5, failed: 0 } }), step({ paths: ["../elsewhere.txt"] })]) {
      const error = await repo.commitStep(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HistoryError);
      expect((error as HistoryError).code).toBe("invalid-step");
    }
    expect(await repo.head()).toBeUndefined();
    expect(await repo.commitStep(step())).toMatch(/^[0-9a-f]{40}$/);
  });

  it("reports a git failure (a path that matches nothing) as git-failed and keeps working", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    const error = await repo.commitStep(step({ paths: ["no-such-file.txt"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryError);
    expect((error as HistoryError).code).toBe("git-failed");
    expect((error as HistoryError).message).toContain("no-such-file.txt");
    expect(await repo.commitStep(step())).toMatch(/^[0-9a-f]{40}$/);
  });
});
