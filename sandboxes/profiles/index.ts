// Toolchain profiles by target language.
import type { ToolchainProfile } from "./profile.js";
import { pythonProfile } from "./python.js";

export const PROFILES: Readonly<Record<string, ToolchainProfile>> = {
  python: pythonProfile,
};

export type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";
export { cacheRoot, languageCacheDir } from "./cache-dir.js";
