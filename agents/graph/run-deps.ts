// Assembling a run's dependencies: the model from its config (or a model
// injected by a test), the prompts, the emitters, the sandboxed tester, the
// git repository, progress and the log.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { EmitterRegistry } from "../../src/emit/language.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { CassetteRecordingModel, openWriter } from "../../src/llm/cassette-record.js";
import { CassetteReplayModel } from "../../src/llm/cassette-replay.js";
import { createChatModel } from "../../src/llm/chat-model.js";
import { loadModelConfig } from "../../src/llm/load-model-config.js";
import type { ModelEnv } from "../../src/llm/model-config.js";
import { modelLabel } from "../../src/llm/model-config.js";
import { loadPromptSet, type PromptSet } from "../../src/llm/prompt-set.js";
import type { Budgets } from "../../src/run/budget.js";
import type { AgentStep } from "../../src/run/history/agent-step.js";
import { RunRepository } from "../../src/run/history/run-repository.js";
import { loggedProgress, openRunLog, type ConsoleLog, type RunLog } from "../../src/run/progress-log.js";
import { silentProgress, type ProgressSink } from "../../src/run/progress.js";
import { type BehaviourProver, sandboxBehaviourProver } from "../tester/behaviour-prover.js";
import { sandboxTestRunner, type TestRunner } from "../tester/test-runner.js";
import { loadArchitectResources } from "./architect/architect-resources.js";
import type { WorkflowDeps } from "./deps.js";
import { fileHeartbeat } from "./run-clock.js";

/** What callers (the CLI, tests) may put in place of the real thing. */
export interface RunOverrides {
  readonly emitters?: EmitterRegistry;
  readonly testRunner?: TestRunner;
  readonly behaviourProver?: BehaviourProver;
  /** A chat model instead of the configured one (tests: fake models); `null` forces offline. */
  readonly model?: { readonly model: BaseChatModel | null; readonly label: string; readonly jsonMode?: boolean };
  readonly prompts?: PromptSet;
  readonly clock?: () => number;
  readonly progress?: ProgressSink;
  /** Default: winston to DIR/.protoforge/run.log (and to `console`, when given). */
  readonly log?: RunLog;
  /** The log's console transport (the CLI: stderr at --log-level); none by default. */
  readonly console?: ConsoleLog;
  readonly afterCommit?: (step: AgentStep, hash: string) => void | Promise<void>;
  readonly newId?: () => string;
  /** The environment the model config is read from (default process.env). */
  readonly env?: ModelEnv;
  /** Where the project config file is looked for (default the process's cwd). */
  readonly cwd?: string;
}

/** The model a run asks for, as flags: `offline` or `openai:MODEL`, and an endpoint. */
export interface ModelChoice {
  readonly spec?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly temperature?: number | undefined;
  /** --record DIR or --replay DIR (docs/models.md, "Record and replay"). */
  readonly cassette?: CassetteChoice | undefined;
}

export interface CassetteChoice {
  /** record: every exchange is written to DIR; replay: answered from DIR, no endpoint and no config read. */
  readonly mode: "record" | "replay";
  /** Absolute. */
  readonly dir: string;
  /** A resumed run: keep recording into what the cassette holds (default: start it anew). */
  readonly continue?: boolean | undefined;
}

export interface ResolvedModel {
  readonly model: BaseChatModel | null;
  readonly label: string;
  readonly jsonMode: boolean;
  readonly temperature: number | undefined;
  /** What run.json records, so that resume asks for the same model. */
  readonly recorded: {
    readonly spec: string;
    readonly baseUrl?: string;
    readonly label: string;
    readonly temperature?: number;
    readonly cassette?: { readonly mode: "record" | "replay"; readonly dir: string };
  };
}

/**
 * Throws ModelConfigError for a model that cannot be used (bad spec, missing
 * key, …), CassetteFileError for a cassette that cannot be read or written.
 * A replay takes its model from the cassette (nothing else is read, no
 * endpoint is asked); a recording wraps the model it resolves.
 */
