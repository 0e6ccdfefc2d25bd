// The C++ target's protocol layer (docs/targets/cpp-contract.md): a CMake
// project with the messages as structs, validate(), the binary codec over
// spans, the JSON mapping over nlohmann::ordered_json, the role machines, and
// GoogleTest suites printed from the shared plans. Transports, handlers,
// demo and fuzzing are later work; until then C++ is a planned language, so
// the emitter is reachable from tests only (not in the emitter registry).
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
import { runtimeFiles } from "./runtime-files.js";
import { testFiles } from "./tests/index.js";

export { buildCppModel, type CppModel } from "./model.js";
export { cppPattern, CppPatternError } from "./patterns.js";
export { librarySources, TEST_SOURCES } from "./cmake.js";

/** A LanguageEmitter for a planned language: `language` widens to TargetLanguage once cpp is one. */
export interface PlannedLanguageEmitter {
  readonly language: "cpp";
  generate: LanguageEmitter["generate"];
}

export function cppLayerFiles(spec: Spec, _options: EmitOptions): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  const model = buildCppModel(spec);
  const patterns = patternNames(model);
  cmakeFiles(files, model);
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
  return files.finish();
}

export const cppEmitter: PlannedLanguageEmitter = {
  language: "cpp",
  generate: (spec, options) => cppLayerFiles(spec, options),
};
