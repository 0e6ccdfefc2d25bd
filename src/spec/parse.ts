// Parsing a spec from text (YAML, or JSON which is YAML too) into the model,
// with every problem located by spec path and file:line:column. Pure: the
// caller reads the file (see load.ts).
import { isCollection, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { Spec } from "./model.js";
import { normaliseSpec } from "./normalise.js";
import type { SourcePosition, SpecPath, SpecProblem } from "./problems.js";
import { specInput, type SpecInput } from "./schema.js";
import { validateSpec } from "./validate.js";

export type ParseResult =
  | {
      readonly ok: true;
      readonly spec: Spec;
      readonly input: SpecInput;
      readonly warnings: readonly SpecProblem[];
      /** Where `path` (or its nearest existing ancestor) is in the source text. */
      readonly positionOf: (path: SpecPath) => SourcePosition | undefined;
    }
  | { readonly ok: false; readonly syntax: boolean; readonly problems: readonly SpecProblem[] };

export function parseSpecText(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      syntax: true,
      problems: doc.errors.map((e) => ({ code: "yaml-syntax", severity: "error", message: e.message.split("\n")[0] ?? e.message, path: [], position: at(e.pos[0]) })),
    };
  }
  const locate = (p: SpecProblem): SpecProblem => {
    const offset = offsetOf(doc, p.path);
    return offset === undefined ? p : { ...p, position: at(offset) };
  };
  const parsed = specInput.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { ok: false, syntax: false, problems: parsed.error.issues.map(zodProblem).map(locate) };
  const problems = validateSpec(parsed.data).map(locate);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) return { ok: false, syntax: false, problems };
  const positionOf = (path: SpecPath): SourcePosition | undefined => {
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : at(offset);
  };
  return { ok: true, spec: normaliseSpec(parsed.data), input: parsed.data, warnings: problems, positionOf };
}

/** Offset of the node at `path`, or of its nearest ancestor that exists. */
function offsetOf(doc: Document, path: SpecPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
    if (n === 0 && isCollection(doc.contents) && doc.contents.range) return doc.contents.range[0];
  }
  return undefined;
}

function zodProblem(issue: z.core.$ZodIssue): SpecProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return {
      code: "unknown-key",
      severity: "error",
      path: [...path, issue.keys[0] ?? ""],
      message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}`,
    };
  }
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
    return { code: "missing-key", severity: "error", path, message: `required: ${issue.message}` };
  }
  return { code: `schema-${issue.code.replaceAll("_", "-")}`, severity: "error", path, message: issue.message };
}
