// The C++ transport table, without a compiler: every transport kind has an
// entry, and a transport whose code is not generated yet is refused by name
// (CppTransportError "transport-not-generated"), never a half project.
import { describe, expect, it } from "vitest";
import { buildCppModel } from "../../src/emit/cpp/index.js";
import { findPackageNames, KNOWN_PACKAGES } from "../../sandboxes/profiles/cpp-packages.js";
import { coreRuntimeFiles, coreRuntimePaths } from "../../src/emit/cpp/transport/core-files.js";
import { CPP_TRANSPORTS, cppTransportFiles, CppTransportError } from "../../src/emit/cpp/transport/index.js";
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
      ["hub", "io_pool", "options", "rate_limit", "server_session", "trace"].map((h) => `cpp/include/${model.ns}/${h}.hpp`),
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
