// The C++ toolchain: CMake, g++ and GoogleTest from the distribution. There is
// nothing to fetch (find_package finds installed packages; the prefetch only
// checks them, cpp-packages.ts); inside the sandbox, with no network, the
// project is configured, built and tested twice: a warning build (every
// warning an error) and an AddressSanitizer + UndefinedBehaviorSanitizer
// build whose whole suite must run clean. See docs/targets/cpp-toolchain.md.
import { checkCppPackages, INCLUDE_ROOTS } from "./cpp-packages.js";
import { parseCppOutput } from "./cpp-diagnostics.js";
import { CppToolchainNotFoundError } from "./cpp-errors.js";
import { readCtestCases } from "./cpp-ctest.js";
import { behaviourTestTarget } from "../../src/emit/cpp/cmake.js";
import { CPP_SEARCH_PATH, findCppToolchain, type CppToolchain } from "./cpp-toolchain.js";
import type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";

/** The floor of warnings, passed in CMAKE_CXX_FLAGS: the project sets them too, and may add more, never fewer. */
export const CPP_WARNING_FLAGS = "-Wall -Wextra -Wpedantic -Werror";
export const CPP_SANITIZER_FLAGS = "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all";

/** The two builds: folder, CMAKE_CXX_FLAGS, and the name the steps carry. */
export const CPP_BUILDS = [
  { dir: "build", flags: CPP_WARNING_FLAGS, label: "" },
  { dir: "build-asan", flags: `${CPP_WARNING_FLAGS} ${CPP_SANITIZER_FLAGS}`, label: " (asan+ubsan)" },
] as const;

/**
 * The sanitized build alone: it has the warning flags too (-Werror), so a
 * test of hand-written runtime pieces proves both with one compilation; the
 * sandbox still builds and tests every generated project both ways.
 */
export const CPP_SANITIZED_BUILDS: readonly (typeof CPP_BUILDS)[number][] = CPP_BUILDS.filter((b) => b.label !== "");

/** Where ctest writes its JUnit report, relative to the build folder. */
export const CTEST_JUNIT = "ctest-junit.xml";

const TiB = 1024 ** 4;
/**
 * RLIMIT_AS of the sanitized test step. On x86-64 ASan reserves its shadow
 * (14 TiB, and the gap it protects) and allocator space (4 TiB) as address space at start: under the
 * sandbox's default 4 GiB it aborts ("ReserveShadowMemoryRange failed ...
 * Perhaps you're using ulimit -v"); 20 TiB is still too little, 21 TiB is
 * enough (g++ 12's libasan). Real memory is bounded instead by ASan itself
 * (hard_rss_limit_mb, malloc_limit_mb in CPP_SANITIZER_ENV).
 */
export const ASAN_ADDRESS_SPACE_BYTES = 32 * TiB;

/** Memory of a sanitized test process, in MiB: the default sandbox limit's 4 GiB, as resident memory. */
export const ASAN_RSS_LIMIT_MB = 4096;

export const CPP_SANITIZER_ENV: Readonly<Record<string, string>> = {
  ASAN_OPTIONS: [
    "detect_leaks=1",
    "halt_on_error=1",
    "abort_on_error=0",
    "detect_stack_use_after_return=1",
    "strict_string_checks=1",
    "check_initialization_order=1",
    `hard_rss_limit_mb=${ASAN_RSS_LIMIT_MB}`,
    `malloc_limit_mb=${ASAN_RSS_LIMIT_MB}`,
    "color=never",
  ].join(":"),
  UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1:color=never",
  LSAN_OPTIONS: "color=never",
};

const QUIET_ENV: Readonly<Record<string, string>> = { GTEST_COLOR: "no", CLICOLOR: "0" };

export interface CppTools {
  readonly cmake: string;
  readonly cxx: string;
  readonly generator: CppToolchain["generator"];
}

export const DEFAULT_CPP_TOOLS: CppTools = { cmake: "/usr/bin/cmake", cxx: "/usr/bin/g++", generator: "Ninja" };

/** The sandboxed steps (pure): configure, build and ctest, in `build`, then again in `build-asan`. */
export function cppSteps(ctx: ProfileContext, tools: CppTools): SandboxStep[] {
  const ctest = tools.cmake.replace(/cmake$/, "ctest");
  return CPP_BUILDS.flatMap(({ dir, flags, label }): SandboxStep[] => {
    const report = `${dir}/${CTEST_JUNIT}`;
    const diagnostics = (text: string) => parseCppOutput(text, { projectDir: ctx.projectDir, report });
    const sanitized = label !== "";
    const env = sanitized ? { ...QUIET_ENV, ...CPP_SANITIZER_ENV } : QUIET_ENV;
    const configure = [
      tools.cmake,
      "-S", ".",
      "-B", dir,
      "-G", tools.generator,
      "-DCMAKE_BUILD_TYPE=Debug",
      `-DCMAKE_CXX_COMPILER=${tools.cxx}`,
      `-DCMAKE_CXX_FLAGS=${flags}`,
      // Tests are listed when ctest runs, not by running the test binary at build time.
      "-DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST",
    ];
    const test = [ctest, "--test-dir", dir, "--output-on-failure", "--no-tests=error", "-j2", "--output-junit", CTEST_JUNIT];
    return [
      // A cache left by an earlier run (another path, other flags) must not decide this one.
      { step: "compile", name: `cmake configure${label}`, argv: ["/bin/sh", "-c", `rm -f ${dir}/CMakeCache.txt && exec ${configure.map(shellQuote).join(" ")}`], env, wallClockMs: 120_000, diagnostics },
      { step: "compile", name: `cmake --build ${dir}`, argv: [tools.cmake, "--build", dir, "-j2"], env, wallClockMs: 600_000, diagnostics },
      {
        step: "test",
        name: `ctest${label}`,
        // A report left by an earlier run must not pass for this one's.
        argv: ["/bin/sh", "-c", `rm -f ${report} && exec ${test.map(shellQuote).join(" ")}`],
        env,
        wallClockMs: 600_000,
        ...(sanitized ? { addressSpaceBytes: ASAN_ADDRESS_SPACE_BYTES } : {}),
        diagnostics,
        cases: () => readCtestCases(ctx.projectDir, report),
      },
    ];
  });
}

