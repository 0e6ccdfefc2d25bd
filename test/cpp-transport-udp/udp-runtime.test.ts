// The C++ UDP runtime's pieces that stand alone — the datagram header, the
// inbox, the duplicate window, the retransmitter with the retry policy's
// delays and its asio steady_timer waits (docs/wire-format.md section 10.2),
// src/emit/cpp/udp-runtime/include/ (copied only into UDP projects) — next to
// the generated layer's headers (cpp/include/<ns>/), compiled with the
// GoogleTest files in runtime/ here in both of the C++ profile's builds
// (every warning an error; ASan+UBSan) and run: every test must pass in each.
// Most timers are driven by hand; the asio ones wait 1 ms, the socket and link
// tests send real datagrams on 127.0.0.1 with bounded waits, and only counts
// and outcomes are checked.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cppLayerFiles } from "../../src/emit/cpp/index.js";
import { runtimeAssets } from "../../src/emit/runtime-assets.js";
import { CPP_SANITIZED_BUILDS, CPP_SANITIZER_ENV } from "../../sandboxes/profiles/cpp.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const TESTS = readdirSync(join(here, "runtime")).filter((f) => f.endsWith("_test.cpp")).sort();

describe("the C++ UDP runtime pieces", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-udp-runtime-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("datagram header, inbox, duplicate window, retransmitter, socket and link: every GoogleTest passes under ASan+UBSan with the warning flags (-Werror)", async () => {
    const [, spec] = EVERY_SPEC().find(([n]) => n === "chat") ?? [];
    if (!spec) throw new Error("the chat spec is missing");
    const files = cppLayerFiles(spec, { transport: "tcp" });
    const header = files.find((f) => /^cpp\/include\/[^/]+\/wire\.hpp$/.test(f.path));
    expect(header).toBeDefined();
    const ns = header!.path.split("/")[2]!;
    for (const f of files.filter((g) => g.path.startsWith("cpp/include/"))) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    // The pieces that stand alone (no generated spec facts); the channel, server and client are proven by the project's loopback tests.
    const STANDALONE = ["datagram_header", "datagram_inbox", "datagram_link", "datagram_socket", "duplicate_window", "retransmit", "retransmit_timer"];
    const udp = runtimeAssets("cpp", "udp-runtime").filter((a) => STANDALONE.some((n) => a.path === `include/${n}.hpp`));
    expect(udp.map((a) => a.path)).toEqual(STANDALONE.map((n) => `include/${n}.hpp`));
    for (const a of udp) writeFileSync(join(out, "cpp", "include", ns, a.path.slice("include/".length)), a.content.replace(/PROTOFORGE_NS/g, ns));
    const sources = TESTS.map((t) => {
      const path = join(out, t);
      writeFileSync(path, readFileSync(join(here, "runtime", t), "utf8").replace(/PROTOFORGE_NS/g, ns));
      return path;
    });
    const expected = sources.reduce((n, s) => n + (readFileSync(s, "utf8").match(/^TEST(_F)?\(/gm)?.length ?? 0), 0);
    expect(expected).toBeGreaterThanOrEqual(30);
    for (const build of CPP_SANITIZED_BUILDS) {
      const binary = join(out, `udp_runtime_tests${build.label === "" ? "" : "_asan"}`);
      await run("g++", ["-std=c++20", "-O0", "-g", ...build.flags.split(" "), "-I", join(out, "cpp", "include"), ...sources, "-lgtest", "-lgtest_main", "-pthread", "-o", binary], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
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
