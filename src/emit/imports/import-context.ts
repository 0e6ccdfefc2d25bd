// What every language's import resolver shares: the context of the file, the
// result shape, and the bookkeeping of which local name belongs to whom.

import type { ImportSymbol } from "../symbols.js";

export interface ImportContext {
  /** The generated file's path (forward slashes). */
  readonly path: string;
  /** The file's own module in the language's `from` notation: Python dotted
   *  module, Java package, C++ include path. JavaScript derives it from `path`. */
  readonly module?: string;
  /** Names the file declares itself; an import of the same name is aliased
   *  (Python, JavaScript) or printed fully qualified (Java). */
  readonly localNames: ReadonlySet<string>;
}

export interface ResolvedImports {
  /** The import block, one entry per line, "" between groups; empty when nothing is imported. */
  readonly lines: readonly string[];
  /** The text a symbol the file used prints as. */
  text(symbol: ImportSymbol): string;
}

/** Resolves the symbols a file used, in the order it first used them: the
 *  first to use a name keeps it, a later different symbol of that name is
 *  aliased or qualified. Pure. */
export type ImportResolver = (used: readonly ImportSymbol[], context: ImportContext) => ResolvedImports;

export const symbolKey = (s: ImportSymbol): string => `${s.style}\0${s.from}\0${s.name}`;

export const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Local names and who holds each. `owner` identifies what the name stands for. */
export class NameClaims {
  readonly #owners = new Map<string, string>();

  constructor(localNames: Iterable<string>) {
    for (const name of localNames) this.#owners.set(name, "\0local");
  }

  /** Claims `name` for `owner`; true when it was free or already `owner`'s. */
  claim(name: string, owner: string): boolean {
    const current = this.#owners.get(name);
    if (current === undefined) {
      this.#owners.set(name, owner);
      return true;
    }
    return current === owner;
  }

  /** The first of `base_2`, `base_3`, … that is free, claimed for `owner`. */
  alias(base: string, owner: string): string {
    for (let n = 2; ; n++) {
      const candidate = `${base}_${n}`;
      if (this.claim(candidate, owner)) return candidate;
    }
  }
}

/** Groups of lines joined with one blank line between non-empty groups. */
export function joinGroups(groups: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    if (out.length > 0) out.push("");
    out.push(...group);
  }
  return out;
}

/** Resolved text per symbol key, with a clear failure for a symbol the file never registered. */
export function textLookup(texts: ReadonlyMap<string, string>): (symbol: ImportSymbol) => string {
  return (symbol) => {
    const text = texts.get(symbolKey(symbol));
    if (text === undefined) throw new Error(`symbol ${symbol.name} from ${symbol.from} was not registered`);
    return text;
  };
}
