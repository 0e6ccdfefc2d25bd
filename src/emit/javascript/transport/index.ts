// The JavaScript transports, handlers, demo, README and transport tests: the
// files added to the JavaScript project on top of the protocol layer
// (docs/targets/javascript-contract.md). Pure and deterministic.
import type { Spec } from "../../../spec/model.js";
import { createFileSet } from "../../file-set.js";
import type { GeneratedFile } from "../../generated-file.js";
import type { EmitOptions } from "../../language.js";
import { analyse } from "../../transport-common/behaviour.js";
import { createContext } from "./context.js";
import { emitBehaviour } from "../behaviour/engine-file.js";
import { emitDemo } from "./demo-files.js";
import { emitFacades } from "./facade-files.js";
import { emitHandlers } from "./handlers-file.js";
import { emitProfile } from "./profile-file.js";
import { emitReadme } from "./readme-file.js";
import { emitRuntime } from "./runtime-files.js";
import { emitTransportTests } from "./test-files.js";

export { RUNTIME_MODULES } from "./runtime-files.js";

/** Everything the transports add to OUT/javascript: the runtime (runtime-files.ts), facades, profile, handlers, demo, README, tests. */
export function javascriptTransportFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const ctx = createContext(spec, options);
  const behaviour = analyse(ctx);
  const files = createFileSet(spec.protocol);
  emitRuntime(files, ctx);
  emitProfile(files, ctx, behaviour);
  emitFacades(files, ctx);
  emitHandlers(files, ctx, behaviour);
  emitBehaviour(files, ctx);
  emitDemo(files, ctx, behaviour);
  emitReadme(files, ctx, behaviour);
  emitTransportTests(files, ctx, behaviour);
  return files.finish();
}
