// testing/declarations.js: type-checked, never run. The generated project
// keeps code and declarations apart (src/ only JavaScript, types/ only the
// hand-shaped .d.ts; docs/targets/javascript-contract.md): a .d.ts next to a
// .js would shadow it for tsc, which would then never check the .js. So
// nothing ties a types/<m>.d.ts to its src/<m>.js but this module, which
// makes tsc compare them for every declared module: the implementation must
// be assignable to the declarations (every declared export exists, with a
// compatible type), and every export of the implementation must be declared
// (not for handlers.js, the user's file, where extra exports are fine).
import type { FileSet } from "../index.js";

export const DECLARATIONS_PATH = "javascript/testing/declarations.js";

/** Modules the user owns: only "the implementation satisfies the declarations". */
const USER_OWNED = new Set(["handlers"]);

/** The declared modules (`codec`, `transport/client-base`, ...) among generated paths: each javascript/types/<m>.d.ts. */
export function declaredModules(paths: readonly string[]): string[] {
  return paths
    .filter((p) => p.startsWith("javascript/types/") && p.endsWith(".d.ts"))
    .map((p) => p.slice("javascript/types/".length, -".d.ts".length))
    .sort();
}

const identifier = (module: string): string => module.replace(/[/-](.)/g, (_s, c: string) => c.toUpperCase());

export function declarationsModule(files: FileSet, modules: readonly string[]): void {
  const lines = [
    "// Compares each hand-shaped declaration module (types/) with its implementation (src/).",
    "// Checked by tsc (tsconfig.json includes testing/), never run: it imports .d.ts-only modules.",
    "// A .d.ts next to its .js would shadow the .js for tsc, so the two live apart and meet here:",
    "// `<m>Implemented` fails when the code does not satisfy a declaration (a missing export,",
    "// an incompatible type), `<m>Declared` when the code exports a name the declarations lack.",
  ];
  for (const m of modules) lines.push(`import * as ${identifier(m)}Api from "../types/${m}.js";`, `import * as ${identifier(m)}Impl from "../src/${m}.js";`);
  for (const m of modules) {
    const id = identifier(m);
    lines.push("", `/** @type {typeof ${id}Api} */`, `export const ${id}Implemented = ${id}Impl;`);
    if (!USER_OWNED.has(m)) lines.push(`/** @type {{ [K in keyof typeof ${id}Impl]: unknown }} */`, `export const ${id}Declared = ${id}Api;`);
  }
  files.file(DECLARATIONS_PATH, "javascript").print(lines.join("\n"));
}
