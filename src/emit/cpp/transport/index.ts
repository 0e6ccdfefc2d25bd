// The C++ transports: a kind → emitter table. Each entry writes its own files
// (runtime copies, generated facades, tests) and returns the CMake additions
// (part.ts). An entry that is not generated yet throws CppTransportError
// "transport-not-generated", so `generate --lang cpp --transport <kind>` is
// refused by name.
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import type { CppModel } from "../model.js";
import { httpFiles } from "./http-files.js";
import type { CppTransportEmitter, CppTransportPart } from "./part.js";
import { tcpFiles } from "./tcp-files.js";
import { udpFiles } from "./udp-files.js";

export { CppTransportError, type CppTransportErrorCode } from "./errors.js";
export { EMPTY_PART, mergeParts, type CppTransportEmitter, type CppTransportPart } from "./part.js";
export { coreFiles } from "./core-files.js";

export const CPP_TRANSPORTS: Readonly<Record<Transport, CppTransportEmitter>> = {
  tcp: tcpFiles,
  udp: udpFiles,
  http: httpFiles,
};

export function cppTransportFiles(files: FileSet, model: CppModel, transport: Transport): CppTransportPart {
  return CPP_TRANSPORTS[transport](files, model);
}
