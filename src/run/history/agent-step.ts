// What one agent step records in the run's git history: the step a node
// hands to `RunRepository.commitStep`, and the entry `readHistory` rebuilds
// from a commit's subject and trailers.

export const AGENTS = ["architect", "coder", "tester", "reviewer"] as const;
export type AgentName = (typeof AGENTS)[number];

export function isAgentName(value: string): value is AgentName {
  return (AGENTS as readonly string[]).includes(value);
}

export interface TestTally {
  readonly passed: number;
  readonly failed: number;
}

export interface AgentStep {
  /** 1-based round of the workflow loop. */
  readonly round: number;
  readonly agent: AgentName;
  /** What the agent did, one line (whitespace is collapsed). */
  readonly summary: string;
  /** The model that did it, e.g. `offline` or `openai:gpt-4o-mini`. */
  readonly model: string;
  /** Hash of the prompt set the run loaded. */
  readonly promptSet: string;
  /** The sampling temperature of the step's model calls (`Temperature:`); omitted for the endpoint's default and for steps without a model. */
  readonly temperature?: number;
  /** Omitted when the step ran no tests (`Tests: not run`). */
  readonly tests?: TestTally;
  readonly tokens: number;
  /** Paths (relative to the run folder) to commit; all changes when omitted. */
  readonly paths?: readonly string[];
}

/** One agent step as read back from git. */
export interface HistoryEntry {
  readonly hash: string;
  readonly round: number;
  readonly agent: AgentName;
  readonly summary: string;
  readonly model: string;
  readonly promptSet: string;
  /** Only when the commit has a `Temperature:` trailer. */
  readonly temperature?: number;
  readonly tests: TestTally | null;
  readonly tokens: number;
  /** Committer date, ISO 8601 in UTC. */
  readonly date: string;
}
