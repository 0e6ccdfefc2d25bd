// Printing fixed text (any language) with symbols in it: `«Name»` in the template
// is replaced by the symbol (or text) given for Name, so the import manager
// sees every name the text uses and no import line is written by hand.
import type { FileBuilder } from "../printer.js";
import type { Printable } from "../symbols.js";

export type Bindings = Readonly<Record<string, Printable>>;

/** The template's lines without their common indentation and without blank lines at either end. */
function dedent(text: string): string[] {
  const lines = text.replace(/^\n+|\s+$/g, "").split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(cut));
}

/** Prints `text` line by line at the builder's indentation, binding every «Name». */
export function printTemplate(f: FileBuilder, text: string, bindings: Bindings): void {
  for (const line of dedent(text)) {
    const parts: Printable[] = [];
    let last = 0;
    for (const m of line.matchAll(/«(\w+)»/g)) {
      const name = m[1] as string;
      const bound = bindings[name];
      if (bound === undefined) throw new TemplateError(name);
      parts.push(line.slice(last, m.index), bound);
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push(line.slice(last));
    f.print(...parts);
  }
}

/** A «Name» in a template that the bindings do not give. */
export class TemplateError extends Error {
  override readonly name = "TemplateError";
  readonly code = "unbound-name";
  constructor(readonly unbound: string) {
    super(`transport template: «${unbound}» is not bound`);
  }
}
