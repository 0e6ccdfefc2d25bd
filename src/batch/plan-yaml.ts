// The plan's YAML with positions: the parsed value, and where any path in it
// is (file:line:column of the node, else of its nearest ancestor), so that a
// problem found later (a missing file, a spec that does not validate) is
// reported at its line too. The same technique as src/spec/parse.ts. Pure.
import { isCollection, LineCounter, parseDocument, type Document } from "yaml";
import type { PlanProblem } from "./errors.js";

export type PlanPath = readonly (string | number)[];

export interface LocatedYaml {
  readonly value: unknown;
  /** The problem `message` about `path`, at the path's line. */
  readonly problem: (path: PlanPath, message: string) => PlanProblem;
}

export type LocatedYamlResult = { readonly ok: true; readonly yaml: LocatedYaml } | { readonly ok: false; readonly problems: readonly PlanProblem[] };

export function parseLocatedYaml(text: string, file: string): LocatedYamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, path: PlanPath, message: string): PlanProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, path, message };
  };
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], [], e.message.split("\n")[0] ?? e.message)) };
  return { ok: true, yaml: { value: doc.toJS() ?? null, problem: (path, message) => at(offsetOf(doc, path), path, message) } };
}

/** Offset of the node at `path` (for a key: its value's node), or of its nearest ancestor that exists (0: the document). */
function offsetOf(doc: Document, path: PlanPath): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
    if (n === 0 && isCollection(doc.contents) && doc.contents.range) return doc.contents.range[0];
  }
  return 0;
}
