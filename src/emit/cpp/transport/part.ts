// What one transport adds to the generated C++ project: the files it writes
// into the FileSet itself; the part it returns names what CMakeLists.txt must
// add (library sources, test sources, demo sources, extra CMake lines).
import type { FileSet } from "../../index.js";
import type { CppModel } from "../model.js";

export interface CppTransportPart {
  /** Library sources, relative to cpp/ (e.g. "src/udp_server.cpp"), added to the library target. */
  readonly sources: readonly string[];
  /** GoogleTest sources, relative to cpp/ (e.g. "test/udp_loopback_test.cpp"), added to the test executable. */
  readonly tests: readonly string[];
  /** Extra CMake lines printed after the library target (find_package, target_link_libraries …). */
  readonly cmake: readonly string[];
  /** Lines the installed package config runs before it includes the targets (find_dependency … for what the library links PUBLIC). */
  readonly config?: readonly string[];
}

/** Writes one transport's generated and runtime files; returns what CMake must add. */
export type CppTransportEmitter = (files: FileSet, model: CppModel) => CppTransportPart;

export const EMPTY_PART: CppTransportPart = { sources: [], tests: [], cmake: [] };

/** The parts one after the other (core, transport, application). */
export function mergeParts(...parts: readonly (CppTransportPart | void)[]): CppTransportPart {
  const present = parts.filter((p): p is CppTransportPart => p !== undefined);
  return {
    sources: present.flatMap((p) => p.sources),
    tests: present.flatMap((p) => p.tests),
    cmake: present.flatMap((p) => p.cmake),
    config: present.flatMap((p) => p.config ?? []),
  };
}
