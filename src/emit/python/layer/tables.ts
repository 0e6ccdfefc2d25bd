// Module-level constants the generated codec modules need, found before the
// functions are printed: enum lookup tables, struct.Struct objects of field
// runs, and the spec's distinct patterns.
import type { FieldType } from "../../../spec/model.js";
import type { TableKind } from "./body.js";
import { decodeSegments, encodeSegments } from "./fixed.js";
import type { PyModel } from "./model.js";

function enumsOf(type: FieldType, into: Set<string>): void {
  if (type.kind === "enum") into.add(type.name);
  if (type.kind === "list") enumsOf(type.of, into);
}

/** Enums some field refers to, in declaration order. */
export function usedEnums(model: PyModel): string[] {
  const used = new Set<string>();
  for (const c of model.composites) for (const f of c.fields) enumsOf(f.type, used);
  return model.enums.map((e) => e.name).filter((n) => used.has(n));
}

/** Formats of the runs (two fields or more) the encoders and decoders pack, first use first. */
export function runFormats(model: PyModel): string[] {
  const formats = new Set<string>();
  for (const c of model.composites) {
    for (const seg of [...encodeSegments(c.fields), ...decodeSegments(c.fields)]) {
      if (seg.kind === "run" && seg.fields.length > 1) formats.add(seg.format);
    }
  }
  return [...formats];
}

/** Distinct patterns in declaration order. */
export function patternSources(model: PyModel): string[] {
  const sources = new Set<string>();
  for (const c of model.composites) for (const f of c.fields) if (f.constraints.pattern !== undefined) sources.add(f.constraints.pattern);
  return [...sources];
}

export const runStructName = (format: string): string => `_FORMAT_${format}`;

export function tableName(model: PyModel, kind: TableKind, enumName: string): string {
  return `_${model.constant(enumName)}_${kind.toUpperCase()}`;
}

export function patternName(sources: readonly string[], source: string): string {
  const i = sources.indexOf(source);
  if (i < 0) throw new Error(`python layer: pattern /${source}/ was not collected`);
  return `PATTERN_${i + 1}`;
}
