// C++ includes: `#include <system>` lines, a blank line, then `#include "local"`
// lines, each in ordinal order of the header name. Symbols print their
// (qualified) name as given, so there is nothing to alias; a file never
// includes its own header.

import { joinGroups, ordinal, symbolKey, textLookup, type ImportResolver, type ResolvedImports } from "./import-context.js";

export const resolveCppIncludes: ImportResolver = (used, context): ResolvedImports => {
  const texts = new Map<string, string>();
  const system = new Set<string>();
  const local = new Set<string>();
  for (const symbol of used) {
    texts.set(symbolKey(symbol), symbol.name);
    if (symbol.style === "system") system.add(symbol.from);
    else if (symbol.from !== context.module && symbol.from !== context.path) local.add(symbol.from);
  }
  return {
    lines: joinGroups([[...system].sort(ordinal).map((h) => `#include <${h}>`), [...local].sort(ordinal).map((h) => `#include "${h}"`)]),
    text: textLookup(texts),
  };
};
