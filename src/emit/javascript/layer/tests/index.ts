// The layer's tests in the generated project: test/*.test.js (node:test)
// and the helpers they import from testing/.
import type { FileSet } from "../../../index.js";
import type { JsModel } from "../model.js";
import { jsonTest } from "./json-test.js";
import { machineTest } from "./machine-test.js";
import { TESTING_ERRORS, TESTING_VECTORS, VECTORS_TEST } from "./static-tests.js";
import { validationTest } from "./validation-test.js";

const text = (s: string): string => s.replace(/^\n+/, "").replace(/\n+$/, "");

export function layerTests(files: FileSet, model: JsModel): void {
  files.file("javascript/testing/vectors.js", "javascript").print(text(TESTING_VECTORS));
  files.file("javascript/testing/errors.js", "javascript").print(text(TESTING_ERRORS));
  files.file("javascript/test/vectors.test.js", "javascript").print(text(VECTORS_TEST));
  validationTest(files, model);
  machineTest(files, model);
  jsonTest(files, model);
}
