// What is kept as golden output for each example spec: the whole output
// folder the product writes (protocol.yaml, PROTOCOL.md, the vectors, a
// project per target language), for every transport.
//
// Why through generateProjectFiles: the golden tree is what `protoforge
// generate` and the coder agent write, not a list of emitters kept in step by
// hand here; a new language or a new file of the output joins it by itself.
// Why TCP whole and the other transports as differences (transport-layout.ts):
// the three outputs share most of their bytes (the spec, PROTOCOL.md, the
// vectors, the codec, the layer tests), and three full copies would triple
// about 4.7 MB of golden files; a difference still shows in review as the
// file it is, and files.txt plus the byte-for-byte fallback to TCP keeps
// every byte of every transport checked.
//
// `npm run golden:update` rewrites it; the golden test fails on any difference.
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { TARGET_LANGUAGES, TRANSPORTS, type Transport } from "../../src/emit/target.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { FULL_TRANSPORT, transportLayout, type GoldenFile } from "./transport-layout.js";

export const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
export const GOLDEN_ROOT = "test/golden";
export { TRANSPORTS };

/** Every golden file of one example, by transport (paths relative to test/golden/<example>/). */
export async function goldenLayout(example: string): Promise<ReadonlyMap<Transport, GoldenFile[]>> {
  // The spec's text as read from disk, as `protoforge generate --spec` passes it on (generate.ts readInputFile).
  const { spec, text } = await loadSpecFile(`examples/${example}.yaml`);
  const emitters = createEmitterRegistry();
  const output = (transport: Transport) => generateProjectFiles({ spec, specText: text, languages: TARGET_LANGUAGES, transport }, emitters);
  const tcpFiles = output(FULL_TRANSPORT);
  return new Map(TRANSPORTS.map((transport) => [transport, transportLayout(transport, transport === FULL_TRANSPORT ? tcpFiles : output(transport), tcpFiles)]));
}
