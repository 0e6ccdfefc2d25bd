// The C++ project's fuzz target as files (unit lane): fuzz/fuzz_decode.cpp
// with the protocol's namespace, and the CMake option that builds it only
// with clang, off by default, its seed corpus from the golden vectors.
import { describe, expect, it } from "vitest";
import { cppLayerFiles } from "../../src/emit/cpp/index.js";
import { example } from "../python-layer/support.js";

const TCP = { transport: "tcp" } as const;

function file(name: string, path: string): string {
  const f = cppLayerFiles(example(name as "chat"), TCP).find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return String(f.content);
}

describe("the C++ fuzz target", () => {
  it("is fuzz/fuzz_decode.cpp in the protocol's namespace: one libFuzzer entry that checks the frame decoder and the Deframer", () => {
    const src = file("sensor-telemetry", "cpp/fuzz/fuzz_decode.cpp");
    expect(src).toContain('#include "sensor_telemetry/codec.hpp"');
    expect(src).not.toContain("PROTOFORGE_NS");
    expect(src.match(/extern "C" int LLVMFuzzerTestOneInput\(/g)).toHaveLength(1);
    expect(src).toContain("catch (const WireError&)");
    expect(src).toContain("new_deframer()");
    expect(src).toContain("encode_frame(*frame.message, frame.seq, frame.flags)");
  });

  it("is built only with -D<NS>_FUZZ=ON (off by default) and clang, with the sanitizers, before the library so it gets coverage", () => {
    const cmake = file("chat", "cpp/CMakeLists.txt");
    expect(cmake).toContain('option(CHAT_FUZZ "Build the libFuzzer target (clang)" OFF)');
    expect(cmake).toContain('if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")');
    expect(cmake).toContain("add_executable(chat_fuzz fuzz/fuzz_decode.cpp)");
    expect(cmake).toContain("-fsanitize=fuzzer-no-link,address,undefined");
    expect(cmake).toContain("target_link_options(chat_fuzz PRIVATE -fsanitize=fuzzer)");
    expect(cmake).toContain("../vectors/valid/*.bin");
    expect(cmake.indexOf("if(CHAT_FUZZ)")).toBeLessThan(cmake.indexOf("add_library(chat\n"));
    // The fuzz target is not a test source: a g++ build never compiles it.
    expect(cmake.slice(cmake.indexOf("add_executable(chat_tests"))).not.toContain("fuzz_decode.cpp");
  });

  it("is the same bytes for the same spec", () => {
    expect(file("file-transfer", "cpp/fuzz/fuzz_decode.cpp")).toBe(file("file-transfer", "cpp/fuzz/fuzz_decode.cpp"));
  });
});
