// The C++ transport table, without a compiler: every transport kind has an
// entry, and a transport whose code is not generated yet is refused by name
// (CppTransportError "transport-not-generated"), never a half project.
import { describe, expect, it } from "vitest";
import { buildCppModel } from "../../src/emit/cpp/index.js";
import { findPackageNames, KNOWN_PACKAGES } from "../../sandboxes/profiles/cpp-packages.js";
import { coreRuntimeFiles, coreRuntimePaths } from "../../src/emit/cpp/transport/core-files.js";
import { CPP_TRANSPORTS, cppTransportFiles, CppTransportError } from "../../src/emit/cpp/transport/index.js";
import { cppProjectFiles } from "../../src/emit/cpp/index.js";
import { createFileSet, TRANSPORTS } from "../../src/emit/index.js";
import { example } from "../python-layer/support.js";

describe("the C++ transport table", () => {
  it("has an entry for every transport kind", () => {
    expect(Object.keys(CPP_TRANSPORTS).sort()).toEqual([...TRANSPORTS].sort());
  });

  it("refuses a transport that is not generated yet with a named error", () => {
    const spec = example("chat");
    const model = buildCppModel(spec);
    for (const transport of TRANSPORTS) {
      let caught: unknown;
      try {
        cppTransportFiles(createFileSet(spec.protocol), model, transport);
      } catch (e) {
        caught = e;
      }
      if (caught === undefined) continue; // generated: covered by the transport's own tests
      expect(caught).toBeInstanceOf(CppTransportError);
      expect((caught as CppTransportError).code).toBe("transport-not-generated");
      expect((caught as CppTransportError).transport).toBe(transport);
    }
  });
});

describe("the C++ transport core's runtime copy", () => {
  it("writes every core header under include/<namespace>/ with the namespace in place of the token", () => {
    const spec = example("sensor-telemetry");
    const model = buildCppModel(spec);
    const files = createFileSet(spec.protocol);
    coreRuntimeFiles(files, model);
    const out = files.finish();
    expect(out.map((f) => f.path)).toEqual(coreRuntimePaths(model));
    expect(coreRuntimePaths(model)).toEqual(
      ["client_base", "describe", "dispatch", "event_queue", "hub", "io_pool", "message_info", "options", "rate_limit", "server_session", "trace", "transport_error", "verdict"].map(
        (h) => `cpp/include/${model.ns}/${h}.hpp`,
      ),
    );
    for (const f of out) {
      const text = String(f.content);
      expect(text).not.toContain("PROTOFORGE_NS");
      expect(text).toContain(`namespace ${model.ns} {`);
    }
    const hub = String(out.find((f) => f.path.endsWith("/hub.hpp"))!.content);
    expect(hub).toContain(`#include <${model.ns}/server_session.hpp>`);
  });
});

describe("the C++ prefetch check and asio", () => {
  it("names asio from find_path(… asio.hpp), after the find_package names, once", () => {
    const cmake = ["find_package(nlohmann_json 3.10 REQUIRED)", "# find_path(X httplib.h)", "find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)", "find_package(Threads REQUIRED)", "find_path(ASIO_AGAIN asio.hpp)"].join("\n");
    expect(findPackageNames(cmake)).toEqual(["nlohmann_json", "Threads", "asio"]);
    expect(KNOWN_PACKAGES["asio"]).toEqual({ apt: "libasio-dev", header: "asio.hpp" });
  });
});

describe("a C++ project with the TCP transport", () => {
  const text = (files: ReturnType<typeof cppProjectFiles>, path: string): string => {
    const f = files.find((g) => g.path === path);
    if (f === undefined) throw new Error(`no ${path}`);
    return String(f.content);
  };

  it("writes the core once, the spec facts and the TCP runtime, and CMake finds asio and Threads", () => {
    const files = cppProjectFiles(example("chat"), { transport: "tcp" });
    const paths = files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const h of ["protocol_info", "profile", "server_session", "stream_channel", "tcp_server", "tcp_client"]) expect(paths).toContain(`cpp/include/chat/${h}.hpp`);
    expect(paths).toContain("cpp/src/profile.cpp");
    const cmake = text(files, "cpp/CMakeLists.txt");
    expect(cmake).toContain("find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)");
    expect(cmake).toContain("find_package(Threads REQUIRED)");
    expect(cmake).toContain("target_compile_definitions(chat PUBLIC ASIO_STANDALONE ASIO_NO_DEPRECATED)");
    expect(cmake).toMatch(/add_library\(chat\n(  src\/[a-z_]+\.cpp\n)*  src\/profile\.cpp\n/);
    expect(findPackageNames(cmake)).toContain("asio");
    expect(cmake).toContain("    test/tcp_loopback_test.cpp\n    test/tcp_robustness_test.cpp\n");
    expect(paths).toContain("cpp/test/tcp_test_support.hpp");
  });

  it("prints the spec's constants and error answers (chat: Login authenticates, ErrorReply carries the refusal codes)", () => {
    const files = cppProjectFiles(example("chat"), { transport: "tcp" });
    const info = text(files, "cpp/include/chat/protocol_info.hpp");
    expect(info).toContain('inline constexpr std::optional<std::string_view> kAuthMessage = std::string_view("Login");');
    expect(info).toContain('inline constexpr std::string_view kTransport = std::string_view("tcp");');
    const profile = text(files, "cpp/src/profile.cpp");
    expect(profile).toContain('if (reason == "rate_limited") code = ErrorCode::kRateLimited;');
    expect(profile).toContain('if (*error == "message_too_long") code = ErrorCode::kMessageTooLong;');
    expect(profile).toContain("return request->password;");
    expect(text(files, "cpp/include/chat/profile.hpp")).toContain("inline constexpr bool kRateLimitAnswerable = true;");
  });

  it("is deterministic", () => {
    const a = cppProjectFiles(example("file-transfer"), { transport: "tcp" });
    const b = cppProjectFiles(example("file-transfer"), { transport: "tcp" });
    expect(a.map((f) => [f.path, String(f.content)])).toEqual(b.map((f) => [f.path, String(f.content)]));
  });
});
