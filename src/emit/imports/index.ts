// The import resolver of each target language.

import type { KnownLanguage } from "../target.js";
import { resolveCppIncludes } from "./cpp-imports.js";
import type { ImportResolver } from "./import-context.js";
import { resolveJavaImports } from "./java-imports.js";
import { resolveJavaScriptImports } from "./javascript-imports.js";
import { resolvePythonImports } from "./python-imports.js";

export type { ImportContext, ImportResolver, ResolvedImports } from "./import-context.js";
export { resolvePythonModule } from "./python-imports.js";

export const importResolvers: { readonly [L in KnownLanguage]: ImportResolver } = {
  python: resolvePythonImports,
  javascript: resolveJavaScriptImports,
  java: resolveJavaImports,
  cpp: resolveCppIncludes,
};
