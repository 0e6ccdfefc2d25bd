// The Python transports, handlers and demo: files added to the Python
// project on top of the protocol layer. (Being written; returns nothing yet.)
import type { Spec } from "../../../spec/model.js";
import type { GeneratedFile } from "../../generated-file.js";
import type { EmitOptions } from "../../language.js";

export function pythonTransportFiles(_spec: Spec, _options: EmitOptions): GeneratedFile[] {
  return [];
}
