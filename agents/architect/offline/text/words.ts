// Words of a sentence with the punctuation that separates clauses and list
// items kept as words of their own, possessives marked ("drivers' apps"),
// and small helpers to read verbs: base form, past participle, whether a
// word belongs to a verb list (by stem).
import { stem } from "./tokens.js";
import { IRREGULAR_PAST } from "../vocabulary/communication.js";

export interface Word {
  /** Lower-case word, or one of `, ; : ( )`. */
  readonly w: string;
  readonly punct: boolean;
  /** Written with a possessive `'s` or `s'`. */
  readonly possessive: boolean;
}

const WORD = /[a-z][a-z0-9]*'s|[a-z][a-z0-9]*s'|[a-z][a-z0-9]*|\d+(?:\.\d+)?|[,;:()]/g;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.toLowerCase().replace(/[\u2018\u2019]/g, "'").matchAll(WORD)) {
    const raw = m[0];
    const possessive = /'s$|s'$/.test(raw);
    const w = raw.endsWith("'s") ? raw.slice(0, -2) : raw.endsWith("'") ? raw.slice(0, -1) : raw;
    out.push({ w, punct: /^[,;:()]$/.test(w), possessive });
  }
  return out;
}

/** Whether `word` is a form of one of `verbs` (base forms), by stem. */
export function isVerbOf(word: string, verbs: readonly string[]): boolean {
  // "scheduler" is not a form of "schedule", but "offers" is one of "offer".
  const agent = /(er|ers|or|ors|ion|ions)$/.test(word);
  const s = stem(word);
  return verbs.some((v) => stem(v) === s && (!agent || /(er|or|ion)$/.test(v)));
}

/** "leaves" → "leave", "reaches" → "reach", "changed" → "change". */
export function baseForm(word: string): string {
  if (/ied$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zzes|oes)$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The past participle for event names: "enters" → "entered", "leaves" → "left". */
export function pastOf(word: string): string {
  if (/ed$/.test(word) && !/eed$/.test(word)) return word;
  const base = baseForm(word);
  const irregular = IRREGULAR_PAST[base];
  if (irregular !== undefined) return irregular;
  if (/e$/.test(base)) return `${base}d`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
  return `${base}ed`;
}

/** Whether a word reads as a finite verb after a noun ("a car enters",
 *  "the playlist changed", "the battery is low"). */
export function looksFinite(word: string): boolean {
  return /^(is|are|was|were|becomes?|goes|gets?|has|have|had)$/.test(word) || (/[^su]s$|ed$/.test(word) && word.length > 3 && !/(ness|ous|ics|sis)$/.test(word));
}
