// Toolchain profiles by target language.
import type { TargetLanguage } from "../../src/emit/target.js";
import { cppProfile } from "./cpp.js";
import { javaProfile } from "./java.js";
import { javascriptProfile } from "./javascript.js";
import type { ToolchainProfile } from "./profile.js";
import { pythonProfile } from "./python.js";

/** One per target language (targets/index.ts collects it into the language's descriptor). */
const profiles: { readonly [L in TargetLanguage]: ToolchainProfile } = {
  python: pythonProfile,
  javascript: javascriptProfile,
  java: javaProfile,
  cpp: cppProfile,
};

/** By language name, for the tester, which also takes other tables in tests. */
export const PROFILES: Readonly<Record<string, ToolchainProfile>> = profiles;

export type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";
export { cacheRoot, languageCacheDir } from "./cache-dir.js";
export { DependencyFetchError } from "./errors.js";
export { createJavaProfile, javaProfile, javaSteps, mavenRepository } from "./java.js";
export { JavaCompileError, JavaTestsFailedError, MavenNotFoundError, MavenOfflineBuildError, MavenPomRefusedError, MavenPrefetchError } from "./java-errors.js";
export { ASAN_ADDRESS_SPACE_BYTES, cppProfile, cppSteps, createCppProfile, CPP_SANITIZER_ENV } from "./cpp.js";
export { CppBuildError, CppConfigureError, CppPackageMissingError, CppSanitizerError, CppTestsFailedError, CppToolchainNotFoundError } from "./cpp-errors.js";
