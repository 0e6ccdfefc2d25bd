// What the Java project gets on top of the transports (brief B of issue 14):
// the user-owned handlers, the demo, the README and the generated transport
// tests. One entry point, called from transport/index.ts.
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { analyse } from "../../transport-common/behaviour.js";
import type { JavaModel } from "../model.js";
import { javaView } from "./handlers-builder.js";
import { emitBehaviour } from "../behaviour/engine-file.js";
import { emitDemo } from "./demo-files.js";
import { emitHandlers } from "./handlers-file.js";
import { emitReadme } from "./readme-file.js";
import { emitTransportTests } from "./test-files.js";

export function javaAppFiles(files: FileSet, model: JavaModel, transport: Transport): void {
  const view = javaView(model, transport);
  const behaviour = analyse(view);
  emitHandlers(files, view, behaviour);
  emitBehaviour(files, view);
  emitDemo(files, view, behaviour);
  emitReadme(files, view, behaviour);
  emitTransportTests(files, view, behaviour);
}
