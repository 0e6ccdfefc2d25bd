// What the coder may write (pure). The protocol layer is compiled from the
// spec and locked: every generated file recorded in .protoforge/files.json,
// golden-vector tests included. The coder owns only behaviour files (the
// files the emitter marks `ownership: "user"`, e.g. python/src/<pkg>/handlers.py,
// and behaviour modules next to them) and its own tests (a naming rule per
// language, e.g. python/tests/test_behaviour_*.py). Anything else is refused.
import { posix } from "node:path";
import type { KnownLanguage, TargetLanguage } from "../../src/emit/target.js";

export interface LanguagePolicy {
  readonly language: KnownLanguage;
  /** The coder's own tests, relative to the language folder. */
  readonly coderTest: RegExp;
  /** New behaviour modules the coder may add, relative to the language folder. */
  readonly behaviourModule: RegExp;
  /** Any test file of the project (generated or the coder's), relative to the language folder. */
  readonly testFile: RegExp;
  /** Source files (code, not tests), relative to the language folder. */
  readonly codeFile: RegExp;
  /** How the tester builds and tests, in words for the coder's prompt. */
  readonly testCommand: string;
  /** Example names, for refusal messages. */
  readonly examples: { readonly test: string; readonly behaviour: string };
  /** The Markdown fence's info string for the language's files in the prompt (`js`, `cpp`). */
  readonly fence: string;
}

/** The target languages' policies, and the planned languages' ready for their descriptors. */
export const LANGUAGE_POLICIES: { readonly [L in KnownLanguage]: LanguagePolicy } = {
  python: {
    language: "python",
    fence: "python",
    coderTest: /^tests\/test_behaviour_[a-z0-9_]+\.py$/,
    behaviourModule: /^src\/[a-z_][a-z0-9_]*\/behaviour_[a-z0-9_]+\.py$/,
    testFile: /^tests\/(?:.+\/)?(?:test_[^/]+|[^/]+_test)\.py$/,
    codeFile: /^src\/.+\.py$/,
    testCommand:
      "`pip install -e '.[dev]'` in a fresh virtual environment, then `python -W error -m compileall -q src tests`, `mypy --strict src tests` and `python -m pytest` (unittest-style tests)",
    examples: { test: "tests/test_behaviour_reports.py", behaviour: "src/<package>/behaviour_store.py" },
  },
  javascript: {
    language: "javascript",
    fence: "js",
    coderTest: /^test\/behaviour-[a-z0-9-]+\.test\.(?:js|mjs)$/,
    behaviourModule: /^src\/behaviour-[a-z0-9-]+\.(?:js|mjs)$/,
    testFile: /^test\/.+\.test\.(?:js|mjs)$/,
    codeFile: /^src\/.+\.(?:js|mjs)$/,
    testCommand: "`npm ci`, then `tsc --noEmit` with checkJs and `node --test`",
    examples: { test: "test/behaviour-reports.test.js", behaviour: "src/behaviour-store.js" },
  },
  java: {
    language: "java",
    fence: "java",
    coderTest: /^src\/test\/java\/(?:[A-Za-z0-9_]+\/)*Behaviour[A-Za-z0-9_]*Test\.java$/,
    behaviourModule: /^src\/main\/java\/(?:[A-Za-z0-9_]+\/)*Behaviour[A-Za-z0-9_]*\.java$/,
    testFile: /^src\/test\/java\/.+Test\.java$/,
    codeFile: /^src\/main\/java\/.+\.java$/,
    testCommand: "`mvn -o verify` (javac -Xlint -Werror, JUnit 5)",
    examples: { test: "src/test/java/<package>/BehaviourReportsTest.java", behaviour: "src/main/java/<package>/BehaviourStore.java" },
  },
  cpp: {
    language: "cpp",
    fence: "cpp",
    // The generated CMakeLists.txt picks these up by name (src/emit/cpp/cmake.ts): the tests into
    // <ns>_behaviour_tests (ctest label `behaviour`), src/behaviour_*.cpp into the library; a
    // header-only module next to the handlers needs nothing.
    coderTest: /^test\/behaviour_[a-z0-9_]+_test\.cpp$/,
    behaviourModule: /^(?:include\/[a-z_][a-z0-9_]*\/behaviour_[a-z0-9_]+\.hpp|src\/behaviour_[a-z0-9_]+\.cpp)$/,
    testFile: /^test\/.+_test\.cpp$/,
    codeFile: /^(?:src|include)\/.+\.(?:cpp|hpp|h|cc)$/,
    testCommand:
      "`cmake` + `cmake --build` + `ctest` (GoogleTest) twice: a warning build (-Wall -Wextra -Wpedantic -Werror) and an AddressSanitizer + UndefinedBehaviorSanitizer build whose whole suite must run clean. The handlers are header-only (`include/<namespace>/server_handlers.hpp`, `client_handlers.hpp`, in the project's namespace); CMake picks up your files by name: tests `test/behaviour_<name>_test.cpp` (GoogleTest, built into `<namespace>_behaviour_tests`), header-only modules `include/<namespace>/behaviour_<name>.hpp`, compiled ones `src/behaviour_<name>.cpp` (into the library)",
    examples: { test: "test/behaviour_reports_test.cpp", behaviour: "include/<namespace>/behaviour_store.hpp" },
  },
};

