// The git trailers every agent-step commit carries, and how their values are
// written and read. A trailer block is the last paragraph of the message,
// one `Key: value` line each (see git-interpret-trailers(1)).
import type { TestTally } from "./agent-step.js";

export const TRAILER = {
  agent: "Agent",
  round: "Round",
  model: "Model",
  promptSet: "Prompt-Set",
  /** Only on steps that asked a model with a temperature the run set (--temperature, or the config file). */
  temperature: "Temperature",
  tests: "Tests",
  tokens: "Tokens",
  /** One per nested git repository the commit left out (nested-repositories.ts); absent when none. */
  excluded: "Excluded",
} as const;

export const TESTS_NOT_RUN = "not run";

export function formatTestsTrailer(tests: TestTally | undefined): string {
  return tests === undefined ? TESTS_NOT_RUN : `${tests.passed} passed, ${tests.failed} failed`;
}

/** `null` for `not run`, `undefined` when the value is not a tests trailer. */
export function parseTestsTrailer(value: string): TestTally | null | undefined {
  if (value.trim() === TESTS_NOT_RUN) return null;
  const m = /^(\d+) passed, (\d+) failed$/.exec(value.trim());
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

/** Keys as written, first occurrence wins; lines that are not trailers are ignored. */
export function parseTrailerBlock(block: string): ReadonlyMap<string, string> {
  const trailers = new Map<string, string>();
  for (const line of block.split("\n")) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && !trailers.has(m[1])) trailers.set(m[1], m[2].trim());
  }
  return trailers;
}
