// JSDoc blocks with tags: the text escaped as the printer's jsDoc does (no
// early `*/`, no tag from the text), then the tags (`@param {Login} message`)
// as they are.
import { docLines } from "../../literals/doc-comment.js";
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";

const escape = (line: string): string => line.replaceAll("*/", "*\\/").replace(/^(\s*)@/, "$1\\@").replaceAll("{@", "{\\@");

/** Prints `/** text … @tags *\/` at the builder's indentation; tags are printable parts (symbols in types). */
export function jsdoc(f: FileBuilder, text: string, tags: readonly Printable[][] = []): void {
  const lines = docLines(text).map(escape);
  if (tags.length === 0 && lines.length === 1) {
    f.print(`/** ${lines[0] ?? ""} */`);
    return;
  }
  if (lines.length === 0 && tags.length === 1) {
    f.print("/** ", ...(tags[0] ?? []), " */");
    return;
  }
  f.print("/**");
  for (const line of lines) f.print(line === "" ? " *" : ` * ${line}`);
  for (const tag of tags) f.print(" * ", ...tag);
  f.print(" */");
}

/** `A | B | C` of printable parts. */
export const union = (items: readonly Printable[]): Printable[] => items.flatMap((a, i) => (i > 0 ? [" | ", a] : [a]));
