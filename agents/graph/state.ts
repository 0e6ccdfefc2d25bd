// The workflow's state: everything the nodes know of the run, and the only
// way they talk to each other. Plain data (it is checkpointed as JSON): the
// model, the repository and the tester live in WorkflowDeps, not here.
import { Annotation } from "@langchain/langgraph";
import type { UsageEntry } from "../../src/llm/usage-ledger.js";
import type { AgentName } from "../../src/run/history/agent-step.js";
import type { BehaviourProofRow, ConformanceTests, InteropTests, LanguageTests, ReportFinding, RequirementTrace, RunStatus } from "../../src/run/report/report-types.js";
import type { BehaviourProof, ConformanceResult, InteropResult, LanguageResult } from "../../src/results/types.js";
import type { TestFileAudit } from "../reviewer/test-audit.js";
import type { RunRequest } from "./run-request.js";

export type WorkflowStatus = "running" | RunStatus;
export type NextStep = "coder" | "tester" | "reviewer" | "end";

/** A finding the coder should act on (the reviewer's) or that records a refusal (the coder's own). */
export interface WorkflowFinding extends ReportFinding {
  readonly agent: AgentName;
  readonly round: number;
}

/** The failure signatures of one round (tests failing, or the reviewer's blocking findings). */
export interface RoundSignatures {
  readonly round: number;
  readonly source: "tester" | "reviewer";
  /** Sorted, each once. */
  readonly signatures: readonly string[];
}

export interface RepairRecord {
  readonly round: number;
  readonly summary: string;
  /** Files the repair wrote or removed, relative to the run folder. */
  readonly changed: readonly string[];
}

const last = <T>(initial: () => T) => Annotation<T>({ reducer: (_old: T, next: T) => next, default: initial });

export const WorkflowStateAnnotation = Annotation.Root({
  request: last<RunRequest | null>(() => null),
  /** The spec as validated (protocol.yaml), "" before the architect ran. */
  specYaml: last<string>(() => ""),
  /** sha256 of specYaml. */
  specHash: last<string>(() => ""),
  /** The current round, from 1. */
  round: last<number>(() => 1),
  /** The tester's structured results of the current round, one per language. */
  results: last<readonly LanguageResult[]>(() => []),
  /** The tester's interop pairs of the current round (two languages or more). */
  interop: last<readonly InteropResult[]>(() => []),
  /** Each language's conformance of the current round (when the tester ran it). */
  conformance: last<readonly ConformanceResult[]>(() => []),
  /** The behaviour proof of the current round (after a green round, per language with behaviour tests). */
  behaviourProof: last<readonly BehaviourProof[]>(() => []),
  /** Every round's behaviour proofs, for the report. */
  behaviourProofRows: last<readonly BehaviourProofRow[]>(() => []),
  /** Every round's conformance, for the report. */
  conformanceRows: last<readonly ConformanceTests[]>(() => []),
  /** Every round's tests, for the report. */
  testRows: last<readonly LanguageTests[]>(() => []),
  /** Every round's interop pairs, for the report. */
  interopRows: last<readonly InteropTests[]>(() => []),
  /** Open findings: what the coder must address next. */
  findings: last<readonly WorkflowFinding[]>(() => []),
  /** Every requirement traced to spec, code and tests (the reviewer's latest trace). */
  trace: last<readonly RequirementTrace[]>(() => []),
  approved: last<boolean>(() => false),
  /** Every model call of the run (the UsageLedger's entries). */
  usage: last<readonly UsageEntry[]>(() => []),
  /** Wall clock spent by the nodes, over every process that worked on the run. */
  elapsedMs: last<number>(() => 0),
  status: last<WorkflowStatus>(() => "running"),
  next: last<NextStep>(() => "coder"),
  /** Why the run stopped (or the last routing decision). */
  reason: last<string>(() => ""),
  failureHistory: last<readonly RoundSignatures[]>(() => []),
  /** The strongest version seen of each of the coder's test files (see agents/reviewer/test-audit.ts). */
  testBaseline: last<Readonly<Record<string, TestFileAudit>>>(() => ({})),
  /** User-owned files of the generated projects (the emitter's `ownership: "user"`). */
  userFiles: last<readonly string[]>(() => []),
  repairs: last<readonly RepairRecord[]>(() => []),
  /** What the architect decided or noticed (assumptions, a fallback to the offline design). */
  notes: last<readonly string[]>(() => []),
  /** Files the last coder step wrote or removed. */
  lastChanged: last<readonly string[]>(() => []),
});

export type WorkflowState = typeof WorkflowStateAnnotation.State;
/** What a node returns: the fields it changed (every channel keeps the last value written). */
export type WorkflowUpdate = Partial<WorkflowState>;
