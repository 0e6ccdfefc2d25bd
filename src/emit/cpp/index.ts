// The C++ target (docs/targets/cpp-contract.md). cppLayerFiles: the protocol
// layer alone — a CMake project with the messages as structs, validate(), the
// binary codec over spans, the JSON mapping over nlohmann::ordered_json, the
// role machines, GoogleTest suites printed from the shared plans and the fuzz
// target. cppProjectFiles: the layer plus the transport core (once), the
// chosen transport (the CPP_TRANSPORTS table) and the application (handlers,
// facades, demo: cppAppFiles); CMakeLists.txt gets what their parts name.
// C++ is a planned language until every transport is generated, so the
// emitter is reachable from tests only (not in the emitter registry).
import type { Spec } from "../../spec/model.js";
import { createFileSet, type EmitOptions, type GeneratedFile, type LanguageEmitter } from "../index.js";
import { cmakeFiles } from "./cmake.js";
import { fuzzFiles } from "./fuzz/index.js";
import { codecHeader, codecSource } from "./codec.js";
import { jsonPayloadsFiles } from "./json.js";
import { machineHeader, machineSource } from "./machine.js";
import { checksHeader, messagesHeader, messagesSource } from "./messages.js";
import { buildCppModel } from "./model.js";
import { patternNames, patternsFiles } from "./patterns.js";
import { payloadsFiles } from "./payloads.js";
import { cppAppFiles } from "./app/index.js";
import { runtimeFiles } from "./runtime-files.js";
import { testFiles } from "./tests/index.js";
import { coreFiles, cppTransportFiles, EMPTY_PART, mergeParts, type CppTransportPart } from "./transport/index.js";

export { buildCppModel, type CppModel } from "./model.js";
export { cppPattern, CppPatternError } from "./patterns.js";
export { librarySources, TEST_SOURCES } from "./cmake.js";

/** A LanguageEmitter for a planned language: `language` widens to TargetLanguage once cpp is one. */
export interface PlannedLanguageEmitter {
  readonly language: "cpp";
  generate: LanguageEmitter["generate"];
}

/** The protocol layer alone (no transport). */
export function cppLayerFiles(spec: Spec, _options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  layerFiles(files, buildCppModel(spec), EMPTY_PART, false);
  return files.finish();
}

/** The whole project: the layer, the transport core, `options.transport` and the application. */
export function cppProjectFiles(spec: Spec, options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  const model = buildCppModel(spec);
  const transport = cppTransportFiles(files, model, options.transport);
  const core = coreFiles(files, model, options.transport);
  const app = cppAppFiles(files, model, options.transport);
  layerFiles(files, model, mergeParts(core, transport, app), true);
  return files.finish();
}

function layerFiles(files: ReturnType<typeof createFileSet>, model: ReturnType<typeof buildCppModel>, part: CppTransportPart, transport: boolean): void {
  const patterns = patternNames(model);
  cmakeFiles(files, model, part, transport);
  runtimeFiles(files, model);
  messagesHeader(files, model);
  messagesSource(files, model, patterns);
  checksHeader(files, model);
  patternsFiles(files, model);
  payloadsFiles(files, model, patterns);
  jsonPayloadsFiles(files, model, patterns);
  codecHeader(files, model);
  codecSource(files, model);
  machineHeader(files, model);
  machineSource(files, model);
  testFiles(files, model);
  fuzzFiles(files, model);
}

export const cppEmitter: PlannedLanguageEmitter = {
  language: "cpp",
  generate: (spec, options) => cppProjectFiles(spec, options),
};
