// Java imports: `import static a.B.c;` lines, a blank line, then `import a.B;`
// lines, each group in ordinal order (Google Java Style). `java.lang` and the
// file's own package are never imported; a second type with a name already in
// use (by an import, java.lang, the package or the file) prints fully qualified.

import { JAVA_LANG_TYPES } from "../naming/reserved-java.js";
import { joinGroups, NameClaims, ordinal, symbolKey, textLookup, type ImportResolver, type ResolvedImports } from "./import-context.js";

export const resolveJavaImports: ImportResolver = (used, context): ResolvedImports => {
  const types = new NameClaims(context.localNames);
  for (const name of JAVA_LANG_TYPES) types.claim(name, "java.lang");
  const members = new NameClaims([]);
  const texts = new Map<string, string>();
  const staticLines = new Set<string>();
  const typeLines = new Set<string>();
  const ownPackage = context.module ?? "";

  for (const symbol of used) {
    const key = symbolKey(symbol);
    if (texts.has(key)) continue;
    const qualified = symbol.from === "" ? symbol.name : `${symbol.from}.${symbol.name}`;
    if (symbol.style === "static") {
      const mine = members.claim(symbol.name, qualified);
      texts.set(key, mine ? symbol.name : qualified);
      if (mine) staticLines.add(qualified);
      continue;
    }
    const owner = symbol.from === "java.lang" ? "java.lang" : qualified;
    const mine = types.claim(symbol.name, owner);
    texts.set(key, mine ? symbol.name : qualified);
    if (mine && symbol.from !== "java.lang" && symbol.from !== ownPackage) typeLines.add(qualified);
  }

  return {
    // Sorted by the imported name, so `java.util.Map` comes before `java.util.Map.Entry`.
    lines: joinGroups([
      [...staticLines].sort(ordinal).map((q) => `import static ${q};`),
      [...typeLines].sort(ordinal).map((q) => `import ${q};`),
    ]),
    text: textLookup(texts),
  };
};
