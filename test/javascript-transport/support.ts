// Helpers of the JavaScript transport tests: the example specs and the files
// of one transport.
import type { GeneratedFile } from "../../src/emit/index.js";
import type { Transport } from "../../src/emit/language.js";
import { javascriptTransportFiles } from "../../src/emit/javascript/transport/index.js";
import type { Spec } from "../../src/spec/model.js";
import { example, EVERY_SPEC } from "../python-layer/support.js";

export { example, EVERY_SPEC };
export const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
export const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];

export function transportFiles(spec: Spec, transport: Transport): GeneratedFile[] {
  return javascriptTransportFiles(spec, { transport });
}

export function text(files: readonly GeneratedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.content as string;
}
