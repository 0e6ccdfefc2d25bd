// The layer's tests in the generated project: test/*.test.js (node:test)
// and the helpers they import from testing/.
import type { FileSet } from "../../../index.js";
import type { JsModel } from "../model.js";
import { jsonTest } from "./json-test.js";
import { machineTest } from "./machine-test.js";
import { type StaticModule, TESTING_ERRORS, TESTING_VECTORS, VECTORS_TEST } from "./static-tests.js";
import { validationTest } from "./validation-test.js";

const text = (s: string): string => s.replace(/^\n+/, "").replace(/\n+$/, "");

function staticModule(files: FileSet, path: string, module: StaticModule): void {
  const f = files.file(path, "javascript");
  f.preamble(module.preamble);
  for (const symbol of module.imports) f.addImport(symbol);
  f.print(text(module.body));
}

export function layerTests(files: FileSet, model: JsModel): void {
  staticModule(files, "javascript/testing/vectors.js", TESTING_VECTORS);
  staticModule(files, "javascript/testing/errors.js", TESTING_ERRORS);
  staticModule(files, "javascript/test/vectors.test.js", VECTORS_TEST);
  validationTest(files, model);
  machineTest(files, model);
  jsonTest(files, model);
}
