// What can go wrong building a CMake + GoogleTest project, each with a code,
// the place (CMakeLists.txt, a source file and line, the JUnit report) and
// what to do about it. detect()/prefetch throw the first two; the sandboxed
// steps report the others as diagnostics of the step that failed
// (cpp-diagnostics.ts, cpp-sanitizer.ts).

/** The Debian package of each tool the C++ build runs (and .ci/run installs). */
export const CPP_TOOL_PACKAGES: Readonly<Record<string, string>> = { cmake: "cmake", "g++": "g++", ninja: "ninja-build", make: "make" };

export class CppToolchainNotFoundError extends Error {
  override readonly name = "CppToolchainNotFoundError";
  readonly code = "cpp-toolchain-not-found";
  constructor(readonly searched: readonly string[], detail: string, readonly packages: readonly string[]) {
    super(`${detail} (looked in ${searched.join(", ")}); install ${packages.length === 1 ? "it" : "them"} with apt-get install ${packages.join(" ")}`);
  }
}

/** A package the project asks for with find_package is not installed: it comes from the distribution, never from the network at build time. */
export class CppPackageMissingError extends Error {
  override readonly name = "CppPackageMissingError";
  readonly code = "cpp-package-missing";
  constructor(readonly cmakeLists: string, readonly missing: readonly { readonly name: string; readonly apt: string }[]) {
    super(
      `${cmakeLists}: find_package(${missing.map((m) => m.name).join("), find_package(")}) has no installed package; ` +
        `install it with apt-get install ${[...new Set(missing.map((m) => m.apt))].join(" ")}`,
    );
  }
}

export class CppConfigureError extends Error {
  override readonly name = "CppConfigureError";
  readonly code = "cpp-configure-failed";
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}: CMake could not configure the project: ${detail}`);
  }
}

export class CppBuildError extends Error {
  override readonly name = "CppBuildError";
  readonly code = "cpp-build-failed";
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(
      `${file}${line === undefined ? "" : `:${line}`}: ${detail} ` +
        "(g++ runs with -Wall -Wextra -Wpedantic -Werror: a warning fails the build; fix it rather than silencing it)",
    );
  }
}

export class CppTestsFailedError extends Error {
  override readonly name = "CppTestsFailedError";
  readonly code = "cpp-tests-failed";
  constructor(readonly report: string, readonly failed: readonly string[]) {
    super(`${failed.length} test(s) failed: ${failed.join(", ")}; ${report} holds each test's output`);
  }
}

/** AddressSanitizer or UndefinedBehaviorSanitizer stopped a test: a memory or undefined-behaviour bug, even when the plain build's tests passed. */
export class CppSanitizerError extends Error {
  override readonly name = "CppSanitizerError";
  readonly code = "cpp-sanitizer-report";
  constructor(readonly sanitizer: string, readonly kind: string, readonly file: string | undefined, readonly line: number | undefined, readonly test: string | undefined) {
    super(
      `${file === undefined ? "" : `${file}${line === undefined ? "" : `:${line}`}: `}${sanitizer}: ${kind}` +
        `${test === undefined ? "" : ` in test ${test}`} (the sanitizer build must run clean: fix the bug, do not suppress the report)`,
    );
  }
}
