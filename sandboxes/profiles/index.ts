// Toolchain profiles by target language.
import { javascriptProfile } from "./javascript.js";
import type { ToolchainProfile } from "./profile.js";
import { pythonProfile } from "./python.js";

export const PROFILES: Readonly<Record<string, ToolchainProfile>> = {
  python: pythonProfile,
  javascript: javascriptProfile,
};

export type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";
export { cacheRoot, languageCacheDir } from "./cache-dir.js";
export { DependencyFetchError } from "./errors.js";
