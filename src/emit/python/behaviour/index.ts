// The behaviour engine of the Python project (docs/decisions/0009, step 4):
// only for a spec with a behaviour section, two regenerated modules in the
// package: _behaviour.py (the state, spec-agnostic, copied) and behaviour.py
// (the spec's rules, printed from the plan).
import type { BehaviourPlan } from "../../../behaviour/plan-model.js";
import type { FileSet } from "../../file-set.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { Behaviour as Inferred } from "../../transport-common/behaviour.js";
import { ownModule, paths, type TransportContext } from "../transport/context.js";
import { emitEngine } from "./engine-file.js";

export { engineMethod } from "./engine-file.js";

export function emitBehaviour(files: FileSet, ctx: TransportContext, inferred: Inferred, plan: BehaviourPlan): void {
  if (ctx.spec.behaviour === undefined) return;
  for (const asset of runtimeAssets("python", "behaviour-runtime")) {
    const f = files.file(paths.pkg(ctx, asset.path), "python", { module: ownModule(ctx, "pkg", asset.path.replace(/\.py$/, "")) });
    f.print(asset.content.replace(/\n+$/, ""));
  }
  emitEngine(files, ctx, inferred, plan);
}
