// The C++ prefetch: there is nothing to fetch. A project's dependencies come
// from the distribution's packages, found by CMake with find_package; the
// sandbox has no network and CMake never downloads. So the "prefetch" only
// checks that what CMakeLists.txt asks for is installed, and names the apt
// package of each one that is not. Names it does not know are left to CMake,
// whose configure error then names them (cpp-diagnostics.ts).
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { readFileInside } from "../../src/read-inside.js";
import { CppConfigureError, CppPackageMissingError } from "./cpp-errors.js";

export interface KnownPackage {
  /** The Debian package that brings it. */
  readonly apt: string;
  /** A header it installs, relative to an include root; none for what the C library gives (Threads). */
  readonly header?: string;
}

/** find_package names the C++ target uses (issue 16) and the Debian package of each. */
export const KNOWN_PACKAGES: Readonly<Record<string, KnownPackage>> = {
  GTest: { apt: "libgtest-dev", header: "gtest/gtest.h" },
  GMock: { apt: "libgmock-dev", header: "gmock/gmock.h" },
  Threads: { apt: "libc6-dev" },
  nlohmann_json: { apt: "nlohmann-json3-dev", header: "nlohmann/json.hpp" },
  Boost: { apt: "libboost-dev", header: "boost/version.hpp" },
  OpenSSL: { apt: "libssl-dev", header: "openssl/ssl.h" },
  httplib: { apt: "libcpp-httplib-dev", header: "httplib.h" },
  // Header-only standalone asio has no CMake package: the project finds it with find_path(… asio.hpp).
  asio: { apt: "libasio-dev", header: "asio.hpp" },
};

export const INCLUDE_ROOTS: readonly string[] = ["/usr/include", "/usr/local/include"];

/**
 * The package names of every find_package call, comments left out, in order, once each (pure);
 * a find_path(<VAR> <header>) of a known package's header (asio.hpp) names that package too.
 */
export function findPackageNames(cmakeLists: string): string[] {
  const text = cmakeLists
    .replace(/#\[(=*)\[[\s\S]*?\]\1\]/g, "")
    .split("\n")
    .map((l) => l.replace(/#.*$/, ""))
    .join("\n");
  const names: string[] = [];
  for (const m of text.matchAll(/\bfind_package\s*\(\s*([A-Za-z0-9_.+-]+)/gi)) {
    const name = m[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  for (const m of text.matchAll(/\bfind_path\s*\(\s*[A-Za-z0-9_]+\s+([A-Za-z0-9_./+-]+)/gi)) {
    const name = Object.keys(KNOWN_PACKAGES).find((k) => KNOWN_PACKAGES[k]?.header === m[1]);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

async function present(roots: readonly string[], header: string): Promise<boolean> {
  for (const root of roots) if (await access(join(root, header), constants.R_OK).then(() => true, () => false)) return true;
  return false;
}

/** Throws CppPackageMissingError naming each known package CMakeLists.txt asks for that is not installed. */
export async function checkCppPackages(projectDir: string, roots: readonly string[] = INCLUDE_ROOTS): Promise<string[]> {
  const cmakeListsPath = join(projectDir, "CMakeLists.txt");
  const text = await readFileInside(projectDir, "CMakeLists.txt").then(String, () => {
    throw new CppConfigureError(cmakeListsPath, undefined, "there is no CMakeLists.txt in the project folder");
  });
  const names = findPackageNames(text);
  const missing: { name: string; apt: string }[] = [];
  for (const name of names) {
    const known = KNOWN_PACKAGES[name];
    if (known?.header !== undefined && !(await present(roots, known.header))) missing.push({ name, apt: known.apt });
  }
  if (missing.length > 0) throw new CppPackageMissingError(cmakeListsPath, missing);
  return names;
}
