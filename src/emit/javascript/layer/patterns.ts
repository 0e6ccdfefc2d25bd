// internal/patterns.js: the spec's distinct patterns as whole-string
// Unicode regular expressions (wire format section 5: `^(?:pattern)$`, "u").
import type { FileSet } from "../../index.js";
import type { Patterns } from "./checks.js";
import { jsStr } from "./code.js";
import type { JsModel } from "./model.js";

export function patternSources(model: JsModel): string[] {
  const sources = new Set<string>();
  for (const c of model.composites) for (const f of c.fields) if (f.constraints.pattern !== undefined) sources.add(f.constraints.pattern);
  return [...sources];
}

/** Names of the pattern constants one module uses, in order of first use sorted by number. */
export function patternUser(model: JsModel): Patterns & { used(): readonly string[] } {
  const sources = patternSources(model);
  const used = new Set<number>();
  return {
    name(source) {
      const i = sources.indexOf(source);
      if (i < 0) throw new Error(`javascript layer: pattern /${source}/ was not collected`);
      used.add(i);
      return `$P${i + 1}`;
    },
    used: () => [...used].sort((a, b) => a - b).map((i) => `$P${i + 1}`),
  };
}

export function patternsModule(files: FileSet, model: JsModel): void {
  const sources = patternSources(model);
  if (sources.length === 0) return;
  const lines = ["// The spec's patterns, matched against whole strings in Unicode mode (wire format section 5)."];
  sources.forEach((s, i) => lines.push(`// ${s}`, `export const $P${i + 1} = new RegExp(${jsStr(`^(?:${s})$`)}, "u");`));
  files.file("javascript/src/internal/patterns.js", "javascript").print(lines.join("\n"));
}
