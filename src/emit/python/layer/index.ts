// The protocol layer of the Python target: messages, codec, JSON mapping,
// validation, role machines, protocol constants, packaging and the layer's
// tests (docs/targets/python-contract.md).
import type { Spec } from "../../../spec/model.js";
import { createFileSet, type EmitOptions, type GeneratedFile } from "../../index.js";
import { binaryModule, jsonModule, patternsModule } from "./codec-modules.js";
import { codecModule } from "./codec-module.js";
import { machineModule } from "./machine-module.js";
import { messagesModule } from "./messages-module.js";
import { buildModel } from "./model.js";
import { packageFiles, pyproject } from "./package-files.js";
import { protocolInfoModule } from "./protocol-info-module.js";
import { jsonTest } from "./tests/json-test.js";
import { machineTest } from "./tests/machine-test.js";
import { validationTest } from "./tests/validation-test.js";
import { vectorsTest } from "./tests/vectors-test.js";

export function pythonLayerFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  const model = buildModel(spec);
  pyproject(files, model, options);
  packageFiles(files, model);
  messagesModule(files, model);
  patternsModule(files, model);
  binaryModule(files, model);
  jsonModule(files, model);
  codecModule(files, model);
  machineModule(files, model);
  protocolInfoModule(files, model);
  vectorsTest(files, model);
  validationTest(files, model);
  machineTest(files, model);
  jsonTest(files, model);
  return files.finish();
}
