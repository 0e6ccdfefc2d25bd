// The tester node: build and test every requested language in the sandbox,
// turn the results into the round's record (.protoforge/rounds/N.json, the
// step's commit) and decide: green → reviewer, failures → coder or stop.
import { isAgentName, type AgentName } from "../../../src/run/history/agent-step.js";
import type { BehaviourProof } from "../../../src/results/types.js";
import { conformanceTestsOf, interopTestsOf, languageTestsOf, type TokensByAgent } from "../../../src/run/report/report-types.js";
import { writeRoundResults } from "../../../src/run/report/round-results.js";
import { lockedFileFindings } from "../../reviewer/rule-review.js";
import { describeResults, isGreen, tallyResults, untestableLanguages } from "../../tester/tally.js";
import { completeStep, replayCommittedStep } from "../complete-step.js";
import type { WorkflowDeps } from "../deps.js";
import { findingSignatures, testFailureSignatures } from "../failure-signature.js";
import { openFindings, specOf, startStepClock, tokensOf, withinDeadline } from "../node-support.js";
import { decideNext } from "../routing.js";
import type { WorkflowState as State, WorkflowUpdate } from "../state.js";
import { proveRound } from "./behaviour-proof-step.js";

export function testerNode(deps: WorkflowDeps) {
  return async (state: State): Promise<WorkflowUpdate> => {
    const round = state.round;
    const replayed = await replayCommittedStep(deps, round, "tester");
    if (replayed) return replayed;
    const clock = startStepClock(deps, state);
    const request = state.request;
    if (request === null) throw new Error("the workflow has no request");
    deps.progress.emit({ stage: "tester", round, message: `testing ${request.languages.join(", ")}` });

    const onStep = (language: string, step: string) => deps.progress.emit({ stage: "tester", round, message: `${language}: ${step}` });
    const outcome = await withinDeadline(deps.testRunner({ outDir: deps.dir, languages: request.languages, transport: request.transport, spec: specOf(state), onStep }), clock.remaining());
    if (outcome === undefined) {
      const update: WorkflowUpdate = { elapsedMs: clock.elapsed(), status: "timed-out", next: "end", reason: "the time limit ran out while the tests ran" };
      return completeStep(deps, state, { agent: "tester", round, summary: "timed out while testing", model: "offline", paths: [], update });
    }

    const results = outcome.languages;
    const interop = outcome.interop;
    const conformance = outcome.conformance ?? [];
    // Checked after every test run, green or red: the tests run the project's
    // own code, which may have rewritten a locked file on purpose.
    const locked = await lockedFileFindings(deps.dir);
    const green = isGreen(results, interop, conformance) && locked.length === 0;
    // Only a green round's tests can be judged: the reviewer reads the proof.
    const proofs = green
      ? await withinDeadline(proveRound(deps, { spec: specOf(state), languages: request.languages, transport: request.transport, onStep }), clock.remaining())
      : [];
    if (proofs === undefined) {
      const update: WorkflowUpdate = { elapsedMs: clock.elapsed(), status: "timed-out", next: "end", reason: "the time limit ran out during the behaviour proof" };
      return completeStep(deps, state, { agent: "tester", round, summary: "timed out during the behaviour proof", model: "offline", paths: [], update });
    }
    const roundFile = await writeRoundResults(deps.dir, round, { languages: results, interop, conformance, behaviourProof: proofs, findings: locked, tokens: tokensByAgent(state, round) });
    const signatures = [...testFailureSignatures(results, interop, conformance), ...findingSignatures(locked)];
    const failureHistory = green ? state.failureHistory : [...state.failureHistory, { round, source: "tester" as const, signatures }];
    const decision = decideNext(
      { after: "tester", round, tokensUsed: tokensOf(state.usage), elapsedMs: clock.elapsed(), green, untestable: untestableLanguages(results), failureHistory },
      deps.budgets,
    );
    const update: WorkflowUpdate = {
      results,
      interop,
      conformance,
      behaviourProof: proofs,
      behaviourProofRows: [...state.behaviourProofRows.filter((r) => r.round !== round), ...proofs.map((p) => ({ round, ...p }))],
      conformanceRows: [...state.conformanceRows.filter((r) => r.round !== round), ...conformanceTestsOf(round, conformance)],
      testRows: [...state.testRows.filter((r) => r.round !== round), ...languageTestsOf(round, results)],
      interopRows: [...state.interopRows.filter((r) => r.round !== round), ...interopTestsOf(round, interop)],
      failureHistory,
      findings: openFindings(state, "tester", round, locked),
      approved: false,
      elapsedMs: clock.elapsed(),
      status: decision.status,
      next: decision.next,
      round: decision.round,
      reason: decision.reason,
    };
    return completeStep(deps, state, {
      agent: "tester",
      round,
      summary: `ran ${describeResults(results, interop, conformance)}${describeProofs(proofs)}${locked.length > 0 ? `; ${locked.length} locked file${locked.length === 1 ? "" : "s"} changed by the test run` : ""}`,
      model: "offline",
      tests: tallyResults(results, interop, conformance),
      paths: [roundFile],
      update,
    });
  };
}

/** `; behaviour proof: python 2 tests, 6 of 6 mutants killed` (pure); "" without proofs. */
export function describeProofs(proofs: readonly BehaviourProof[]): string {
  if (proofs.length === 0) return "";
  const one = (p: BehaviourProof) =>
    p.status === "proven"
      ? `${p.language} ${p.cases.filter((c) => c.failedWhenReverted).length} of ${p.cases.length} tests fail with the default handlers, ${p.mutation.killed} of ${p.mutation.run} mutants killed`
      : `${p.language} ${p.status}`;
  return `; behaviour proof: ${proofs.map(one).join("; ")}`;
}

/** Tokens per agent in `round`, for the round's file. */
export function tokensByAgent(state: State, round: number): TokensByAgent {
  const out: Partial<Record<AgentName, number>> = {};
  for (const e of state.usage) {
    if (e.round !== round || !isAgentName(e.agent)) continue;
    out[e.agent] = (out[e.agent] ?? 0) + e.promptTokens + e.completionTokens;
  }
  return out;
}
