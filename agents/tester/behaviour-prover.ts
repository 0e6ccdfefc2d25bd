// The tester's port to the behaviour proof (docs/behaviour-proof.md): after a
// green round, do the coder's behaviour tests fail with the default handlers,
// and do they catch mutants of what the coder wrote? The real one runs in the
// sandbox (sandboxes/behaviour-proof/); tests inject a scripted one.
import { type BehaviourFile, proveBehaviour } from "../../sandboxes/behaviour-proof/prove-behaviour.js";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { PROFILES } from "../../sandboxes/profiles/index.js";
import type { BehaviourProof } from "../../src/results/types.js";
import type { TargetLanguage } from "../../src/emit/target.js";

export interface BehaviourProofRequest {
  readonly outDir: string;
  readonly language: TargetLanguage;
  /** Run-folder paths of the coder's behaviour tests. */
  readonly tests: readonly string[];
  /** The user-owned files that differ from the emitter's default, and the behaviour modules the coder added. */
  readonly behaviour: readonly BehaviourFile[];
  readonly onStep?: (step: string) => void;
}

export type BehaviourProver = (request: BehaviourProofRequest) => Promise<BehaviourProof>;

export const sandboxBehaviourProver: BehaviourProver = async (request) => {
  const profile = PROFILES[request.language];
  if (profile === undefined) {
    return {
      language: request.language,
      status: "could-not-run",
      reason: `no behaviour proof for ${request.language} yet`,
      testFiles: [...request.tests],
      reverted: [],
      cases: [],
      mutation: { candidates: 0, run: 0, killed: 0, survivors: [] },
      durationMs: 0,
    };
  }
  return proveBehaviour({ ...request, profile, runner: createSandboxRunner() });
};
