// Reading a spec file from disk. Throws SpecLoadError with every problem.
import { readFile } from "node:fs/promises";
import type { Spec } from "./model.js";
import { parseSpecText } from "./parse.js";
import { SpecLoadError, type SourcePosition, type SpecPath, type SpecProblem } from "./problems.js";
import type { SpecInput } from "./schema.js";

export interface LoadedSpec {
  readonly file: string;
  readonly text: string;
  readonly spec: Spec;
  readonly input: SpecInput;
  readonly warnings: readonly SpecProblem[];
  readonly positionOf: (path: SpecPath) => SourcePosition | undefined;
}

export async function loadSpecFile(file: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const missing = err.code === "ENOENT";
    throw new SpecLoadError(missing ? "file-not-found" : "file-unreadable", file, [
      { code: missing ? "file-not-found" : "file-unreadable", severity: "error", path: [], message: missing ? `no such file: ${file}` : `cannot read ${file}: ${err.message}` },
    ]);
  }
  const result = parseSpecText(text, file);
  if (!result.ok) throw new SpecLoadError(result.syntax ? "syntax" : "invalid-spec", file, result.problems);
  return { file, text, spec: result.spec, input: result.input, warnings: result.warnings, positionOf: result.positionOf };
}
