// The Python transports, handlers, demo, README and transport tests: the
// files added to the Python project on top of the protocol layer
// (docs/targets/python-contract.md). Pure and deterministic.
import type { Spec } from "../../../spec/model.js";
import { createFileSet } from "../../file-set.js";
import type { GeneratedFile } from "../../generated-file.js";
import type { EmitOptions } from "../../language.js";
import { buildPlan } from "../../../behaviour/build-plan.js";
import { analyse } from "../../transport-common/behaviour.js";
import { emitBehaviour } from "../behaviour/index.js";
import { createContext } from "./context.js";
import { emitDemo } from "./demo-file.js";
import { emitFacades } from "./facade-files.js";
import { emitHandlers } from "./handlers-file.js";
import { emitProfile } from "./profile-file.js";
import { emitReadme } from "./readme-file.js";
import { emitRuntime } from "./runtime-files.js";
import { emitTransportTests } from "./test-files.js";

export { RUNTIME_MODULES } from "./runtime-files.js";

export function pythonTransportFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const ctx = createContext(spec, options);
  const behaviour = analyse(ctx);
  const files = createFileSet(spec.protocol);
  emitRuntime(files, ctx);
  emitProfile(files, ctx, behaviour);
  emitFacades(files, ctx);
  const plan = buildPlan(spec);
  emitBehaviour(files, ctx, behaviour, plan);
  emitHandlers(files, ctx, behaviour, plan);
  emitDemo(files, ctx, behaviour);
  emitReadme(files, ctx, behaviour, plan);
  emitTransportTests(files, ctx, behaviour);
  return files.finish();
}
