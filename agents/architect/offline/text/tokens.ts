// Words of a sentence with their stems, and matching of cue phrases (written
// as plain words in the vocabulary) against them by stem, so "reports",
// "reporting" and "reported" all match the cue "report".
import { stemmer } from "stemmer";

export interface Token {
  /** The word as written, lower-cased. */
  readonly word: string;
  readonly stem: string;
  /** Offset of the word in the sentence. */
  readonly at: number;
  readonly numeric: boolean;
}

const WORD = /[a-z][a-z0-9]*|\d+(?:\.\d+)?/g;
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\d/.test(word) ? word : stemmer(word);
    stemCache.set(word, s);
  }
  return s;
}

export function tokenise(text: string): Token[] {
  const out: Token[] = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(WORD)) {
    out.push({ word: m[0], stem: stem(m[0]), at: m.index, numeric: /^\d/.test(m[0]) });
  }
  return out;
}

type WordMatcher = (t: Token) => boolean;
const phraseCache = new Map<string, readonly WordMatcher[]>();

/** A cue word matches by stem ("reports" ~ "report"); `notif*` matches by
 *  prefix; `=reading` matches that word or its plural only (stems of some
 *  words collide: "reading" and "read"). */
function compileWord(cue: string): WordMatcher {
  if (cue.endsWith("*")) {
    const prefix = cue.slice(0, -1).toLowerCase();
    return (t) => t.word.startsWith(prefix);
  }
  if (cue.startsWith("=")) {
    const exact = cue.slice(1).toLowerCase();
    return (t) => t.word === exact || t.word === `${exact}s` || t.word === `${exact}es`;
  }
  const s = stem(cue.toLowerCase());
  return (t) => t.stem === s;
}

function compilePhrase(phrase: string): readonly WordMatcher[] {
  let m = phraseCache.get(phrase);
  if (m === undefined) {
    m = phrase
      .toLowerCase()
      .split(/[\s/-]+/)
      .filter((w) => w !== "")
      .map(compileWord);
    phraseCache.set(phrase, m);
  }
  return m;
}

/** Token indexes where `phrase` starts. */
export function findPhrase(tokens: readonly Token[], phrase: string): number[] {
  const words = compilePhrase(phrase);
  const hits: number[] = [];
  if (words.length === 0) return hits;
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) {
      const t = tokens[i + j];
      const match = words[j];
      if (t === undefined || match === undefined || !match(t)) continue outer;
    }
    hits.push(i);
  }
  return hits;
}

export function hasPhrase(tokens: readonly Token[], phrase: string): boolean {
  return findPhrase(tokens, phrase).length > 0;
}

export function hasAny(tokens: readonly Token[], phrases: readonly string[]): boolean {
  return phrases.some((p) => hasPhrase(tokens, p));
}

/** First index of any of `phrases`, or -1. */
export function firstIndexOf(tokens: readonly Token[], phrases: readonly string[]): number {
  let best = -1;
  for (const p of phrases) {
    const [i] = findPhrase(tokens, p);
    if (i !== undefined && (best < 0 || i < best)) best = i;
  }
  return best;
}
