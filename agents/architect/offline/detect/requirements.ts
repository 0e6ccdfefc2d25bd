// Requirement extraction: every sentence or list item of the description
// (and every item of the request's lists) becomes a requirement with an id,
// a category scored from cue words, and a priority read from modal verbs.
import type { RequirementCategory } from "../../../../src/spec/model.js";
import { firstIndexOf, hasPhrase, tokenise, type Token } from "../text/tokens.js";
import { CATEGORY_CUES, INTRO_ONLY, PRIORITY_CUES } from "../vocabulary/requirements.js";

export type Priority = "must" | "should" | "could";

export interface SourceSentence {
  readonly text: string;
  /** Where it came from; request items carry their list's category. */
  readonly source: "description" | "security" | "feature" | "performance";
}

export interface RequirementDraft {
  readonly id: string;
  readonly text: string;
  readonly category: RequirementCategory;
  readonly priority: Priority;
  readonly tokens: readonly Token[];
  readonly source: SourceSentence["source"];
}

const CATEGORY_ORDER = ["security", "reliability", "performance", "usability"] as const;

export function categorise(tokens: readonly Token[]): RequirementCategory {
  let best: RequirementCategory = "functional";
  let bestScore = 0;
  for (const category of CATEGORY_ORDER) {
    const score = CATEGORY_CUES[category].filter((cue) => hasPhrase(tokens, cue)).length;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

export function prioritise(tokens: readonly Token[], fallback: Priority): Priority {
  let best: { priority: Priority; at: number } | undefined;
  for (const { priority, cues } of PRIORITY_CUES) {
    const at = firstIndexOf(tokens, cues);
    if (at >= 0 && (best === undefined || at < best.at)) best = { priority, at };
  }
  return best?.priority ?? fallback;
}

const SOURCE_CATEGORY: Readonly<Record<Exclude<SourceSentence["source"], "description">, RequirementCategory>> = {
  security: "security",
  performance: "performance",
  feature: "functional",
};

export function extractRequirements(sentences: readonly SourceSentence[]): RequirementDraft[] {
  const out: RequirementDraft[] = [];
  for (const s of sentences) {
    const text = s.text.replace(/\s+/g, " ").trim().replace(/:$/, "").trim();
    if (text === "" || INTRO_ONLY.test(`${text}:`) || INTRO_ONLY.test(text)) continue;
    const tokens = tokenise(text);
    if (tokens.filter((t) => !t.numeric).length === 0) continue;
    const category = s.source === "description" ? categorise(tokens) : SOURCE_CATEGORY[s.source];
    const fallback: Priority = s.source === "feature" ? "should" : "must";
    out.push({ id: `R${out.length + 1}`, text: /[.!?]$/.test(text) ? text : `${text}.`, category, priority: prioritise(tokens, fallback), tokens, source: s.source });
  }
  return out;
}
