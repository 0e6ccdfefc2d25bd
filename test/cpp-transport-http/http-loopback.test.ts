// The C++ HTTP transport's server and client (src/emit/cpp/http-runtime/:
// HttpServer, HttpServerSession, HttpClient over cpp-httplib) over real HTTP
// on 127.0.0.1: the chat layer, the transport core and the HTTP runtime as a
// project writes them, compiled with test-loopback/http_loopback_test.cpp (a
// hand-written dispatch) in both of the C++ profile's builds (every warning
// an error; ASan+UBSan) and run: every test must pass in each. Every wait in
// the tests is bounded (request timeouts, a 5 s read timeout).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createFileSet } from "../../src/emit/index.js";
import { buildCppModel, cppLayerFiles, librarySources } from "../../src/emit/cpp/index.js";
import { coreFiles } from "../../src/emit/cpp/transport/index.js";
import { httpFiles } from "../../src/emit/cpp/transport/http-files.js";
import { runtimeAssets } from "../../src/emit/runtime-assets.js";
import { CPP_SANITIZED_BUILDS, CPP_SANITIZER_ENV } from "../../sandboxes/profiles/cpp.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);

describe("the C++ HTTP server and client over loopback", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-http-loopback-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("answers, events, bearer, 504, 413, 429 and stop: every GoogleTest passes under ASan+UBSan with the warning flags (-Werror)", async () => {
    const [, spec] = EVERY_SPEC().find(([n]) => n === "chat") ?? [];
    if (!spec) throw new Error("the chat spec is missing");
    const model = buildCppModel(spec);
    const extra = createFileSet(spec.protocol);
    const core = coreFiles(extra, model, "http");
    const http = httpFiles(extra, model);
    expect(http.cmake).toContain("pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)");
    const written = [...cppLayerFiles(spec, { transport: "http" }), ...extra.finish()];
    for (const f of written.filter((g) => g.path.startsWith("cpp/include/") || g.path.startsWith("cpp/src/"))) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    const test = runtimeAssets("cpp", "http-runtime").find((a) => a.path === "test-loopback/http_loopback_test.cpp");
    expect(test).toBeDefined();
    const source = join(out, "http_loopback_test.cpp");
    writeFileSync(source, test!.content.replace(/PROTOFORGE_NS/g, model.ns));
    const expected = test!.content.match(/^TEST\(/gm)?.length ?? 0;
    expect(expected).toBe(5);
    const library = [...librarySources(model), ...core.sources].map((s) => join(out, "cpp", s));
    const pkg = await run("pkg-config", ["--cflags", "--libs", "cpp-httplib"]);
    const httplib = pkg.stdout.trim().split(/\s+/);
    for (const build of CPP_SANITIZED_BUILDS) {
      const binary = join(out, `http_loopback_tests${build.label === "" ? "" : "_asan"}`);
      // Each translation unit on its own, two at a time (the machine's two cores), then one link.
      const flags = ["-std=c++20", "-O0", "-g", "-DASIO_STANDALONE", "-DASIO_NO_DEPRECATED", ...build.flags.split(" "), ...httplib.filter((a) => a.startsWith("-D")), "-I", join(out, "cpp", "include"), "-I", join(out, "cpp", "src")];
      const units = [source, ...library];
      const objects = units.map((_, i) => join(out, `${build.dir}-${i}.o`));
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < units.length) {
          const i = next++;
          await run("g++", [...flags, "-c", units[i]!, "-o", objects[i]!], { timeout: 900_000, maxBuffer: 16 * 1024 * 1024 });
        }
      };
      await Promise.all([worker(), worker()]);
      await run("g++", [...build.flags.split(" "), ...objects, ...httplib.filter((a) => !a.startsWith("-D")), "-lgtest", "-lgtest_main", "-pthread", "-o", binary], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
      const xml = `${binary}.xml`;
      const env = { ...process.env, GTEST_COLOR: "no", ...(build.label === "" ? {} : CPP_SANITIZER_ENV) };
      await run(binary, [`--gtest_output=xml:${xml}`], { env, timeout: 120_000 }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${build.dir}: ${(e.stdout ?? "").slice(-4000)} ${(e.stderr ?? "").slice(-4000)} ${e.message}`);
      });
      const totals = /<testsuites tests="(\d+)" failures="(\d+)" disabled="(\d+)" errors="(\d+)"/.exec(readFileSync(xml, "utf8"));
      expect({ build: build.dir, totals: totals?.slice(1).map(Number) }).toEqual({ build: build.dir, totals: [expected, 0, 0, 0] });
    }
  }, 1_200_000);
});
