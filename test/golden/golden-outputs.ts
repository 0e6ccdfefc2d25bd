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
// A language whose emitter refuses a transport by name (C++ over a transport
// whose generated code does not exist yet: CppTransportError
// "transport-not-generated") is left out of that transport's output, as
// `generate` refuses it; it joins by itself once the transport is generated.
//
// `npm run golden:update` rewrites it; the golden test fails on any difference.
import { buildCppModel } from "../../src/emit/cpp/index.js";
import { CPP_TRANSPORTS, CppTransportError } from "../../src/emit/cpp/transport/index.js";
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { createFileSet } from "../../src/emit/index.js";
import { TARGET_LANGUAGES, TRANSPORTS, type TargetLanguage, type Transport } from "../../src/emit/target.js";
import type { Spec } from "../../src/spec/model.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { FULL_TRANSPORT, transportLayout, type GoldenFile } from "./transport-layout.js";

export const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
export const GOLDEN_ROOT = "test/golden";
export { TRANSPORTS };

/** Whether the C++ emitter generates `transport` (its transport table entry does not refuse it by name). */
function cppGenerates(spec: Spec, transport: Transport): boolean {
  try {
    CPP_TRANSPORTS[transport](createFileSet(spec.protocol), buildCppModel(spec));
    return true;
  } catch (e) {
    if (e instanceof CppTransportError && e.code === "transport-not-generated") return false;
    throw e;
  }
}

/** The target languages whose output over `transport` is golden. */
export function goldenLanguages(spec: Spec, transport: Transport): TargetLanguage[] {
  return TARGET_LANGUAGES.filter((language) => language !== "cpp" || cppGenerates(spec, transport));
}

/** Every golden file of one example, by transport (paths relative to test/golden/<example>/). */
export async function goldenLayout(example: string): Promise<ReadonlyMap<Transport, GoldenFile[]>> {
  // The spec's text as read from disk, as `protoforge generate --spec` passes it on (generate.ts readInputFile).
  const { spec, text } = await loadSpecFile(`examples/${example}.yaml`);
  const emitters = createEmitterRegistry();
  const output = (transport: Transport) => generateProjectFiles({ spec, specText: text, languages: goldenLanguages(spec, transport), transport }, emitters);
  const tcpFiles = output(FULL_TRANSPORT);
  return new Map(TRANSPORTS.map((transport) => [transport, transportLayout(transport, transport === FULL_TRANSPORT ? tcpFiles : output(transport), tcpFiles)]));
}
