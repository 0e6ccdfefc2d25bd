// Pattern recognition: which communication patterns and sub-features each
// requirement mentions. A description usually mixes several.
import type { RequirementDraft } from "./requirements.js";
import { hasPhrase, type Token } from "../text/tokens.js";
import { FEATURE_CUES, PATTERN_IDS, PATTERNS, type FeatureId, type PatternId } from "../vocabulary/patterns.js";

export function matchesTrigger(tokens: readonly Token[], triggers: readonly (readonly string[])[]): boolean {
  return triggers.some((phrases) => phrases.every((p) => hasPhrase(tokens, p)));
}

export function patternsIn(tokens: readonly Token[]): PatternId[] {
  const strong = PATTERN_IDS.filter((id) => matchesTrigger(tokens, PATTERNS[id].triggers));
  const claimed = strong.length > 0;
  const weak = claimed ? [] : PATTERN_IDS.filter((id) => !strong.includes(id) && matchesTrigger(tokens, PATTERNS[id].weak ?? []));
  return PATTERN_IDS.filter((id) => strong.includes(id) || weak.includes(id));
}

export function featuresIn(tokens: readonly Token[]): FeatureId[] {
  return (Object.keys(FEATURE_CUES) as FeatureId[]).filter((id) => matchesTrigger(tokens, FEATURE_CUES[id]));
}

const CONTINUATION = /^(with|while|so that|and)\b/i;

export interface PatternFacts {
  /** Pattern → ids of the requirements that mention it, in order of first mention. */
  readonly patterns: Map<PatternId, string[]>;
  readonly features: Map<FeatureId, string[]>;
}

export function detectPatterns(reqs: readonly RequirementDraft[]): PatternFacts {
  const patterns = new Map<PatternId, string[]>();
  const features = new Map<FeatureId, string[]>();
  let previous: { patterns: PatternId[]; features: FeatureId[] } = { patterns: [], features: [] };
  for (const r of reqs) {
    const found = { patterns: patternsIn(r.tokens), features: featuresIn(r.tokens) };
    // A clause split off its sentence ("…, with each player's score") continues it.
    if (CONTINUATION.test(r.text)) {
      found.patterns = [...new Set([...previous.patterns, ...found.patterns])];
      found.features = [...new Set([...previous.features, ...found.features])];
    }
    for (const p of found.patterns) patterns.set(p, [...(patterns.get(p) ?? []), r.id]);
    for (const f of found.features) features.set(f, [...(features.get(f) ?? []), r.id]);
    previous = found;
  }
  return { patterns, features };
}
