import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { HistoryError } from "../../src/run/history/history-error.js";
import { parseStepCommit } from "../../src/run/history/parse-step-commit.js";
import { readHistory } from "../../src/run/history/read-history.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { parseTestsTrailer, parseTrailerBlock } from "../../src/run/history/trailers.js";
import { sampleRun, SAMPLE_STEPS, step, tempDir } from "./helpers.js";

async function expectError(dir: string, code: HistoryError["code"], text: string): Promise<void> {
  const error = await readHistory(dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HistoryError);
  expect((error as HistoryError).code).toBe(code);
  expect((error as HistoryError).message).toContain(text);
}

describe("readHistory", () => {
  it("rebuilds every step from git alone, oldest first", async () => {
    const { dir, hashes } = await sampleRun();
    const history = await readHistory(dir);
    expect(history).toEqual(
      SAMPLE_STEPS.map((s, i) => ({
        hash: hashes[i],
        round: s.round,
        agent: s.agent,
        summary: s.summary,
        model: s.model,
        promptSet: s.promptSet,
        tests: s.tests ?? null,
        tokens: s.tokens,
        date: new Date((1_700_000_000 + 60 * i) * 1000).toISOString(),
      })),
    );
  });

  it("leaves out commits that are not agent steps", async () => {
    const dir = await tempDir();
    const repo = await RunRepository.open(dir);
    await repo.commitStep(step({ summary: "first" }));
    await writeFile(join(dir, "mine.txt"), "the user's own change");
    const git = simpleGit(dir);
    await git.add("mine.txt");
    await git.commit("my own commit\n\nReviewed-by: someone");
    await repo.commitStep(step({ round: 2, summary: "second" }));
    expect((await readHistory(dir)).map((e) => e.summary)).toEqual(["first", "second"]);
  });

  it("refuses a folder that does not exist", async () => {
    await expectError(join(await tempDir(), "missing"), "not-a-directory", "does not exist");
  });

  it("refuses a folder that is not a git repository", async () => {
    await expectError(await tempDir(), "not-a-repository", "is not a protoforge run: it is not a git repository");
  });

  it("refuses a folder inside a run that is not its root", async () => {
    const { dir } = await sampleRun();
    await mkdir(join(dir, "python"));
    await expectError(join(dir, "python"), "not-a-repository", "not a git repository");
  });

  it("refuses a repository without commits", async () => {
    const dir = await tempDir();
    await simpleGit(dir).init();
    await expectError(dir, "not-a-run", "has no commits");
  });

  it("refuses a repository whose commits carry no Agent: trailer", async () => {
    const dir = await tempDir();
    const git = simpleGit(dir);
    await git.init();
    await git.addConfig("user.name", "someone", false, "local");
    await git.addConfig("user.email", "someone@localhost", false, "local");
    await writeFile(join(dir, "a.txt"), "a");
    await git.add("a.txt");
    await git.commit("[round 1] coder: looks like a step\n\nRound: 1");
    await expectError(dir, "not-a-run", "none of its commits has an Agent: trailer");
  });
});

describe("trailer parsing", () => {
  it("reads the tests trailer", () => {
    expect(parseTestsTrailer("3 passed, 1 failed")).toEqual({ passed: 3, failed: 1 });
    expect(parseTestsTrailer("not run")).toBeNull();
    expect(parseTestsTrailer("many")).toBeUndefined();
  });

  it("reads a trailer block, first occurrence winning", () => {
    const trailers = parseTrailerBlock("Agent: coder\nRound: 3\nAgent: tester\nnot a trailer\n");
    expect([...trailers]).toEqual([
      ["Agent", "coder"],
      ["Round", "3"],
    ]);
  });

  it("skips commits without a known agent or a positive round, and tolerates odd values", () => {
    const commit = { hash: "a".repeat(40), date: "2023-11-14T22:13:20+00:00", subject: "[round 1] coder: x", trailers: "" };
    expect(parseStepCommit({ ...commit, trailers: "Agent: janitor\nRound: 1" })).toBeUndefined();
    expect(parseStepCommit({ ...commit, trailers: "Agent: coder\nRound: 0" })).toBeUndefined();
    expect(parseStepCommit({ ...commit, subject: "hand-written", trailers: "Agent: coder\nRound: 4\nTests: lots\nTokens: -3" })).toEqual({
      hash: commit.hash,
      round: 4,
      agent: "coder",
      summary: "hand-written",
      model: "",
      promptSet: "",
      tests: null,
      tokens: 0,
      date: "2023-11-14T22:13:20.000Z",
    });
  });
});
