// The C++ (CMake + GoogleTest) profile for real: CMake, g++ and GoogleTest
// from the distribution, nothing fetched, and the fixture configured, built
// and tested offline in the real sandbox by the tester, twice: the warning
// build and the ASan+UBSan build. Passing (with the sandbox's network
// checked from inside by a fixture test), with a failing assertion, with a
// warning under -Werror, with a find_package CMake cannot satisfy, and with a
// heap-buffer-overflow and a signed overflow that only the sanitizers catch.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { ctestCases } from "../../sandboxes/profiles/cpp-ctest.js";
import { parseCppOutput } from "../../sandboxes/profiles/cpp-diagnostics.js";
import { findPackageNames } from "../../sandboxes/profiles/cpp-packages.js";
import { CPP_SEARCH_PATH } from "../../sandboxes/profiles/cpp-toolchain.js";
import { cppProfile, createCppProfile, CPP_SANITIZER_ENV } from "../../sandboxes/profiles/cpp.js";
import type { ToolchainProfile } from "../../sandboxes/profiles/index.js";
import { testGeneratedProject } from "../../sandboxes/tester.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const FIXTURE = "test/fixtures/cpp-cmake";
const runner = createSandboxRunner();
const TIMEOUT = 180_000;
const PROFILES: Readonly<Record<string, ToolchainProfile>> = { cpp: cppProfile };
const ALL_STEPS = ["cmake configure", "cmake --build build", "ctest", "cmake configure (asan+ubsan)", "cmake --build build-asan", "ctest (asan+ubsan)"];

/** A fresh output folder holding the fixture as OUT/cpp, with `extra` files written over it. */
async function outputFolder(label: string, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const out = await tempDir(`cpp-${label}`);
  await cp(FIXTURE, join(out, "cpp"), { recursive: true });
  for (const [path, text] of Object.entries(extra)) {
    await mkdir(join(out, "cpp", path, ".."), { recursive: true });
    await writeFile(join(out, "cpp", path), text);
  }
  return out;
}

const fixtureFile = (path: string): Promise<string> => readFile(join(FIXTURE, path), "utf8");
const stepsOf = (steps: readonly { name: string; ok: boolean }[] | undefined) => steps?.map((s) => [s.name, s.ok]);

