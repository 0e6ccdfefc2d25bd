// JavaScript (ES module) imports: `import d, { a, b as b_2 } from "m";`,
// `import * as ns from "m";`, grouped node built-ins, packages, relative
// modules, ordinal order. Type-only symbols become `import type { … }` (or an
// inline `type` specifier) in .ts/.d.ts files and a JSDoc `@import` in .js files.

import { posix } from "node:path";
import { NODE_BUILTIN_MODULES } from "../naming/reserved-javascript.js";
import { joinGroups, NameClaims, ordinal, symbolKey, textLookup, type ImportContext, type ImportResolver, type ResolvedImports } from "./import-context.js";

/** Prettier's print width; a longer import is written one specifier per line. */
const MAX_LINE = 80;

const BUILTINS = new Set(NODE_BUILTIN_MODULES);
const TYPE_FILE = /\.(?:d\.)?[mc]?ts$/;

interface ModuleImports {
  defaultName?: string;
  namespaces: Set<string>;
  /** specifier text (`a`, `a as a_2`) → type-only? */
  named: Map<string, boolean>;
}

/** The paths a relative specifier in this file would name the file itself by. */
function ownPaths(path: string): Set<string> {
  const own = new Set([path]);
  const swaps: readonly [RegExp, string][] = [
    [/\.d\.ts$/, ".js"],
    [/\.d\.mts$/, ".mjs"],
    [/\.d\.cts$/, ".cjs"],
    [/\.ts$/, ".js"],
    [/\.mts$/, ".mjs"],
    [/\.cts$/, ".cjs"],
  ];
  for (const [pattern, ext] of swaps) if (pattern.test(path)) own.add(path.replace(pattern, ext));
  return own;
}

const isRelative = (spec: string): boolean => spec.startsWith("./") || spec.startsWith("../");

function isOwnModule(spec: string, context: ImportContext): boolean {
  if (context.module !== undefined && spec === context.module) return true;
  if (!isRelative(spec)) return false;
  return ownPaths(context.path).has(posix.normalize(posix.join(posix.dirname(context.path), spec)));
}

function groupOf(spec: string): 0 | 1 | 2 {
  if (spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0] ?? spec)) return 0;
  return isRelative(spec) || spec.startsWith("/") ? 2 : 1;
}

export const resolveJavaScriptImports: ImportResolver = (used, context): ResolvedImports => {
  const claims = new NameClaims(context.localNames);
  const texts = new Map<string, string>();
  const modules = new Map<string, ModuleImports>();
  const typeFile = TYPE_FILE.test(context.path);

  // A name used both as a value and as a type is imported once, as a value.
  const valueUse = new Set(used.filter((s) => s.kind === "value").map(symbolKey));

  for (const symbol of used) {
    const key = symbolKey(symbol);
    if (texts.has(key)) continue;
    if (isOwnModule(symbol.from, context)) {
      texts.set(key, symbol.name);
      continue;
    }
    const owner = `${symbol.from}\0${symbol.style === "named" ? symbol.name : `\0${symbol.style}`}`;
    const local = claims.claim(symbol.name, owner) ? symbol.name : claims.alias(symbol.name, owner);
    texts.set(key, local);
    const entry = modules.get(symbol.from) ?? { namespaces: new Set<string>(), named: new Map<string, boolean>() };
    modules.set(symbol.from, entry);
    if (symbol.style === "default") entry.defaultName = local;
    else if (symbol.style === "namespace") entry.namespaces.add(local);
    else {
      const spec = local === symbol.name ? symbol.name : `${symbol.name} as ${local}`;
      entry.named.set(spec, !valueUse.has(key));
    }
  }

  const groups: string[][] = [[], [], []];
  for (const spec of [...modules.keys()].sort(ordinal)) {
    const entry = modules.get(spec);
    if (entry === undefined) continue;
    groups[groupOf(spec)]?.push(...moduleLines(spec, entry, typeFile));
  }
  return { lines: joinGroups(groups), text: textLookup(texts) };
};

function moduleLines(spec: string, entry: ModuleImports, typeFile: boolean): string[] {
  const from = JSON.stringify(spec);
  const lines: string[] = [];
  for (const ns of [...entry.namespaces].sort(ordinal)) lines.push(`import * as ${ns} from ${from};`);
  const specs = [...entry.named.keys()].sort(ordinal);
  const values = specs.filter((s) => entry.named.get(s) === false);
  const types = specs.filter((s) => entry.named.get(s) === true);
  const head = entry.defaultName === undefined ? "" : entry.defaultName;
  if (typeFile) {
    if (head === "" && values.length === 0 && types.length > 0) lines.push(...braces("import type ", types, ` from ${from};`));
    else if (head !== "" || specs.length > 0) {
      const inline = specs.map((s) => (entry.named.get(s) === true ? `type ${s}` : s));
      lines.push(...withDefault(head, inline, from));
    }
    return lines;
  }
  if (head !== "" || values.length > 0) lines.push(...withDefault(head, values, from));
  // Never wrapped: a JSDoc tag stays on one line.
  if (types.length > 0) lines.push(`/** @import { ${types.join(", ")} } from ${from} */`);
  return lines;
}

function withDefault(head: string, specs: readonly string[], from: string): string[] {
  if (specs.length === 0) return [`import ${head} from ${from};`];
  return braces(head === "" ? "import " : `import ${head}, `, specs, ` from ${from};`);
}

function braces(prefix: string, specs: readonly string[], suffix: string): string[] {
  const line = `${prefix}{ ${specs.join(", ")} }${suffix}`;
  if (line.length <= MAX_LINE) return [line];
  return [`${prefix}{`, ...specs.map((s) => `  ${s},`), `}${suffix}`];
}
