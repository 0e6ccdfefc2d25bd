// The commit message of one agent step (pure):
//
//   [round 2] coder: repaired the length check of Hello
//
//   Agent: coder
//   Round: 2
//   Model: offline
//   Prompt-Set: 9f86d081884c
//   Temperature: 0.2                                (a model's step of a run that set one)
//   Tests: 11 passed, 1 failed
//   Tokens: 1830
//   Excluded: python/x (nested git repository)     (one per folder left out, if any)
import { isAgentName, type AgentStep } from "./agent-step.js";
import { formatTestsTrailer, TRAILER } from "./trailers.js";

/** Collapses every run of whitespace (newlines included) to one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** What is wrong with a step, if anything; empty when it can be committed. */
export function stepProblems(step: AgentStep): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(step.round) || step.round < 1) problems.push(`round must be a positive integer, got ${step.round}`);
  if (!isAgentName(step.agent)) problems.push(`unknown agent ${JSON.stringify(step.agent)}`);
  for (const key of ["summary", "model", "promptSet"] as const) {
    if (typeof step[key] !== "string" || oneLine(step[key]) === "") problems.push(`${key} must not be empty`);
  }
  if (step.temperature !== undefined && !(Number.isFinite(step.temperature) && step.temperature >= 0)) problems.push(`temperature must be a non-negative number, got ${step.temperature}`);
  if (!isCount(step.tokens)) problems.push(`tokens must be a non-negative integer, got ${step.tokens}`);
  if (step.tests !== undefined && !(isCount(step.tests.passed) && isCount(step.tests.failed))) {
    problems.push(`tests must be non-negative integers, got ${step.tests.passed} passed, ${step.tests.failed} failed`);
  }
  return problems;
}

export function formatSubject(step: AgentStep): string {
  return `[round ${step.round}] ${step.agent}: ${oneLine(step.summary)}`;
}

/** Assumes `stepProblems(step)` is empty. `excluded`: the nested repositories the commit leaves out. */
export function formatCommitMessage(step: AgentStep, excluded: readonly string[] = []): string {
  const trailers: [string, string][] = [
    [TRAILER.agent, step.agent],
    [TRAILER.round, String(step.round)],
    [TRAILER.model, oneLine(step.model)],
    [TRAILER.promptSet, oneLine(step.promptSet)],
    ...(step.temperature === undefined ? [] : [[TRAILER.temperature, String(step.temperature)] as [string, string]]),
    [TRAILER.tests, formatTestsTrailer(step.tests)],
    [TRAILER.tokens, String(step.tokens)],
    ...excluded.map((path): [string, string] => [TRAILER.excluded, `${oneLine(path)} (nested git repository)`]),
  ];
  return `${formatSubject(step)}\n\n${trailers.map(([k, v]) => `${k}: ${v}`).join("\n")}\n`;
}

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