export async function resolveRunModel(choice: ModelChoice, overrides: RunOverrides): Promise<ResolvedModel> {
  const cassette = choice.cassette;
  if (cassette?.mode === "replay") {
    const replay = await CassetteReplayModel.load(cassette.dir);
    const { label, spec, jsonMode, temperature } = replay.header;
    return {
      model: label === "offline" ? null : replay,
      label,
      jsonMode,
      temperature,
      recorded: { spec, label, ...(temperature === undefined ? {} : { temperature }), cassette: { mode: "replay", dir: cassette.dir } },
    };
  }
  const resolved = await resolveConfiguredModel(choice, overrides);
  if (cassette === undefined) return resolved;
  const recording = {
    dir: cassette.dir,
    header: { label: resolved.label, spec: resolved.recorded.spec, jsonMode: resolved.jsonMode, ...(resolved.temperature === undefined ? {} : { temperature: resolved.temperature }) },
    continue: cassette.continue ?? false,
  };
  const recorded = { ...resolved.recorded, cassette: { mode: "record" as const, dir: cassette.dir } };
  if (resolved.model === null) {
    // Offline: no model calls; the cassette holds the header, and replays offline.
    await openWriter(recording);
    return { ...resolved, recorded };
  }
  return { ...resolved, model: await CassetteRecordingModel.open(resolved.model, recording), recorded };
}

async function resolveConfiguredModel(choice: ModelChoice, overrides: RunOverrides): Promise<ResolvedModel> {
  if (overrides.model !== undefined) {
    const spec = overrides.model.model === null ? "offline" : choice.spec ?? "openai:injected";
    const temperature = overrides.model.model === null ? undefined : choice.temperature;
    return {
      model: overrides.model.model,
      label: overrides.model.label,
      jsonMode: overrides.model.jsonMode ?? false,
      temperature,
      recorded: { spec, ...(choice.baseUrl ? { baseUrl: choice.baseUrl } : {}), label: overrides.model.label, ...(temperature === undefined ? {} : { temperature }) },
    };
  }
  const config = await loadModelConfig({
    flags: { model: choice.spec, baseUrl: choice.baseUrl, temperature: choice.temperature },
    ...(overrides.env ? { env: overrides.env } : {}),
    ...(overrides.cwd ? { cwd: overrides.cwd } : {}),
  });
  const label = modelLabel(config);
  if (config.kind === "offline") return { model: null, label, jsonMode: false, temperature: undefined, recorded: { spec: "offline", label } };
  return {
    model: createChatModel(config),
    label,
    jsonMode: config.jsonMode,
    temperature: config.temperature,
    recorded: {
      spec: `openai:${config.model}`,
      ...(config.kind === "openai-compatible" ? { baseUrl: config.baseUrl } : {}),
      label,
      ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
    },
  };
}

export interface DepsInput {
  readonly dir: string;
  readonly repo: RunRepository;
  readonly baseCommit: string | undefined;
  readonly budgets: Budgets;
  readonly model: ResolvedModel;
  readonly prompts: PromptSet;
  readonly overrides: RunOverrides;
  /** A resumed run: its elapsed time is at least this (run-clock.ts). */
  readonly elapsedFloorMs?: number;
}

export async function assembleDeps(input: DepsInput): Promise<WorkflowDeps> {
  const log = input.overrides.log ?? (await openRunLog(input.dir, input.overrides.console));
  return {
    dir: input.dir,
    repo: input.repo,
    baseCommit: input.baseCommit,
    emitters: input.overrides.emitters ?? createEmitterRegistry(),
    testRunner: input.overrides.testRunner ?? sandboxTestRunner,
    behaviourProver: input.overrides.behaviourProver ?? sandboxBehaviourProver,
    model: input.model.model,
    modelLabel: input.model.label,
    jsonMode: input.model.jsonMode,
    temperature: input.model.temperature,
    prompts: input.prompts,
    architectResources: await loadArchitectResources(),
    budgets: input.budgets,
    clock: input.overrides.clock ?? Date.now,
    heartbeat: fileHeartbeat(input.dir),
    ...(input.elapsedFloorMs === undefined ? {} : { elapsedFloorMs: input.elapsedFloorMs }),
    progress: loggedProgress(log, input.overrides.progress ?? silentProgress),
    log,
    ...(input.overrides.afterCommit ? { afterCommit: input.overrides.afterCommit } : {}),
  };
}

/** The run's prompts: a test's, the folder given (--prompts, absolute), or the package's prompts/. */
export async function loadRunPrompts(overrides: RunOverrides, dir?: string): Promise<PromptSet> {
  return overrides.prompts ?? (await loadPromptSet(dir));
}

export async function openRepository(dir: string): Promise<{ repo: RunRepository; head: string | undefined }> {
  const repo = await RunRepository.open(dir);
  return { repo, head: await repo.head() };
}