export function createCppProfile(dirs: readonly string[] = CPP_SEARCH_PATH, includeRoots: readonly string[] = INCLUDE_ROOTS): ToolchainProfile {
  let detected: CppToolchain | undefined;
  const lookup = async (): Promise<CppToolchain> => {
    if (detected !== undefined) return detected;
    const found = await findCppToolchain(dirs);
    if ("missing" in found) throw new CppToolchainNotFoundError(dirs, found.missing, found.packages);
    detected = found.found;
    return detected;
  };
  const tools = (): CppTools => detected ?? DEFAULT_CPP_TOOLS;
  return {
    language: "cpp",

    async detect(): Promise<ToolchainInfo> {
      try {
        const t = await lookup();
        return { available: true, description: `CMake ${t.cmakeVersion} (${t.generator}), g++ ${t.cxxVersion} (${t.cxx})` };
      } catch (e) {
        return { available: false, description: "CMake and g++", reason: (e as Error).message };
      }
    },

    /** Nothing to fetch: checks the tools and the packages find_package asks for are installed. */
    async prefetch(ctx: ProfileContext): Promise<void> {
      await lookup();
      await checkCppPackages(ctx.projectDir, includeRoots);
    },

    steps: (ctx: ProfileContext): readonly SandboxStep[] => cppSteps(ctx, tools()),

    behaviourRun: (ctx: ProfileContext, workDir: string, tests: readonly string[]): SandboxStep => cppBehaviourRun(ctx, workDir, tests, tools()),
  };
}

/** The behaviour proof's build folder, in the scratch copy. */
export const CPP_PROOF_DIR = "build-proof";

/**
 * The behaviour proof's run: in the copy in `workDir`, only the coder's
 * behaviour tests (`test/behaviour_*_test.cpp`), which the generated
 * CMakeLists.txt builds into `<ns>_behaviour_tests` with the ctest label
 * `behaviour` (src/emit/cpp/cmake.ts): the library and that one executable
 * are built, in the warning build (-Werror), and `ctest -L behaviour` runs
 * them; the project's generated tests (about 1000 for chat) are neither
 * built nor run. `tests` is not needed: the glob finds exactly the files
 * the coder's policy lets it write.
 *
 * The target's namespace is read from the CMake cache (CMAKE_PROJECT_NAME,
 * the `project()` name CMake itself read): the profile knows only the
 * project's folder, and the step stays pure (it is made before the copy
 * is read). The build folder stays between the proof's runs, so a mutant
 * recompiles the files that include what it changed, not the library; a
 * cache made for another folder (copied with the project) is dropped.
 */
export function cppBehaviourRun(_ctx: ProfileContext, workDir: string, _tests: readonly string[], tools: CppTools): SandboxStep {
  const dir = CPP_PROOF_DIR;
  const report = `${dir}/${CTEST_JUNIT}`;
  const ctest = tools.cmake.replace(/cmake$/, "ctest");
  // No build type: no -g, which the proof does not read (a GoogleTest failure names its file and line without it); each run is a compile.
  const configure = [tools.cmake, "-S", ".", "-B", dir, "-G", tools.generator, `-DCMAKE_CXX_COMPILER=${tools.cxx}`, `-DCMAKE_CXX_FLAGS=${CPP_WARNING_FLAGS}`, "-DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST"];
  const script = [
    `grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$PWD" ${dir}/CMakeCache.txt 2>/dev/null || { rm -rf ${dir} && ${configure.map(shellQuote).join(" ")}; }`,
    `ns=$(sed -n 's/^CMAKE_PROJECT_NAME:STATIC=//p' ${dir}/CMakeCache.txt)`,
    `rm -f ${report}`,
    `${[tools.cmake, "--build", dir, "--target"].map(shellQuote).join(" ")} "${behaviourTestTarget("${ns}")}" -j2`,
    `exec ${[ctest, "--test-dir", dir, "-L", "behaviour", "--output-on-failure", "--no-tests=error", "--output-junit", CTEST_JUNIT].map(shellQuote).join(" ")}`,
  ].join(" && ");
  return {
    step: "test",
    name: "cmake + ctest -L behaviour (behaviour tests)",
    argv: ["/bin/sh", "-c", script],
    env: QUIET_ENV,
    wallClockMs: 300_000,
    cases: () => readCtestCases(workDir, report),
  };
}

export const cppProfile: ToolchainProfile = createCppProfile();

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
