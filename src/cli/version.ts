import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// package.json sits two levels above both src/cli and dist/src/cli.
function readVersion(): string {
  for (const candidate of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === "protoforge" && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return "0.0.0";
}

export const VERSION = readVersion();
