// The data of a run's results: what each round produced and the final report.
// Builders (the workflow graph) fill these in; the report layer only
// stores and renders them.
import type { BehaviourProof, ConformanceResult, InteropResult, LanguageResult, SourceLocation, TestSummary } from "../../results/types.js";
import type { AgentName } from "../history/agent-step.js";

export const RUN_STATUSES = ["succeeded", "layer-complete", "failed", "budget-exhausted", "stuck", "timed-out"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A reviewer (or checker) finding. */
export interface ReportFinding {
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly message: string;
  readonly requirementId?: string;
  readonly location?: SourceLocation;
}

export type TokensByAgent = Readonly<Partial<Record<AgentName, number>>>;

/** What one round produced, stored in .protoforge/rounds/N.json. */
export interface RoundResults {
  /** The tester's structured results, one per language. */
  readonly languages: readonly LanguageResult[];
  /** The interop matrix: one per ordered pair of languages (empty with one language). */
  readonly interop: readonly InteropResult[];
  /** Each language's server through the spec's conformance cases (empty when they did not run). */
  readonly conformance: readonly ConformanceResult[];
  /** The behaviour proof of each language with behaviour tests, after a green round (absent or empty: it did not run). */
  readonly behaviourProof?: readonly BehaviourProof[];
  /** The reviewer's findings of this round (empty when it approved or did not run). */
  readonly findings: readonly ReportFinding[];
  readonly tokens: TokensByAgent;
}

/** One language's behaviour proof in one round. */
export interface BehaviourProofRow extends BehaviourProof {
  readonly round: number;
}

export interface RoundRecord extends RoundResults {
  readonly round: number;
}

/** Tests of one language in one round. */
export interface LanguageTests {
  readonly round: number;
  readonly language: string;
  readonly ok: boolean;
  readonly summary: TestSummary;
  /** Why nothing ran, when nothing did. */
  readonly skippedReason?: string;
}

/** One interop pair in one round. */
export interface InteropTests {
  readonly round: number;
  readonly server: string;
  readonly client: string;
  readonly transport: string;
  readonly ok: boolean;
  /** Why it failed, when it did. */
  readonly reason?: string;
}

/** One language's conformance in one round. */
export interface ConformanceTests {
  readonly round: number;
  readonly language: string;
  readonly side: "server" | "client";
  readonly transport: string;
  readonly ok: boolean;
  readonly total: number;
  readonly passed: number;
  /** The failed cases' names and why (the first ones). */
  readonly failures: readonly { readonly name: string; readonly reason: string }[];
  /** Why the suite as a whole did not pass or run, when so. */
  readonly reason?: string;
}

export interface TokenUsage {
  readonly round: number;
  readonly agent: AgentName;
  readonly tokens: number;
}

/** One requirement, traced to the spec elements, code files and tests that cover it. */
export interface RequirementTrace {
  readonly requirementId: string;
  readonly text: string;
  /** Spec paths from the requirement's tracedTo, e.g. `messages.Hello`. */
  readonly specElements: readonly string[];
  readonly files: readonly string[];
  /** Tests that ran and name an element (messages, fields, types: any test; other elements: behaviour tests). */
  readonly tests: readonly string[];
  /** Languages whose conformance proves an element, e.g. `python conformance`. */
  readonly conformance: readonly string[];
  /** Elements nothing shows to hold, with the languages when not all: `error:name_taken (javascript)`. */
  readonly open: readonly string[];
  /** Covered: every element has evidence in every language. */
  readonly status: "covered" | "open";
}

/** One budget: what the run used of what it was given. */
export interface BudgetUsed {
  readonly used: number;
  readonly given: number;
}

export interface FinalReport {
  readonly status: RunStatus;
  /** Why the run stopped, e.g. `tests fail; the repair of round 2 left the same 1 failure as round 1`. */
  readonly reason: string;
  /** The run's model: `offline`, or provider and model name (`openai:gpt-4o-mini`); never an endpoint. */
  readonly model: string;
  /** sha256 of the prompt set the run loaded (see src/llm/prompt-set.ts). */
  readonly promptSet: string;
  /** The temperature the run asked for; null: the endpoint's default. */
  readonly temperature: number | null;
  /** Rounds, tokens and wall clock (ms): used of given. */
  readonly budgets: { readonly rounds: BudgetUsed; readonly tokens: BudgetUsed; readonly timeMs: BudgetUsed };
  /** Rounds the loop ran. */
  readonly rounds: number;
  /** Wall-clock time of the run. */
  readonly durationMs: number;
  readonly tests: readonly LanguageTests[];
  /** Interop pairs per round (empty with one language). */
  readonly interop: readonly InteropTests[];
  /** Conformance per language per round (empty when it did not run). */
  readonly conformance: readonly ConformanceTests[];
  /** The behaviour proofs per language per round (empty when no behaviour test was written). */
  readonly behaviourProof: readonly BehaviourProofRow[];
  readonly tokens: readonly TokenUsage[];
  readonly trace: readonly RequirementTrace[];
  /** Every finding still open when the run ended (each agent's stand until that agent's next step). */
  readonly findings: readonly ReportFinding[];
}

/** A round's tester results as report rows. */
export function languageTestsOf(round: number, languages: readonly LanguageResult[]): LanguageTests[] {
  return languages.map((l) => ({
    round,
    language: l.language,
    ok: l.ok,
    summary: l.summary,
    ...(l.skippedReason !== undefined ? { skippedReason: l.skippedReason } : {}),
  }));
}

/** A round's interop pairs as report rows. */
export function interopTestsOf(round: number, interop: readonly InteropResult[]): InteropTests[] {
  return interop.map((p) => ({
    round,
    server: p.server,
    client: p.client,
    transport: p.transport,
    ok: p.ok,
    ...(p.reason !== undefined ? { reason: p.reason } : {}),
  }));
}

/** Failed cases kept per language and round in the report. */
const FAILURES_KEPT = 20;

/** A round's conformance results as report rows. */
export function conformanceTestsOf(round: number, conformance: readonly ConformanceResult[]): ConformanceTests[] {
  return conformance.map((c) => ({
    round,
    language: c.language,
    side: c.side,
    transport: c.transport,
    ok: c.ok,
    total: c.total,
    passed: c.passed,
    failures: c.failures.slice(0, FAILURES_KEPT).map((f) => ({ name: f.name, reason: f.reason })),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  }));
}

/** A round's token counts as report rows. */
export function tokenUsageOf(round: number, tokens: TokensByAgent): TokenUsage[] {
  return Object.entries(tokens).flatMap(([agent, n]) => (n === undefined ? [] : [{ round, agent: agent as AgentName, tokens: n }]));
}
