// Helpers of the Python transport tests: the example specs and the files of
// one transport.
import type { GeneratedFile } from "../../src/emit/index.js";
import type { Transport } from "../../src/emit/language.js";
import { pythonTransportFiles } from "../../src/emit/python/transport/index.js";
import type { Spec } from "../../src/spec/model.js";
import { example } from "../python-layer/support.js";

export { example };
export const EXAMPLES = ["chat", "sensor-telemetry", "file-transfer"] as const;
export const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];

export function transportFiles(spec: Spec, transport: Transport): GeneratedFile[] {
  return pythonTransportFiles(spec, { transport });
}

export function text(files: readonly GeneratedFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.content as string;
}
