// Running the workflow in-process with fakes: a temporary folder, the fake
// emitter and tester, a scripted model, the real prompts, no log file.
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { simpleGit } from "simple-git";
import { startRun } from "../../../agents/graph/start-run.js";
import type { RunOverrides } from "../../../agents/graph/run-deps.js";
import type { RunRequest } from "../../../agents/graph/run-request.js";
import type { RunResult } from "../../../agents/graph/run-result.js";
import { DEFAULT_BUDGETS, type Budgets } from "../../../src/run/budget.js";
import { readHistory } from "../../../src/run/history/read-history.js";
import type { HistoryEntry } from "../../../src/run/history/agent-step.js";
import { silentRunLog } from "../../../src/run/progress-log.js";
import type { ProgressEvent } from "../../../src/run/progress.js";
import { SENSOR_DESCRIPTION } from "./answers.js";
import { fakeEmitterRegistry } from "./fake-emitter.js";
import { fakeProver } from "./fake-prover.js";
import { fakeTester, type FakeTester } from "./fake-tester.js";

/** A new folder, searchable by others: the sandbox user must reach the run folder inside it. */
export async function tempDir(prefix = "pf-agents-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

export const SENSOR_REQUEST: RunRequest = { input: { kind: "description", description: SENSOR_DESCRIPTION }, languages: ["python"], transport: "tcp" };

export interface FakeRun {
  readonly result: RunResult;
  readonly dir: string;
  readonly history: HistoryEntry[];
  readonly events: ProgressEvent[];
  readonly tester: FakeTester;
}

export interface FakeRunOptions {
  readonly model?: BaseChatModel | null;
  readonly budgets?: Partial<Budgets>;
  readonly tester?: FakeTester;
  readonly dir?: string;
  readonly overrides?: RunOverrides;
  /** Default: the sensor description, Python over TCP. */
  readonly request?: RunRequest;
}

export async function fakeRun(options: FakeRunOptions = {}): Promise<FakeRun> {
  const dir = options.dir ?? join(await tempDir(), "out");
  const tester = options.tester ?? fakeTester();
  const events: ProgressEvent[] = [];
  const model = options.model ?? null;
  const result = await startRun({
    dir,
    request: options.request ?? SENSOR_REQUEST,
    budgets: { ...DEFAULT_BUDGETS, ...options.budgets },
    model: { spec: model === null ? "offline" : "openai:scripted" },
    overrides: {
      emitters: fakeEmitterRegistry(),
      testRunner: tester.run,
      behaviourProver: fakeProver().prove,
      model: { model, label: model === null ? "offline" : "openai:scripted" },
      log: silentRunLog(),
      progress: { emit: (e) => events.push(e) },
      env: {},
      ...options.overrides,
    },
  });
  return { result, dir, history: await readHistory(dir), events, tester };
}

/** `round agent` of every step commit, oldest first. */
export function steps(history: readonly HistoryEntry[]): string[] {
  return history.map((h) => `${h.round} ${h.agent}`);
}

export async function gitLog(dir: string, ...args: string[]): Promise<string> {
  return simpleGit(dir).raw(["log", ...args]);
}
