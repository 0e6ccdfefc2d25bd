// The C++ HTTP transport (docs/wire-format.md section 10.3; decision 0008):
// the hand-written runtime under src/emit/cpp/http-runtime/include/ (SSE,
// routes, bounded bodies, error bodies, the session outbox and key, the
// client's connection, HttpServerSession, HttpServer, HttpClient) copied into
// cpp/include/<ns>/ with the namespace token replaced, and the CMake lines
// that find Debian's cpp-httplib through pkg-config (a shared library with no
// CMake package; its OPENSSL/ZLIB/BROTLI defines must reach every translation
// unit, so the library links the imported target PUBLIC), and the loopback
// GoogleTests (http-loopback.ts) and the facades end to end (facade-loopback.ts).
import type { FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { CppModel } from "../model.js";
import { facadeLoopbackTests } from "./facade-loopback.js";
import { httpLoopbackTests } from "./http-loopback.js";
import type { CppTransportEmitter, CppTransportPart } from "./part.js";

const TOKEN = /PROTOFORGE_NS/g;

/** The HTTP runtime headers as [asset path, project path], sorted by asset path. */
export function httpRuntimeHeaders(model: CppModel): { path: string; content: string; target: string }[] {
  return runtimeAssets("cpp", "http-runtime")
    .filter((a) => a.path.startsWith("include/") && a.path.endsWith(".hpp"))
    .map((a) => ({ path: a.path, content: a.content, target: `cpp/include/${model.ns}/${a.path.slice("include/".length)}` }));
}

/** CMake: cpp-httplib through pkg-config, linked PUBLIC into the library (its defines shape the class layouts). */
export function httpCmakeLines(model: CppModel): string[] {
  return [
    "# HTTP: Debian's cpp-httplib (libcpp-httplib-dev) is a shared library found with pkg-config (decision 0008).",
    "find_package(PkgConfig REQUIRED)",
    "pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)",
    `target_link_libraries(${model.ns} PUBLIC PkgConfig::HTTPLIB)`,
  ];
}

/** The installed package config finds cpp-httplib again: the exported library links PkgConfig::HTTPLIB. */
export const HTTP_CONFIG_LINES: readonly string[] = ["find_dependency(PkgConfig)", "pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)"];

export const httpFiles: CppTransportEmitter = (files: FileSet, model: CppModel): CppTransportPart => {
  for (const asset of httpRuntimeHeaders(model)) {
    const f = files.file(asset.target, "cpp");
    f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
    f.finish();
  }
  const tests = [...httpLoopbackTests(files, model), ...facadeLoopbackTests(files, model, "http")];
  return { sources: [], tests, cmake: httpCmakeLines(model), config: HTTP_CONFIG_LINES };
};
