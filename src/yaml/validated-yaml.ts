// A YAML input file checked against a zod schema, every problem at its
// file:line:column (the YAML node of the offending key or value, else its
// nearest ancestor). Pure: the caller reads the file. Used by the inputs a
// user writes by hand besides the spec (eval suites, batch plans).
import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";

export interface YamlProblem {
  /** The keys and indexes down to the offending value, e.g. ["cases", 2, "spec"]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type YamlResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly YamlProblem[] };

export function parseValidatedYaml<S extends z.ZodType>(text: string, file: string, schema: S): YamlResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, path: readonly (string | number)[], message: string): YamlProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { path, message, file, line, column: col };
  };
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], [], e.message.split("\n")[0] ?? e.message)) };
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const where = issue.code === "unrecognized_keys" ? [...path, issue.keys[0] ?? ""] : path;
      const message = issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `\`${k}\``).join(", ")}` : issue.message;
      const offset = issue.code === "unrecognized_keys" ? (keyOffset(doc, path, issue.keys[0] ?? "") ?? offsetOf(doc, where)) : offsetOf(doc, where);
      return at(offset, where, message);
    }),
  };
}

/** `file:line:column: path: message`. */
export function formatYamlProblem(p: YamlProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path.length === 0 ? "" : `${p.path.join(".")}: `}${p.message}`;
}

/** Offset of the node at `path`, or of its nearest ancestor that exists (0: the document). */
function offsetOf(doc: Document, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return node.range[0];
    if (n === 0 && isCollection(doc.contents) && doc.contents.range) return doc.contents.range[0];
  }
  return 0;
}

/** Offset of the key `key` itself in the map at `path` (an unknown key is shown where it is written). */
function keyOffset(doc: Document, path: readonly (string | number)[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}
