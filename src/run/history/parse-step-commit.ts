// Rebuilds a `HistoryEntry` from what `git log` prints of a commit: its hash,
// committer date, subject and trailer block (pure). Commits without a known
// `Agent:` trailer and a positive `Round:` are not agent steps.
import { isAgentName, type HistoryEntry } from "./agent-step.js";
import { parseTestsTrailer, parseTrailerBlock, TRAILER } from "./trailers.js";

export interface LoggedCommit {
  readonly hash: string;
  readonly date: string;
  readonly subject: string;
  readonly trailers: string;
}

const SUBJECT = /^\[round \d+\] [a-z]+: (.*)$/;

export function parseStepCommit(commit: LoggedCommit): HistoryEntry | undefined {
  const trailers = parseTrailerBlock(commit.trailers);
  const agent = trailers.get(TRAILER.agent) ?? "";
  const round = Number(trailers.get(TRAILER.round));
  if (!isAgentName(agent) || !Number.isSafeInteger(round) || round < 1) return undefined;
  const tokens = Number(trailers.get(TRAILER.tokens) ?? "0");
  const temperature = Number(trailers.get(TRAILER.temperature) ?? "NaN");
  return {
    hash: commit.hash,
    round,
    agent,
    summary: SUBJECT.exec(commit.subject)?.[1] ?? commit.subject,
    model: trailers.get(TRAILER.model) ?? "",
    promptSet: trailers.get(TRAILER.promptSet) ?? "",
    ...(Number.isFinite(temperature) ? { temperature } : {}),
    tests: parseTestsTrailer(trailers.get(TRAILER.tests) ?? "") ?? null,
    tokens: Number.isSafeInteger(tokens) && tokens >= 0 ? tokens : 0,
    date: new Date(commit.date).toISOString(),
  };
}