export type WriteVerdict =
  | { readonly ok: true; readonly path: string; readonly kind: "behaviour" | "coder-test" }
  | { readonly ok: false; readonly path: string; readonly code: "locked-file" | "not-editable" | "bad-path"; readonly reason: string };

export interface FileRules {
  /** Locked files: every generated file recorded in files.json (run-folder paths). */
  readonly locked: ReadonlySet<string>;
  /** User-owned files of the emitters (run-folder paths). */
  readonly userOwned: ReadonlySet<string>;
}

/**
 * May the coder write `path` (relative to the language folder, as the model
 * gives it)? Returns the run-folder path when it may.
 */
export function judgeWrite(language: TargetLanguage, path: string, rules: FileRules): WriteVerdict {
  const policy = LANGUAGE_POLICIES[language];
  const cleaned = path.trim().replace(/\\/g, "/").replace(/^\.\//, "");
  const inProject = cleaned.startsWith(`${language}/`) ? cleaned.slice(language.length + 1) : cleaned;
  const normal = posix.normalize(inProject);
  if (cleaned === "" || posix.isAbsolute(cleaned) || normal.startsWith("../") || normal === ".." || normal !== inProject || normal.endsWith("/")) {
    return { ok: false, path, code: "bad-path", reason: `\`${path}\` is not a plain relative path inside the ${language} project` };
  }
  const full = `${language}/${normal}`;
  if (rules.locked.has(full)) {
    return { ok: false, path: full, code: "locked-file", reason: `${full} is generated from the spec and locked; change the spec (specChange) if the protocol layer must change` };
  }
  if (rules.userOwned.has(full)) return { ok: true, path: full, kind: "behaviour" };
  if (policy.coderTest.test(normal)) return { ok: true, path: full, kind: "coder-test" };
  if (policy.behaviourModule.test(normal)) return { ok: true, path: full, kind: "behaviour" };
  return {
    ok: false,
    path: full,
    code: "not-editable",
    reason: `${full} is neither a behaviour file nor one of the coder's tests; new tests are named like ${policy.examples.test}, new behaviour modules like ${policy.examples.behaviour}`,
  };
}

/** Is `path` (run-folder relative) a file the coder may edit: user-owned, one of its tests, or a behaviour module? */
export function isEditable(path: string, rules: FileRules, languages: readonly TargetLanguage[]): boolean {
  const language = languages.find((l) => path.startsWith(`${l}/`));
  return language !== undefined && judgeWrite(language, path, rules).ok;
}

/** A test file of `language` (run-folder relative path). */
export function isTestFile(language: TargetLanguage, path: string): boolean {
  return path.startsWith(`${language}/`) && LANGUAGE_POLICIES[language].testFile.test(path.slice(language.length + 1));
}

/** A source file of `language` that is not a test (run-folder relative path). */
export function isCodeFile(language: TargetLanguage, path: string): boolean {
  return path.startsWith(`${language}/`) && LANGUAGE_POLICIES[language].codeFile.test(path.slice(language.length + 1)) && !isTestFile(language, path);
}
