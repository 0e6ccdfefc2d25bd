// What the C++ project gets on top of the transports (issue 16): the
// user-owned handlers with working defaults, their generated support header,
// the typed facades over the runtime's server and client, the demo programs
// and the README. One entry point, called from src/emit/cpp/index.ts; it
// returns the CMake lines of the demo's executables (a part, as a
// transport's).
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { analyse } from "../../transport-common/behaviour.js";
import type { CppModel } from "../model.js";
import type { CppTransportPart } from "../transport/part.js";
import { emitBehaviour } from "../behaviour/engine-file.js";
import { emitDemo } from "./demo-files.js";
import { facadeFiles } from "./facade-files.js";
import { emitHandlers } from "./handlers-file.js";
import { emitReadme } from "./readme-file.js";
import { emitSupport } from "./support-file.js";
import { cppView } from "./view.js";

export { BASES } from "./facade-files.js";
export { demoTargets } from "./demo-names.js";

export function cppAppFiles(files: FileSet, model: CppModel, transport: Transport): CppTransportPart {
  const view = cppView(model, transport);
  const behaviour = analyse(view);
  emitSupport(files, view);
  emitHandlers(files, view, behaviour);
  emitBehaviour(files, view);
  facadeFiles(files, view);
  const part = emitDemo(files, view, behaviour);
  emitReadme(files, view, behaviour);
  return part;
}
