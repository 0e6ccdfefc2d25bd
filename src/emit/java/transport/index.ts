// The Java transports (docs/targets/java-contract.md, "API of the
// transports"): ProtocolInfo.java in the main package, transport/Profile.java,
// the facades <Protocol>Server.java and <Protocol>Client.java, and the copy
// of the hand-written runtime (src/emit/java/runtime/transport/) for the
// chosen transport. Handlers, demo and README are javaAppFiles (app-files.ts).
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { analyse } from "../../transport-common/behaviour.js";
import type { JavaModel } from "../model.js";
import { facadeFiles } from "./facade-files.js";
import { javaView } from "./handlers-builder.js";
import { profileFile } from "./profile-file.js";
import { protocolInfoFile } from "./protocol-info.js";
import { transportRuntimeFiles } from "./runtime-copy.js";

export { javaAppFiles } from "./app-files.js";

export function javaTransportFiles(files: FileSet, model: JavaModel, transport: Transport): void {
  const view = javaView(model, transport);
  protocolInfoFile(files, model, transport);
  profileFile(files, view, analyse(view));
  facadeFiles(files, view);
  transportRuntimeFiles(files, model, transport);
}
