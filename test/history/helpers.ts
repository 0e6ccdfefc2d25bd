// Shared pieces of the history tests: temporary run folders, steps, and the
// raw commit object read back through `git cat-file -p`.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import type { AgentStep } from "../../src/run/history/agent-step.js";
import { RunRepository } from "../../src/run/history/run-repository.js";

export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), "pf-history-"));

export function step(overrides: Partial<AgentStep> = {}): AgentStep {
  return { round: 1, agent: "coder", summary: "wrote the handlers", model: "offline", promptSet: "9f86d081884c", tokens: 0, ...overrides };
}

/** A clock that starts at `start` (Unix seconds) and ticks one minute per call. */
export function minuteClock(start = 1_700_000_000): () => Date {
  let next = start;
  return () => {
    const date = new Date(next * 1000);
    next += 60;
    return date;
  };
}

export interface RawCommit {
  readonly headers: ReadonlyMap<string, string[]>;
  readonly message: string;
}

/** Parses `git cat-file -p REV`: header lines, a blank line, the message. */
export async function catFile(dir: string, rev = "HEAD"): Promise<RawCommit> {
  const text = await simpleGit(dir).raw(["cat-file", "-p", rev]);
  const split = text.indexOf("\n\n");
  const headers = new Map<string, string[]>();
  for (const line of text.slice(0, split).split("\n")) {
    const space = line.indexOf(" ");
    const key = line.slice(0, space);
    headers.set(key, [...(headers.get(key) ?? []), line.slice(space + 1)]);
  }
  return { headers, message: text.slice(split + 2) };
}

export async function commitCount(dir: string): Promise<number> {
  return Number((await simpleGit(dir).raw(["rev-list", "--count", "HEAD"])).trim());
}

/** A two-round run: round 1 fails two tests, round 2 repairs them and is approved. */
export const SAMPLE_STEPS: readonly AgentStep[] = [
  step({ round: 1, agent: "architect", summary: "designed the spec from the description", tokens: 2100 }),
  step({ round: 1, agent: "coder", summary: "generated the protocol layer and wrote the handlers", tokens: 5400 }),
  step({ round: 1, agent: "tester", summary: "ran python: 2 failing", tests: { passed: 10, failed: 2 }, tokens: 0 }),
  step({ round: 2, agent: "coder", summary: "repaired the length check", tokens: 1830, model: "openai:gpt-4o-mini" }),
  step({ round: 2, agent: "tester", summary: "ran python: all passing", tests: { passed: 12, failed: 0 }, tokens: 0 }),
  step({ round: 2, agent: "reviewer", summary: "approved", tokens: 900 }),
];

export async function sampleRun(): Promise<{ dir: string; hashes: string[] }> {
  const dir = await tempDir();
  const repo = await RunRepository.open(dir, { clock: minuteClock(1_700_000_000) });
  const hashes: string[] = [];
  for (const [i, s] of SAMPLE_STEPS.entries()) {
    await writeFile(join(dir, `step-${i}.txt`), String(i));
    hashes.push(await repo.commitStep(s));
  }
  return { dir, hashes };
}
