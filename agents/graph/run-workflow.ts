// Runs the compiled graph on a thread of the SQLite checkpointer, with a
// checkpoint saved after every step before the next one starts, so a run
// killed at any point continues from its last completed step.
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { buildWorkflowGraph, recursionLimitFor } from "./build-graph.js";
import type { WorkflowDeps } from "./deps.js";
import type { RunRequest } from "./run-request.js";
import type { WorkflowState } from "./state.js";

export interface WorkflowRunOptions {
  readonly deps: WorkflowDeps;
  readonly checkpointer: BaseCheckpointSaver;
  readonly threadId: string;
}

/** Where a thread stands: never started, paused (next steps to run), or finished. */
export type ThreadPosition = { readonly kind: "new" } | { readonly kind: "paused"; readonly next: readonly string[]; readonly state: WorkflowState } | { readonly kind: "finished"; readonly state: WorkflowState };

function compile(options: WorkflowRunOptions) {
  return buildWorkflowGraph(options.deps).compile({ checkpointer: options.checkpointer });
}

function configOf(options: WorkflowRunOptions) {
  return {
    configurable: { thread_id: options.threadId },
    recursionLimit: recursionLimitFor(options.deps.budgets.maxRounds),
    durability: "sync" as const,
  };
}

export async function threadPosition(options: WorkflowRunOptions): Promise<ThreadPosition> {
  const snapshot = await compile(options).getState(configOf(options));
  if (snapshot.createdAt === undefined && Object.keys(snapshot.values as object).length === 0) return { kind: "new" };
  const state = snapshot.values as WorkflowState;
  if (snapshot.next.length > 0) return { kind: "paused", next: snapshot.next, state };
  if (state.request === null || state.request === undefined) return { kind: "new" };
  return state.status === "running" ? { kind: "paused", next: [], state } : { kind: "finished", state };
}

/** Starts the thread with the request. */
export async function startWorkflow(options: WorkflowRunOptions, request: RunRequest): Promise<WorkflowState> {
  return (await compile(options).invoke({ request, round: 1, status: "running" }, configOf(options))) as WorkflowState;
}

/** Continues the thread from its last checkpoint. */
export async function continueWorkflow(options: WorkflowRunOptions): Promise<WorkflowState> {
  return (await compile(options).invoke(null, configOf(options))) as WorkflowState;
}
