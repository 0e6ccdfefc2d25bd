// The protocol layer of the JavaScript target: messages, codec, JSON
// mapping, validation, role machines, protocol constants, packaging and the
// layer's tests (docs/targets/javascript-contract.md).
import type { Spec } from "../../../spec/model.js";
import { createFileSet, type EmitOptions, type GeneratedFile } from "../../index.js";
import { binaryModule } from "./binary.js";
import { codecModule } from "./codec-module.js";
import { jsonModule } from "./json.js";
import { messagesModule } from "./messages-module.js";
import { buildModel } from "./model.js";
import { declarationsModule } from "../declarations.js";
import { indexModule, LAYER_DECLARED, machineModule, protocolInfoModule } from "./modules.js";
import { packageFiles } from "./package-files.js";
import { patternsModule, patternUser } from "./patterns.js";
import { runtimeFiles } from "./runtime-files.js";
import { layerTests } from "./tests/index.js";

export function javascriptLayerFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  const model = buildModel(spec);
  packageFiles(files, model, options);
  runtimeFiles(files);
  messagesModule(files, model);
  patternsModule(files, model);
  binaryModule(files, model, patternUser(model));
  jsonModule(files, model, patternUser(model));
  codecModule(files, model);
  machineModule(files, model);
  protocolInfoModule(files, model);
  indexModule(files, model);
  declarationsModule(files, LAYER_DECLARED); // the whole emitter replaces it with every declared module
  layerTests(files, model);
  return files.finish();
}
