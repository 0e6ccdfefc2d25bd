// The generated project's tests printed from the shared plans (docs/emitters.md,
// "What languages share"): validation, JSON and role machines. The vectors
// test and the helpers (support.hpp) are hand-written, in runtime-test/.
import type { FileSet } from "../../index.js";
import { referenceSamples } from "../../test-plans/samples.js";
import type { CppModel } from "../model.js";
import { jsonTest } from "./json-test.js";
import { machineTest } from "./machine-test.js";
import { validationTest } from "./validation-test.js";

export function testFiles(files: FileSet, model: CppModel): void {
  const samples = referenceSamples(model.spec);
  validationTest(files, model, samples);
  jsonTest(files, model, samples);
  machineTest(files, model);
}
