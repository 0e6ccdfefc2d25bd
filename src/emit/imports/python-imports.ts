// Python imports: `from m import a, b as b_2` and `import m`, grouped as isort
// does (__future__, standard library, third party, first party and relative),
// plain `import` lines before `from` lines within a group, ordinal order.

import { PYTHON_STDLIB_MODULES } from "../naming/python-stdlib.js";
import { joinGroups, NameClaims, ordinal, symbolKey, textLookup, type ImportContext, type ImportResolver, type ResolvedImports } from "./import-context.js";

/** Black's line length; a longer `from` line is wrapped in parentheses. */
const MAX_LINE = 88;

interface FromEntry {
  readonly name: string;
  readonly alias?: string;
}

/** `.codec` in `chat/messages.py` (module `chat.messages`) → `chat.codec`. */
export function resolvePythonModule(from: string, context: ImportContext): string {
  const dots = /^\.*/.exec(from)?.[0].length ?? 0;
  if (dots === 0 || context.module === undefined) return from;
  const isPackage = context.path.endsWith("/__init__.py") || context.path === "__init__.py";
  const parts = context.module.split(".");
  const packageParts = isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, Math.max(0, packageParts.length - (dots - 1)));
  const rest = from.slice(dots);
  return [...base, ...(rest === "" ? [] : [rest])].join(".");
}

type Group = 0 | 1 | 2 | 3;

function groupOf(from: string, context: ImportContext): Group {
  if (from === "__future__") return 0;
  if (from.startsWith(".")) return 3;
  const root = from.split(".")[0] ?? from;
  const ownRoot = context.module?.split(".")[0];
  if (ownRoot !== undefined && root === ownRoot) return 3;
  return PYTHON_STDLIB_MODULES.has(root) ? 1 : 2;
}

export const resolvePythonImports: ImportResolver = (used, context): ResolvedImports => {
  const claims = new NameClaims(context.localNames);
  const texts = new Map<string, string>();
  const plain = new Map<string, Set<string>>(); // module → aliases ("" for none), per group
  const fromLines = new Map<string, Map<string, FromEntry>>();
  const groupOfModule = new Map<string, Group>();

  for (const symbol of used) {
    const key = symbolKey(symbol);
    if (texts.has(key)) continue;
    if (symbol.style === "module") {
      const root = symbol.from.split(".")[0] ?? symbol.from;
      let text = symbol.from;
      let alias = "";
      if (!claims.claim(root, `module\0${root}`)) {
        alias = claims.alias(symbol.from.split(".").at(-1) ?? root, key);
        text = alias;
      }
      texts.set(key, text);
      const aliases = plain.get(symbol.from) ?? new Set<string>();
      aliases.add(alias);
      plain.set(symbol.from, aliases);
      groupOfModule.set(symbol.from, groupOf(symbol.from, context));
      continue;
    }
    if (context.module !== undefined && resolvePythonModule(symbol.from, context) === context.module) {
      texts.set(key, symbol.name); // the file's own module: already in scope
      continue;
    }
    const owner = `named\0${resolvePythonModule(symbol.from, context)}\0${symbol.name}`;
    const alias = claims.claim(symbol.name, owner) ? undefined : claims.alias(symbol.name, owner);
    texts.set(key, alias ?? symbol.name);
    const entries = fromLines.get(symbol.from) ?? new Map<string, FromEntry>();
    entries.set(`${symbol.name}\0${alias ?? ""}`, alias === undefined ? { name: symbol.name } : { name: symbol.name, alias });
    fromLines.set(symbol.from, entries);
    groupOfModule.set(symbol.from, groupOf(symbol.from, context));
  }

  const groups: string[][] = [[], [], [], []];
  for (const module of [...plain.keys()].sort(ordinal)) {
    const aliases = [...(plain.get(module) ?? [])].sort(ordinal);
    for (const alias of aliases) groups[groupOfModule.get(module) ?? 2]?.push(alias === "" ? `import ${module}` : `import ${module} as ${alias}`);
  }
  for (const module of [...fromLines.keys()].sort(ordinal)) {
    const entries = [...(fromLines.get(module)?.values() ?? [])]
      .map((e) => (e.alias === undefined ? e.name : `${e.name} as ${e.alias}`))
      .sort(ordinal);
    groups[groupOfModule.get(module) ?? 2]?.push(...fromLine(module, entries));
  }
  return { lines: joinGroups(groups), text: textLookup(texts) };
};

function fromLine(module: string, names: readonly string[]): string[] {
  const line = `from ${module} import ${names.join(", ")}`;
  if (line.length <= MAX_LINE) return [line];
  return [`from ${module} import (`, ...names.map((n) => `    ${n},`), ")"];
}
