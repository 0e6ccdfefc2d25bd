// What the nodes reach outside the state: the run folder and its git
// history, the emitters, the sandboxed tester, the model (null offline), the
// prompts, the budgets, a clock, progress and the log. Everything is
// injected, so tests swap any of it for a fake.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { EmitterRegistry } from "../../src/emit/language.js";
import type { PromptSet } from "../../src/llm/prompt-set.js";
import type { Budgets } from "../../src/run/budget.js";
import type { AgentStep } from "../../src/run/history/agent-step.js";
import type { RunRepository } from "../../src/run/history/run-repository.js";
import type { RunLog } from "../../src/run/progress-log.js";
import type { ProgressSink } from "../../src/run/progress.js";
import type { BehaviourProver } from "../tester/behaviour-prover.js";
import type { TestRunner } from "../tester/test-runner.js";
import type { ArchitectResources } from "./architect/architect-resources.js";
import type { StepHeartbeat } from "./run-clock.js";

export interface WorkflowDeps {
  /** The run folder, absolute. */
  readonly dir: string;
  readonly repo: RunRepository;
  /** HEAD when the run started (undefined in a new folder): commits before it belong to earlier runs. */
  readonly baseCommit: string | undefined;
  readonly emitters: EmitterRegistry;
  readonly testRunner: TestRunner;
  /** After a green round: do the coder's behaviour tests test the behaviour? */
  readonly behaviourProver: BehaviourProver;
  /** null: every agent takes its rule-based path. */
  readonly model: BaseChatModel | null;
  /** `offline`, `openai:gpt-4o-mini`, …: the Model: trailer. */
  readonly modelLabel: string;
  /** The sampling temperature the run asked for (undefined: the endpoint's default). */
  readonly temperature?: number | undefined;
  /** Ask the endpoint for JSON mode on structured questions. */
  readonly jsonMode: boolean;
  readonly prompts: PromptSet;
  readonly architectResources: ArchitectResources;
  readonly budgets: Budgets;
  /** Milliseconds; Date.now in production. */
  readonly clock: () => number;
  /** Writes the run's elapsed time while a step works (run-clock.ts); absent in tests that do without. */
  readonly heartbeat?: StepHeartbeat;
  /** The run's elapsed time is at least this (a resumed run: what the clock file said, a killed step included). */
  readonly elapsedFloorMs?: number;
  readonly progress: ProgressSink;
  readonly log: RunLog;
  /** Called after every commit (tests use it to interrupt a run at a chosen step). */
  readonly afterCommit?: (step: AgentStep, hash: string) => void | Promise<void>;
}

/** The Prompt-Set: trailer. */
export function promptSetLabel(deps: WorkflowDeps): string {
  return deps.prompts.hash.slice(0, 12);
}
