// The tester's last step after a green round: the behaviour proof of each
// language whose coder wrote behaviour tests (docs/behaviour-proof.md). The
// defaults are the emitter's user-owned files, generated again from the spec
// (the emitters are deterministic, so this is what round 1 wrote). Only the
// files the coder may have written are read: generated files are locked.
import type { TargetLanguage, Transport } from "../../../src/emit/language.js";
import type { Spec } from "../../../src/spec/model.js";
import type { BehaviourProof } from "../../../src/results/types.js";
import { behaviourTargets } from "../../tester/behaviour-targets.js";
import type { WorkflowDeps } from "../deps.js";
import { listProjectFiles, readGeneratedRecord, readTextFiles } from "../../shared/workspace.js";

export interface ProofRound {
  readonly spec: Spec;
  readonly languages: readonly TargetLanguage[];
  readonly transport: Transport;
  readonly onStep: (language: string, step: string) => void;
}

/** One proof per language with behaviour tests, in request order; none when the coder wrote no test. */
export async function proveRound(deps: WorkflowDeps, round: ProofRound): Promise<BehaviourProof[]> {
  const generated = new Set(Object.keys(await readGeneratedRecord(deps.dir)));
  const proofs: BehaviourProof[] = [];
  for (const language of round.languages) {
    const files = await readTextFiles(deps.dir, (await listProjectFiles(deps.dir, language)).filter((p) => !generated.has(p)));
    const defaults = new Map<string, string>();
    for (const f of deps.emitters.get(language).generate(round.spec, { transport: round.transport })) {
      if (f.ownership === "user" && typeof f.content === "string") defaults.set(f.path, f.content);
    }
    const targets = behaviourTargets({ language, files, defaults, generated });
    if (targets.tests.length === 0) continue;
    round.onStep(language, "behaviour proof");
    proofs.push(await deps.behaviourProver({ outDir: deps.dir, language, tests: targets.tests, behaviour: targets.behaviour, onStep: (step) => round.onStep(language, step) }));
  }
  return proofs;
}
