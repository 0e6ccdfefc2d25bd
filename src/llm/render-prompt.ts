// Filling a prompt template: `{{name}}` (spaces inside the braces allowed) is
// replaced by vars[name] in one pass, so a value that itself contains `{{…}}`
// is left as it is. A placeholder without a value is an error, never an empty
// string sent to a model.
import { PromptError } from "./errors.js";

export type PromptVars = Readonly<Record<string, string | number | undefined>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** The placeholder names of a template, sorted, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))].sort();
}

/** Throws PromptError `missing-placeholder` naming every placeholder of `template` that `vars` has no value for. */
export function assertPlaceholdersFilled(template: string, vars: PromptVars, promptName?: string): void {
  const missing = placeholdersOf(template).filter((name) => vars[name] === undefined);
  if (missing.length > 0) {
    const where = promptName === undefined ? "prompt" : `prompt ${promptName}`;
    throw new PromptError("missing-placeholder", `${where}: no value for ${missing.map((n) => `{{${n}}}`).join(", ")}`, {
      ...(promptName === undefined ? {} : { prompt: promptName }),
      placeholders: missing,
    });
  }
}

export function renderPrompt(template: string, vars: PromptVars, promptName?: string): string {
  assertPlaceholdersFilled(template, vars, promptName);
  return template.replace(PLACEHOLDER, (_, name: string) => String(vars[name]));
}
