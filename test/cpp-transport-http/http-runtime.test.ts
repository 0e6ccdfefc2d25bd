// The C++ HTTP transport's stand-alone runtime pieces — the SSE writer and
// reader (sse.hpp), the pre-session request checks (http_route.hpp), the
// bounded body (http_body.hpp) and the error bodies (http_error.hpp) —
// src/emit/cpp/http-runtime/include/, compiled with their GoogleTest files
// (http-runtime/test/) in both of the C++ profile's builds (every warning an
// error; ASan+UBSan) and run: every test must pass in each. Also the event
// outbox (http_outbox.hpp), the session key and bearer (http_session_key.hpp)
// and the SSE reader of pieces. Nothing here opens a socket; the outbox tests
// wait only for a thread that is woken at once.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runtimeAssets } from "../../src/emit/runtime-assets.js";
import { CPP_SANITIZED_BUILDS, CPP_SANITIZER_ENV } from "../../sandboxes/profiles/cpp.js";

const run = promisify(execFile);
const NS = "chat";

describe("the C++ HTTP transport's runtime pieces", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-http-runtime-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("SSE format, parser and reader, outbox, session key, routes, media type, sequence header, announced length, bounded body, error bodies and Retry-After: every GoogleTest passes under ASan+UBSan with the warning flags (-Werror)", async () => {
    const assets = runtimeAssets("cpp", "http-runtime");
    expect(assets.map((a) => a.path)).toEqual([
      "include/http_body.hpp",
      "include/http_client.hpp",
      "include/http_connection.hpp",
      "include/http_error.hpp",
      "include/http_outbox.hpp",
      "include/http_route.hpp",
      "include/http_server.hpp",
      "include/http_server_session.hpp",
      "include/http_session_key.hpp",
      "include/sse.hpp",
      "test-loopback/http_loopback_test.cpp",
      "test/http_body_test.cpp",
      "test/http_error_test.cpp",
      "test/http_outbox_test.cpp",
      "test/http_route_test.cpp",
      "test/http_session_key_test.cpp",
      "test/http_sse_test.cpp",
    ]);
    const sources: string[] = [];
    // The stand-alone pieces only: the server, client and loopback test need the layer (http-loopback.test.ts).
    for (const a of assets.filter((x) => x.path.startsWith("test/") || ["include/http_body.hpp", "include/http_error.hpp", "include/http_outbox.hpp", "include/http_route.hpp", "include/http_session_key.hpp", "include/sse.hpp"].includes(x.path))) {
      const path = a.path.startsWith("include/") ? join(out, "include", NS, a.path.slice("include/".length)) : join(out, a.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, a.content.replace(/PROTOFORGE_NS/g, NS));
      if (a.path.endsWith("_test.cpp")) sources.push(path);
    }
    const expected = sources.reduce((n, s) => n + (readFileSync(s, "utf8").match(/^TEST\(/gm)?.length ?? 0), 0);
    expect(expected).toBe(21);
    for (const build of CPP_SANITIZED_BUILDS) {
      const binary = join(out, `http_runtime_tests${build.label === "" ? "" : "_asan"}`);
      await run("g++", ["-std=c++20", "-O0", "-g", ...build.flags.split(" "), "-I", join(out, "include"), ...sources, "-lgtest", "-lgtest_main", "-pthread", "-o", binary], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
      const xml = `${binary}.xml`;
      const env = { ...process.env, GTEST_COLOR: "no", ...(build.label === "" ? {} : CPP_SANITIZER_ENV) };
      await run(binary, [`--gtest_output=xml:${xml}`], { env, timeout: 120_000 }).catch((e: { stdout?: string; message: string }) => {
        throw new Error(`${build.dir}: ${(e.stdout ?? "").slice(-4000)} ${e.message}`);
      });
      const totals = /<testsuites tests="(\d+)" failures="(\d+)" disabled="(\d+)" errors="(\d+)"/.exec(readFileSync(xml, "utf8"));
      expect({ build: build.dir, totals: totals?.slice(1).map(Number) }).toEqual({ build: build.dir, totals: [expected, 0, 0, 0] });
    }
  }, 900_000);
});
