// Reference material the architect's prompt carries: the spec reference and
// an example spec in the house style, read from the package at run time.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../../../src/package-root.js";

export interface ArchitectResources {
  readonly specReference: string;
  readonly exampleSpec: string;
}

export const SPEC_REFERENCE_FILE = "docs/spec-reference.md";
export const EXAMPLE_SPEC_FILE = "examples/sensor-telemetry.yaml";

export async function loadArchitectResources(root = packageRoot()): Promise<ArchitectResources> {
  const read = (file: string, fallback: string) => readFile(join(root, file), "utf8").catch(() => fallback);
  return {
    specReference: await read(SPEC_REFERENCE_FILE, "(the spec reference was not found; follow the example)"),
    exampleSpec: await read(EXAMPLE_SPEC_FILE, "(no example available)"),
  };
}
