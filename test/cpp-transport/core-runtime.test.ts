// The C++ transport core's runtime pieces — rate limit and token bucket,
// trace lines, the io pool over standalone asio, hub, ServerSession::handle
// against the generated profile — and the generated project's TCP tests
// (test/tcp_loopback_test.cpp and tcp_robustness_test.cpp: TcpServer,
// TcpClient and a raw misbehaving peer over 127.0.0.1).
// The runtime headers come from cppProjectFiles(chat, tcp) (copied into
// cpp/include/<ns>/), compiled with the GoogleTest files in runtime/ here,
// the loopback test and the layer's library (with profile.cpp) in both of the
// C++ profile's builds (every warning an error; ASan+UBSan) and run: every
// test must pass in each. The bucket's clock is driven by hand; the loopback
// waits only on deadlines and the quiet time under test.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildCppModel, cppProjectFiles, librarySources } from "../../src/emit/cpp/index.js";
import { CPP_SANITIZED_BUILDS, CPP_SANITIZER_ENV } from "../../sandboxes/profiles/cpp.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const TESTS = readdirSync(join(here, "runtime")).filter((f) => f.endsWith("_test.cpp")).sort();

describe("the C++ transport core's runtime pieces", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-core-runtime-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("token bucket, trace lines, io pool, hub, session handle, the TCP loopback and robustness: every GoogleTest passes under ASan+UBSan with the warning flags (-Werror)", async () => {
    const [, spec] = EVERY_SPEC().find(([n]) => n === "chat") ?? [];
    if (!spec) throw new Error("the chat spec is missing");
    const files = cppProjectFiles(spec, { transport: "tcp" });
    const header = files.find((f) => /^cpp\/include\/[^/]+\/wire\.hpp$/.test(f.path));
    expect(header).toBeDefined();
    const ns = header!.path.split("/")[2]!;
    for (const f of files.filter((g) => g.path.startsWith("cpp/include/") || g.path.startsWith("cpp/src/"))) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    // The project has the core headers (copied, namespace in place) next to the layer's.
    for (const h of ["hub", "io_pool", "options", "rate_limit", "server_session", "trace", "verdict", "client_base"]) {
      expect(readFileSync(join(out, "cpp", "include", ns, `${h}.hpp`), "utf8")).toContain(`namespace ${ns} {`);
    }
    // The session base uses the generated messages, role machine and profile: the layer's library and profile.cpp are linked in.
    const library = [...librarySources(buildCppModel(spec)), "src/profile.cpp"].map((s) => join(out, "cpp", s));
    const sources = TESTS.map((t) => {
      const path = join(out, t);
      writeFileSync(path, readFileSync(join(here, "runtime", t), "utf8").replace(/PROTOFORGE_NS/g, ns));
      return path;
    });
    // The project's own TCP tests (loopback and robustness over 127.0.0.1, their support header) run in the same binary;
    // the facade test (the demo's session headers and samples, which this binary does not write; +27 s to compile under ASan) is the generated project's alone.
    const tcpTests = files.filter((f) => /^cpp\/test\/tcp_[a-z_]+\.(cpp|hpp)$/.test(f.path) && f.path !== "cpp/test/tcp_facade_test.cpp");
    expect(tcpTests.map((f) => f.path).sort()).toEqual(["cpp/test/tcp_loopback_test.cpp", "cpp/test/tcp_robustness_test.cpp", "cpp/test/tcp_test_support.hpp"]);
    for (const f of tcpTests) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
      if (path.endsWith(".cpp")) sources.push(path);
    }
    const expected = sources.reduce((n, s) => n + (readFileSync(s, "utf8").match(/^TEST(_F)?\(/gm)?.length ?? 0), 0);
    expect(expected).toBeGreaterThanOrEqual(4 + 6 + 9 + 8);
    for (const build of CPP_SANITIZED_BUILDS) {
      const binary = join(out, `core_runtime_tests${build.label === "" ? "" : "_asan"}`);
      await run("g++", ["-std=c++20", "-O0", "-g", "-DASIO_STANDALONE", "-DASIO_NO_DEPRECATED", ...build.flags.split(" "), "-I", join(out, "cpp", "include"), "-I", join(out, "cpp", "src"), ...sources, ...library, "-lgtest", "-lgtest_main", "-pthread", "-o", binary], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
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