beforeAll(async () => {
  const probe = await runner.probe();
  if (!probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
});
afterAll(removeTempDirs);

describe("what the C++ profile reads", () => {
  it("find_package names from CMakeLists.txt, comments left out", async () => {
    expect(findPackageNames(await fixtureFile("CMakeLists.txt"))).toEqual(["GTest"]);
    expect(findPackageNames("# find_package(Old)\nfind_package(Threads REQUIRED)\n#[[ find_package(Gone) ]]\nFIND_PACKAGE( nlohmann_json 3.11 )\nfind_package(Threads)\n")).toEqual(["Threads", "nlohmann_json"]);
  });

  it("g++'s findings, a CMake error, ld, and ctest's failed tests from the steps' output", () => {
    const output = [
      "/p/src/crc8.cpp: In function 'uint8_t fixture::crc8(std::span<const unsigned char>)':",
      "/p/src/crc8.cpp:7:7: error: unused variable 'unused' [-Werror=unused-variable]",
      "/usr/include/c++/12/bits/x.h:3:1: warning: something in a system header",
      "CMake Error at CMakeLists.txt:20 (find_package):",
      "  Could not find a package configuration file provided by \"NoSuchThing\".",
      "",
      "/usr/bin/ld: /p/src/reader.cpp:12: undefined reference to `fixture::missing()'",
      "The following tests FAILED:",
      "\t  1 - Crc8.MatchesTheCheckValue (Failed)",
      "\t  7 - Planted.HeapOverflow (Subprocess aborted)",
      "Errors while running CTest",
    ].join("\n");
    expect(parseCppOutput(output, { projectDir: "/p", report: "build/ctest-junit.xml" })).toEqual([
      { severity: "error", message: "unused variable 'unused' [-Werror=unused-variable]", location: { file: "src/crc8.cpp", line: 7 } },
      { severity: "warning", message: "something in a system header", location: { file: "/usr/include/c++/12/bits/x.h", line: 3 } },
      { severity: "error", code: "cpp-configure-failed", location: { file: "CMakeLists.txt", line: 20 }, message: expect.stringContaining('find_package: Could not find a package configuration file provided by "NoSuchThing"') },
      { severity: "error", message: "ld: undefined reference to `fixture::missing()'", location: { file: "src/reader.cpp", line: 12 } },
      { severity: "error", code: "cpp-build-failed", location: { file: "src/crc8.cpp", line: 7 }, message: expect.stringMatching(/^src\/crc8\.cpp:7: unused variable .*-Werror/) },
      { severity: "error", code: "cpp-tests-failed", message: expect.stringContaining("2 test(s) failed: Crc8.MatchesTheCheckValue, Planted.HeapOverflow; build/ctest-junit.xml") },
    ]);
  });

  it("a sanitizer report is placed at the first frame in the project's sources, with its test", () => {
    const output = [
      "7/8 Test #7: Planted.HeapOverflow .............***Failed    0.21 sec",
      "==42==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000020 at pc 0x1 bp 0x2 sp 0x3",
      "READ of size 4 at 0x602000000020 thread T0",
      "    #0 0x55d1 in sink(int const*, unsigned long) /p/build-asan/generated.cpp:3",
      "    #1 0x55d2 in Planted_HeapOverflow_Test::TestBody() /p/test/planted_test.cpp:14",
      "    #2 0x55d3 in testing::Test::Run() (/usr/lib/x86_64-linux-gnu/libgtest.so.1.12.1+0x5)",
      "8/8 Test #8: Planted.SignedOverflow ...........***Failed    0.20 sec",
      "/usr/include/c++/12/x.h:5:3: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
      "    #0 0x1 in add(int, int) /usr/include/c++/12/x.h:5",
      "    #1 0x2 in Planted_SignedOverflow_Test::TestBody() /p/test/planted_test.cpp:21",
      "==43==ReserveShadowMemoryRange failed while trying to map 0xdfff0001000 bytes. Perhaps you're using ulimit -v",
      "==44==AddressSanitizer: hard rss limit exhausted (4096Mb vs 4133Mb)",
      "==44==Process memory map follows:",
      "\t0x00007fff7000-0x00008fff7000\t",
    ].join("\n");
    expect(parseCppOutput(output, { projectDir: "/p", report: "r" })).toEqual([
      { severity: "error", code: "cpp-sanitizer-report", location: { file: "test/planted_test.cpp", line: 14 }, message: expect.stringMatching(/^test\/planted_test\.cpp:14: AddressSanitizer: heap-buffer-overflow in test Planted\.HeapOverflow \(/) },
      { severity: "error", code: "cpp-sanitizer-report", location: { file: "test/planted_test.cpp", line: 21 }, message: expect.stringContaining("test/planted_test.cpp:21: UndefinedBehaviorSanitizer: signed integer overflow in test Planted.SignedOverflow") },
      { severity: "error", code: "cpp-sanitizer-report", message: expect.stringContaining("AddressSanitizer: could not reserve its shadow memory") },
      { severity: "error", code: "cpp-sanitizer-report", message: expect.stringContaining("AddressSanitizer: hard rss limit exhausted (4096Mb) in test Planted.SignedOverflow") },
    ]);
  });

  it("ctest's JUnit: Suite.Name split, a GoogleTest failure's message and place from the test's output", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="(empty)" tests="2" failures="1">
  <testcase name="Crc8.MatchesTheCheckValue" classname="Crc8.MatchesTheCheckValue" time="0.01" status="fail"><failure message=""/>
    <system-out>[ RUN      ] Crc8.MatchesTheCheckValue
/p/test/crc8_test.cpp:11: Failure
Expected equality of these values:
  fixture::crc8(check)
    Which is: '\\xF4' (244)
  0xF5
    Which is: 245
[  FAILED  ] Crc8.MatchesTheCheckValue (0 ms)
</system-out></testcase>
  <testcase name="Reader.ReadsBigEndianFields" classname="Reader.ReadsBigEndianFields" time="0.002" status="run"><system-out>ok</system-out></testcase>
</testsuite>`;
    expect(ctestCases(xml, "/p")).toEqual([
      {
        suite: "Crc8",
        name: "MatchesTheCheckValue",
        status: "failed",
        durationMs: 10,
        message: "Expected equality of these values: fixture::crc8(check) Which is: '\\xF4' (244) 0xF5 Which is: 245",
        location: { file: "test/crc8_test.cpp", line: 11 },
      },
      { suite: "Reader", name: "ReadsBigEndianFields", status: "passed", durationMs: 2 },
    ]);
  });
});

describe("cppProfile.detect and prefetch: nothing fetched, missing things named with their apt package", () => {
  it("finds CMake 3.21+ with a generator and g++ where the sandbox's PATH looks", async () => {
    const info = await cppProfile.detect();
    expect(info.available, info.reason).toBe(true);
    expect(info.description).toMatch(/^CMake 3\.(2[1-9]|[3-9]\d)\.\d+ \((Ninja|Unix Makefiles)\), g\+\+ \d+\.\d+\.\d+ \(\/usr(\/local)?\/bin\/g\+\+\)$/);
  });

  it("without cmake, g++ and a build tool: not available, and the prefetch fails with the packages to install", async () => {
    const empty = await tempDir("cpp-no-tools");
    const profile = createCppProfile([empty]);
    const info = await profile.detect();
    expect(info.available).toBe(false);
    expect(info.reason).toContain("no cmake, no g++, no ninja");
    await expect(profile.prefetch({ projectDir: empty, cacheDir: empty })).rejects.toMatchObject({
      name: "CppToolchainNotFoundError",
      code: "cpp-toolchain-not-found",
      message: expect.stringContaining("apt-get install cmake g++ ninja-build"),
    });
  });

  it("without GoogleTest's headers: CppPackageMissingError naming find_package(GTest) and libgtest-dev", async () => {
    const out = await outputFolder("no-gtest");
    const noHeaders = await tempDir("cpp-no-headers");
    const projectDir = join(out, "cpp");
    await expect(createCppProfile(CPP_SEARCH_PATH, [noHeaders]).prefetch({ projectDir, cacheDir: noHeaders })).rejects.toMatchObject({
      code: "cpp-package-missing",
      message: `${projectDir}/CMakeLists.txt: find_package(GTest) has no installed package; install it with apt-get install libgtest-dev`,
    });
    await expect(cppProfile.prefetch({ projectDir, cacheDir: noHeaders })).resolves.toBeUndefined();
  });
});

describe("the C++ fixture in the sandbox, offline", () => {
  it("passes both builds: every GoogleTest case counted from ctest's JUnit XML, and no network inside", async () => {
    const out = await outputFolder("pass");
    const [result] = await testGeneratedProject({ outDir: out, languages: ["cpp"], runner, profiles: PROFILES });
    expect(result?.skippedReason).toBeUndefined();
    expect(stepsOf(result?.steps)).toEqual(ALL_STEPS.map((s) => [s, true]));
    expect(result?.ok).toBe(true);
    expect(result?.summary).toEqual({ suites: 3, tests: 6, passed: 6, failed: 0, errored: 0, skipped: 0 });
    expect(result?.cases.map((c) => `${c.suite}.${c.name}`).sort()).toEqual([
      "Crc8.AppendingTheChecksumLeavesZero",
      "Crc8.MatchesTheCheckValue",
      "Reader.ReadsBigEndianFields",
      "Reader.RefusesToReadPastTheEnd",
      // From inside: loopback alone, and no route to any other host.
      "SandboxNetwork.ReachesNoOtherHost",
      "SandboxNetwork.SeesOnlyItsOwnLoopback",
    ]);
    expect(result?.steps.flatMap((s) => s.diagnostics)).toEqual([]);
    // The sanitized tests need their raised address-space limit: under the
    // sandbox's default 4 GiB, ASan cannot even start.
    const projectDir = join(out, "cpp");
    const capped = await runner.run({ argv: ["ctest", "--test-dir", "build-asan", "--output-on-failure", "-R", "Crc8.MatchesTheCheckValue"], cwd: projectDir, writableDir: projectDir, env: CPP_SANITIZER_ENV });
    expect(capped.exitCode).not.toBe(0);
    expect(parseCppOutput(`${capped.stdout}${capped.stderr}`, { projectDir, report: "r" })).toContainEqual(
      expect.objectContaining({ code: "cpp-sanitizer-report", message: expect.stringContaining("could not reserve its shadow memory") }),
    );
  }, TIMEOUT);

  it("a broken assertion: the plain ctest step fails with the case by name, its message and its line", async () => {
    const test = (await fixtureFile("test/crc8_test.cpp")).replace("0xF4)", "0xF5)");
    const out = await outputFolder("fail", { "test/crc8_test.cpp": test });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["cpp"], runner, profiles: PROFILES });
    expect(result?.ok).toBe(false);
    expect(stepsOf(result?.steps)).toEqual([...ALL_STEPS.slice(0, 2).map((s) => [s, true]), ["ctest", false]]);
    expect(result?.summary).toMatchObject({ tests: 6, passed: 5, failed: 1, errored: 0 });
    expect(result?.cases.filter((c) => c.status !== "passed")).toEqual([
      expect.objectContaining({ suite: "Crc8", name: "MatchesTheCheckValue", status: "failed", message: expect.stringMatching(/^Expected equality of these values: fixture::crc8\(check\) .*0xF5/), location: { file: "test/crc8_test.cpp", line: 11 } }),
    ]);
    expect(result?.steps[2]?.diagnostics).toEqual([expect.objectContaining({ code: "cpp-tests-failed", message: expect.stringContaining("1 test(s) failed: Crc8.MatchesTheCheckValue") })]);
  }, TIMEOUT);

  it("an unused variable fails the build under -Werror, with its file and line", async () => {
    const crc = (await fixtureFile("src/crc8.cpp")).replace("  std::uint8_t crc = 0;\n", "  std::uint8_t crc = 0;\n  int unused = 3;\n");
    const out = await outputFolder("warning", { "src/crc8.cpp": crc });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["cpp"], runner, profiles: PROFILES });
    expect(stepsOf(result?.steps)).toEqual([["cmake configure", true], ["cmake --build build", false]]);
    expect(result?.steps[1]?.diagnostics).toEqual([
      { severity: "error", message: expect.stringMatching(/^unused variable .unused. \[-Werror=unused-variable\]$/), location: { file: "src/crc8.cpp", line: 7 } },
      expect.objectContaining({ code: "cpp-build-failed", location: { file: "src/crc8.cpp", line: 7 } }),
    ]);
    expect(result?.cases).toEqual([]);
  }, TIMEOUT);

  it("a package CMake cannot find: the configure step fails at the find_package line", async () => {
    const lists = (await fixtureFile("CMakeLists.txt")).replace("find_package(GTest REQUIRED)\n", "find_package(GTest REQUIRED)\nfind_package(ProtoforgeAbsent REQUIRED)\n");
    const line = lists.split("\n").indexOf("find_package(ProtoforgeAbsent REQUIRED)") + 1;
    const out = await outputFolder("configure", { "CMakeLists.txt": lists });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["cpp"], runner, profiles: PROFILES });
    expect(stepsOf(result?.steps)).toEqual([["cmake configure", false]]);
    expect(result?.steps[0]?.diagnostics).toEqual([
      expect.objectContaining({ code: "cpp-configure-failed", location: { file: "CMakeLists.txt", line }, message: expect.stringContaining('"ProtoforgeAbsent"') }),
    ]);
  }, TIMEOUT);

  it("a heap-buffer-overflow and a signed overflow pass the plain build and fail the sanitizer build, each at its line", async () => {
    const planted = [
      "#include <cstddef>",
      "#include <limits>",
      "#include <vector>",
      "",
      "#include <gtest/gtest.h>",
      "",
      "namespace {",
      "volatile int sink = 0;",
      "}  // namespace",
      "",
      "TEST(Planted, HeapOverflow) {",
      "  std::vector<int> values(4, 7);",
      "  const std::size_t end = values.size();",
      "  sink = values.data()[end];",
      "  EXPECT_EQ(values.size(), 4U);",
      "}",
      "",
      "TEST(Planted, SignedOverflow) {",
      "  const int big = std::numeric_limits<int>::max();",
      "  const int one = sink == 12345 ? 2 : 1;",
      "  const int sum = big + one;",
      "  EXPECT_NE(sum, 0);",
      "}",
      "",
    ].join("\n");
    const lists = (await fixtureFile("CMakeLists.txt")).replace("test/sandbox_network_test.cpp)", "test/sandbox_network_test.cpp test/planted_test.cpp)");
    const out = await outputFolder("sanitizers", { "test/planted_test.cpp": planted, "CMakeLists.txt": lists });
    const [result] = await testGeneratedProject({ outDir: out, languages: ["cpp"], runner, profiles: PROFILES });
    expect(stepsOf(result?.steps)).toEqual([...ALL_STEPS.slice(0, 5).map((s) => [s, true]), ["ctest (asan+ubsan)", false]]);
    expect(result?.summary).toMatchObject({ tests: 8, passed: 6, failed: 2 });
    expect(result?.cases.filter((c) => c.status !== "passed")).toEqual([
      expect.objectContaining({ suite: "Planted", name: "HeapOverflow", status: "failed", message: "AddressSanitizer: heap-buffer-overflow", location: { file: "test/planted_test.cpp", line: 14 } }),
      expect.objectContaining({ suite: "Planted", name: "SignedOverflow", status: "failed", message: "UndefinedBehaviorSanitizer: signed integer overflow", location: { file: "test/planted_test.cpp", line: 21 } }),
    ]);
    expect(result?.steps[5]?.diagnostics).toEqual([
      expect.objectContaining({ code: "cpp-sanitizer-report", location: { file: "test/planted_test.cpp", line: 14 }, message: expect.stringContaining("AddressSanitizer: heap-buffer-overflow in test Planted.HeapOverflow") }),
      expect.objectContaining({ code: "cpp-sanitizer-report", location: { file: "test/planted_test.cpp", line: 21 }, message: expect.stringContaining("UndefinedBehaviorSanitizer: signed integer overflow in test Planted.SignedOverflow") }),
      expect.objectContaining({ code: "cpp-tests-failed", message: expect.stringContaining("2 test(s) failed: Planted.HeapOverflow, Planted.SignedOverflow") }),
    ]);
  }, TIMEOUT);
});
