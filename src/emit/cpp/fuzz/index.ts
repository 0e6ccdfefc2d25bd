// The libFuzzer target of the C++ project (docs/targets/cpp-contract.md,
// "Fuzzing"): fuzz/fuzz_decode.cpp, copied from the hand-written source next
// to this file with the namespace token replaced, and the CMake block that
// builds it when the project is configured with clang and -D<NS>_FUZZ=ON.
import type { FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { CppModel } from "../model.js";

const TOKEN = /PROTOFORGE_NS/g;

/** Where the fuzz target's source goes in the project. */
export const FUZZ_SOURCE = "fuzz/fuzz_decode.cpp";

export function fuzzFiles(files: FileSet, model: CppModel): void {
  for (const asset of runtimeAssets("cpp", "fuzz")) {
    if (!asset.path.endsWith(".cpp")) continue;
    const f = files.file(`cpp/fuzz/${asset.path}`, "cpp");
    f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
    f.finish();
  }
}

/**
 * CMake lines for the fuzz option, placed before the library so that its
 * compile options (coverage for libFuzzer, ASan, UBSan) reach every target.
 * Off by default: a g++ build never needs clang.
 */
export function fuzzCmakeLines(model: CppModel): string[] {
  const { ns } = model;
  const upper = ns.toUpperCase();
  return [
    `# The libFuzzer target ${ns}_fuzz (fuzz/): clang only, off by default. Run it on the seed corpus`,
    "# the golden vectors' frames make at configure time:",
    `#   build/${ns}_fuzz build/fuzz-corpus -max_total_time=60`,
    `option(${upper}_FUZZ "Build the libFuzzer target (clang)" OFF)`,
    `if(${upper}_FUZZ)`,
    '  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")',
    `    message(FATAL_ERROR "${upper}_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++), not \${CMAKE_CXX_COMPILER_ID}")`,
    "  endif()",
    "  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)",
    "  add_link_options(-fsanitize=address,undefined)",
    `  add_executable(${ns}_fuzz ${FUZZ_SOURCE})`,
    `  target_link_libraries(${ns}_fuzz PRIVATE ${ns}::${ns})`,
    `  target_compile_options(${ns}_fuzz PRIVATE -Wall -Wextra -Wpedantic -Werror)`,
    `  target_link_options(${ns}_fuzz PRIVATE -fsanitize=fuzzer)`,
    "  file(GLOB _seeds ${CMAKE_CURRENT_SOURCE_DIR}/../vectors/valid/*.bin ${CMAKE_CURRENT_SOURCE_DIR}/../vectors/invalid/*.bin)",
    "  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz-corpus)",
    "  if(_seeds)",
    "    file(COPY ${_seeds} DESTINATION ${CMAKE_CURRENT_BINARY_DIR}/fuzz-corpus)",
    "  endif()",
    "endif()",
    "",
  ];
}
