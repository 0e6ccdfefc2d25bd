// A prompt file holds both messages of a question: the system part (role,
// rules, reference material) and, after a line `<!-- user -->`, the user part
// (this task's inputs). The marker is an HTML comment, so the files still read
// as plain Markdown.
import { getPrompt, type PromptSet } from "./prompt-set.js";
import { assertPlaceholdersFilled, renderPrompt, type PromptVars } from "./render-prompt.js";

export const USER_MARKER = "<!-- user -->";

export interface PromptMessages {
  readonly system: string;
  readonly user: string;
}

/** Splits at the first line that is exactly the marker; without one, everything is the user part. */
export function splitPrompt(text: string): PromptMessages {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim() === USER_MARKER);
  if (at < 0) return { system: "", user: text.trim() };
  return { system: lines.slice(0, at).join("\n").trim(), user: lines.slice(at + 1).join("\n").trim() };
}

/** Splits prompt `name` of the set into its two parts and renders each (so no value can move the split). */
export function renderPromptMessages(set: PromptSet, name: string, vars: PromptVars): PromptMessages {
  const template = getPrompt(set, name);
  assertPlaceholdersFilled(template, vars, name);
  const parts = splitPrompt(template);
  return { system: renderPrompt(parts.system, vars, name), user: renderPrompt(parts.user, vars, name) };
}
