// Problems found in a spec. Loading collects every problem before reporting,
// and each one names its place: the spec path and, when the spec came from a
// file, the file, line and column.

export type SpecPath = readonly (string | number)[];

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = "error" | "warning";

export interface SpecProblem {
  /** Stable machine-readable code, e.g. `duplicate-message-id`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: SpecPath;
  readonly position?: SourcePosition;
}

/** `messages[3].fields[1].type` */
export function formatSpecPath(path: SpecPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(root)" : out;
}

export function formatProblem(p: SpecProblem): string {
  const where = p.position ? `${p.position.file}:${p.position.line}:${p.position.column}: ` : "";
  return `${where}${p.severity} [${p.code}] ${formatSpecPath(p.path)}: ${p.message}`;
}

/** Thrown when a spec cannot be loaded: the file is missing or unreadable, or
 *  it has problems. Carries all of them. */
export class SpecLoadError extends Error {
  override readonly name = "SpecLoadError";
  constructor(
    readonly code: "file-not-found" | "file-unreadable" | "syntax" | "invalid-spec",
    readonly file: string,
    readonly problems: readonly SpecProblem[],
  ) {
    super(
      problems.length === 1 && problems[0]
        ? formatProblem(problems[0])
        : `${file}: ${problems.length} problems\n${problems.map(formatProblem).join("\n")}`,
    );
  }
}
