// Rule: the coder's behaviour tests test the behaviour (pure), read from the
// tester's behaviour proof (docs/behaviour-proof.md).
//
// - A test that passes with the default handlers does not test what the
//   coder wrote: a warning, and its file is no evidence in the trace (so a
//   requirement it alone covered is unproven).
// - Below MIN_MUTATION_SCORE of the mutants killed, the tests leave most of
//   the behaviour unchecked: an error naming the survivors.
// - A proof that could not run leaves the tests unjudged: an error.
import type { ReportFinding } from "../../../src/run/report/report-types.js";
import type { BehaviourProof } from "../../../src/results/types.js";

/** The fraction of mutants the behaviour tests must kill. */
export const MIN_MUTATION_SCORE = 0.6;
const LISTED = 5;

export function behaviourProofFindings(proofs: readonly BehaviourProof[]): ReportFinding[] {
  return proofs.flatMap((p): ReportFinding[] => {
    if (p.status === "could-not-run") {
      return [{ severity: "error", code: "behaviour-proof-failed", message: `the ${p.language} behaviour tests could not be judged: ${p.reason ?? "no reason given"}` }];
    }
    if (p.status !== "proven") return [];
    const vacuous: ReportFinding[] = p.cases
      .filter((c) => !c.failedWhenReverted)
      .map((c) => ({
        severity: "warning",
        code: "behaviour-test-vacuous",
        message: `${c.name} passes with the default handlers (${p.reverted.join(", ")} put back): it does not test the behaviour written, so it is not counted as evidence. Assert what the new behaviour does that the default does not.`,
        ...(c.file !== undefined ? { location: { file: c.file } } : {}),
      }));
    const { run, killed, survivors } = p.mutation;
    if (run === 0 || killed / run >= MIN_MUTATION_SCORE) return vacuous;
    const listed = survivors.slice(0, LISTED).map((m) => `${m.path}:${m.line} \`${m.before}\` → \`${m.after}\``);
    const more = survivors.length > listed.length ? ` and ${survivors.length - listed.length} more` : "";
    return [
      ...vacuous,
      {
        severity: "error",
        code: "mutation-score-low",
        message: `the ${p.language} behaviour tests killed ${killed} of ${run} mutants of the behaviour code (${Math.round((100 * killed) / run)}%, at least ${Math.round(100 * MIN_MUTATION_SCORE)}% needed); each of these changes left every test passing: ${listed.join("; ")}${more}. Add assertions that these changes would break.`,
        ...(survivors[0] !== undefined ? { location: { file: survivors[0].path, line: survivors[0].line } } : {}),
      },
    ];
  });
}

/** Test files (run-folder paths) with a test that passed with the default handlers: no evidence for the trace. */
export function vacuousTestFiles(proofs: readonly BehaviourProof[]): Set<string> {
  return new Set(proofs.flatMap((p) => p.cases.filter((c) => !c.failedWhenReverted && c.file !== undefined).map((c) => c.file as string)));
}
