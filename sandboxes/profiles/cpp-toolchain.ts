// Finding CMake, g++ and a build tool (Ninja, else make) where the sandbox
// looks for programs: the directories of its PATH (SAFE_PATH), so the tools
// found here are the ones the sandboxed steps run.
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { SAFE_PATH } from "../isolation/types.js";
import { CPP_TOOL_PACKAGES } from "./cpp-errors.js";

const run = promisify(execFile);
/** `ctest --output-junit` came in CMake 3.21. */
export const MIN_CMAKE: readonly [number, number] = [3, 21];
export const CPP_SEARCH_PATH: readonly string[] = SAFE_PATH.split(":");

export interface CppToolchain {
  readonly cmake: string;
  readonly cmakeVersion: string;
  readonly cxx: string;
  readonly cxxVersion: string;
  /** The CMake generator: Ninja when installed, else Unix Makefiles. */
  readonly generator: "Ninja" | "Unix Makefiles";
}

export type CppLookup = { readonly found: CppToolchain } | { readonly missing: string; readonly packages: readonly string[] };

/** `cmake --version` into its version (pure). */
export function parseCmakeVersion(text: string): string | undefined {
  return /cmake version (\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1];
}

/** `g++ --version` into its version (pure): "g++ (Debian 12.2.0-14) 12.2.0". */
export function parseGxxVersion(text: string): string | undefined {
  return /^g\+\+.*?\s(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1];
}

/** Whether a version is at least `min` (pure). */
export function atLeast(version: string, min: readonly [number, number]): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

async function onPath(name: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (await access(path, constants.X_OK).then(() => true, () => false)) return path;
  }
  return undefined;
}

async function versionOf(program: string, dirs: readonly string[]): Promise<string> {
  const { stdout } = await run(program, ["--version"], { timeout: 30_000, env: { PATH: dirs.join(":"), LANG: "C" } });
  return stdout;
}

export async function findCppToolchain(dirs: readonly string[] = CPP_SEARCH_PATH): Promise<CppLookup> {
  const [cmake, cxx, ninja, make] = await Promise.all(["cmake", "g++", "ninja", "make"].map((n) => onPath(n, dirs)));
  const absent = [
    ...(cmake === undefined ? ["cmake"] : []),
    ...(cxx === undefined ? ["g++"] : []),
    ...(ninja === undefined && make === undefined ? ["ninja"] : []),
  ];
  if (cmake === undefined || cxx === undefined || absent.length > 0) {
    return { missing: `no ${absent.join(", no ")}`, packages: absent.map((t) => CPP_TOOL_PACKAGES[t] ?? t) };
  }
  const cmakeVersion = parseCmakeVersion(await versionOf(cmake, dirs).catch(() => ""));
  if (cmakeVersion === undefined) return { missing: `${cmake} --version printed no version`, packages: ["cmake"] };
  if (!atLeast(cmakeVersion, MIN_CMAKE)) return { missing: `CMake ${cmakeVersion} is older than ${MIN_CMAKE.join(".")} (ctest --output-junit)`, packages: ["cmake"] };
  const cxxVersion = parseGxxVersion(await versionOf(cxx, dirs).catch(() => ""));
  if (cxxVersion === undefined) return { missing: `${cxx} --version printed no g++ version`, packages: ["g++"] };
  return { found: { cmake, cmakeVersion, cxx, cxxVersion, generator: ninja === undefined ? "Unix Makefiles" : "Ninja" } };
}
