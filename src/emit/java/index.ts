// The Java target (docs/targets/java-contract.md): a Maven project with the
// messages as records, the binary codec, the JSON mapping, the role machines,
// the transport the run asks for, user-owned handlers, a demo and the tests.
import type { Spec } from "../../spec/model.js";
import { createFileSet, defineEmitter, type EmitOptions, type FileSet, type GeneratedFile } from "../index.js";
import { payloadsFile } from "./binary.js";
import { codecFile } from "./codec.js";
import { jsonPayloadsFile } from "./json.js";
import { machineFile } from "./machine.js";
import { testFiles } from "./tests/index.js";
import { messageFiles } from "./messages.js";
import { buildJavaModel, type JavaModel } from "./model.js";
import { patternNames, patternsFile } from "./patterns.js";
import { pomFile } from "./pom.js";
import { runtimeFiles } from "./runtime-files.js";
import { javaAppFiles, javaTransportFiles } from "./transport/index.js";

export { buildJavaModel, type JavaModel } from "./model.js";
export { javaPattern, JavaPatternError } from "./patterns.js";

/**
 * The Java project: the protocol layer (messages, codec, JSON, role machines and their tests), the
 * transport of `options.transport` (ProtocolInfo, Profile, facades, runtime), handlers, demo and README.
 */
export function javaLayerFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  return javaProjectFiles(spec, options);
}

function layerInto(files: FileSet, model: JavaModel): void {
  const patterns = patternNames(model);
  pomFile(files, model);
  runtimeFiles(files, model);
  messageFiles(files, model, patterns);
  patternsFile(files, model);
  payloadsFile(files, model, patterns);
  jsonPayloadsFile(files, model, patterns);
  codecFile(files, model);
  machineFile(files, model);
  testFiles(files, model);
}

/** The whole Java project: the protocol layer, the transport of `options.transport`, handlers, demo and README. */
export function javaProjectFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  const model = buildJavaModel(spec);
  const transport = options.transport;
  layerInto(files, model);
  javaTransportFiles(files, model, transport);
  javaAppFiles(files, model, transport);
  return files.finish();
}

export const javaEmitter = defineEmitter({
  language: "java",
  generate: (spec, options) => javaProjectFiles(spec, options),
});
