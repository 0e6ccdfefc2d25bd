// What is kept as golden output for each example spec: everything the pure
// generators produce (PROTOCOL.md, the vectors, the Python and the JavaScript
// project over TCP). `npm run golden:update` rewrites it; the golden test
// fails on any difference.
import { renderProtocolDoc } from "../../src/emit/protocol-doc/render.js";
import type { GeneratedFile } from "../../src/emit/generated-file.js";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { pythonEmitter } from "../../src/emit/python/index.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { generateVectors } from "../../src/wire/index.js";

export const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
export const GOLDEN_ROOT = "test/golden";

export async function goldenFiles(example: string): Promise<GeneratedFile[]> {
  const { spec } = await loadSpecFile(`examples/${example}.yaml`);
  return [renderProtocolDoc(spec), ...generateVectors(spec), ...pythonEmitter.generate(spec, { transport: "tcp" }), ...javascriptEmitter.generate(spec, { transport: "tcp" })];
}
