// What can go wrong building a Maven project, each with a code, the place
// (the pom, a source file, the reports folder) and what to do about it.
// Prefetch throws the first three; the sandboxed steps report the others as
// diagnostics of the step that failed (java-diagnostics.ts).

/** Apt packages that bring Maven and a JDK 17 on Debian (and on CI, .ci/run). */
export const JAVA_APT_PACKAGES = "maven openjdk-17-jdk-headless";

export class MavenNotFoundError extends Error {
  override readonly name = "MavenNotFoundError";
  readonly code = "maven-not-found";
  constructor(readonly searched: readonly string[], detail: string) {
    super(`${detail} (looked in ${searched.join(", ")}); install them with apt-get install ${JAVA_APT_PACKAGES}`);
  }
}

/** The pom asks for something the networked prefetch will not do outside the sandbox. */
export class MavenPomRefusedError extends Error {
  override readonly name = "MavenPomRefusedError";
  readonly code = "maven-pom-refused";
  constructor(readonly pom: string, detail: string) {
    super(`${pom}: ${detail}`);
  }
}

export class MavenPrefetchError extends Error {
  override readonly name = "MavenPrefetchError";
  readonly code = "maven-prefetch-failed";
  constructor(readonly pom: string, readonly goal: string, detail: string) {
    super(
      `could not fetch the dependencies of ${pom} into the local repository (${goal}): ${detail}; ` +
        "check the coordinates and versions it names (this step alone has Maven Central), then run again",
    );
  }
}

/** The offline build needed an artifact the prefetch did not put in the cache. */
export class MavenOfflineBuildError extends Error {
  override readonly name = "MavenOfflineBuildError";
  readonly code = "maven-offline-artifact-missing";
  constructor(readonly pom: string, readonly artifact: string, readonly repository: string) {
    super(
      `the offline build of ${pom} needs ${artifact}, which is not in ${repository}: ` +
        "declare it in the pom (a test-scoped dependency, or a pinned plugin) so the prefetch resolves it, then run again",
    );
  }
}

export class JavaCompileError extends Error {
  override readonly name = "JavaCompileError";
  readonly code = "java-compile-failed";
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${detail} (javac runs with -Xlint:all -Werror: a warning fails the build; fix it rather than silencing it)`);
  }
}

export class JavaTestsFailedError extends Error {
  override readonly name = "JavaTestsFailedError";
  readonly code = "java-tests-failed";
  constructor(readonly reports: string, readonly failed: readonly string[]) {
    super(`${failed.length} test(s) failed: ${failed.join(", ")}; the surefire reports in ${reports} hold each failure's message and stack`);
  }
}
