// Reading the parts of a clause around a verb: the subject noun phrase
// before it (through "which" to its antecedent, through a possessive to the
// owner, past "on servers" to "agents"), the object noun phrase after it,
// where the clause ends, and the events a "when …" clause names ("a car
// enters or leaves" → car entered, car left).
import { singular } from "../text/naming.js";
import { looksFinite, pastOf, type Word } from "../text/words.js";
import { AUXILIARIES, CLAUSE_BREAKS, DETERMINERS, GENERIC_ROLE_HEADS } from "../vocabulary/communication.js";

const AUX = new Set<string>(AUXILIARIES);
const DET = new Set<string>(DETERMINERS);
const BREAKS = new Set<string>(CLAUSE_BREAKS);
const GENERIC = new Set<string>(GENERIC_ROLE_HEADS);
// "agents on servers" is about agents; "point of sale terminals" about terminals.
const PREPOSITIONS = new Set(["on", "in", "at", "from", "inside", "behind", "near"]);
const PRONOUNS = new Set(["it", "they", "them", "he", "she", "we", "you", "i"]);

export interface NounPhrase {
  /** Words of the phrase, without determiners. */
  readonly words: readonly string[];
  /** The head, singular ("gate" of "each entry and exit gate"). */
  readonly head: string;
  /** "which", "it", "they": to be resolved by the caller. */
  readonly pronoun?: string;
}

/** The subject of the verb at `i`: skips auxiliaries and coordinated verbs
 *  ("acknowledges and reports"); `isVerb` tells which words are verbs. */
export function subjectBefore(ws: readonly Word[], i: number, isVerb: (k: number) => boolean): NounPhrase | undefined {
  let k = i - 1;
  while (k >= 0 && (AUX.has(ws[k]?.w ?? "") || ((ws[k]?.w === "and" || ws[k]?.w === "or") && isVerb(k - 1)) || isVerb(k))) k--;
  if (k < 0) return undefined;
  const w = ws[k]?.w ?? "";
  if (w === "which" || w === "who" || w === "that") {
    let j = k - 1;
    if (ws[j]?.w === ",") j--;
    const np = phraseEndingAt(ws, j);
    return np ?? { words: [], head: "", pronoun: w };
  }
  if (PRONOUNS.has(w)) return { words: [w], head: w, pronoun: w };
  return phraseEndingAt(ws, k);
}

/** The noun phrase whose last word is at `k`. */
function phraseEndingAt(ws: readonly Word[], k: number): NounPhrase | undefined {
  const collected: Word[] = [];
  let j = k;
  while (j >= 0) {
    const w = ws[j] as Word;
    if (w.punct || DET.has(w.w) || (BREAKS.has(w.w) && w.w !== "and") || /^\d/.test(w.w)) break;
    if (w.w === "and" && collected.length === 0) break;
    collected.unshift(w);
    j--;
  }
  // "agents on servers": the head is before the preposition.
  if (j >= 1 && PREPOSITIONS.has(ws[j]?.w ?? "") && !ws[j - 1]?.punct && !DET.has(ws[j - 1]?.w ?? "")) {
    const before = phraseEndingAt(ws, j - 1);
    if (before !== undefined) return before;
  }
  const content = collected.filter((w) => w.w !== "and");
  if (content.length === 0) return undefined;
  const last = content[content.length - 1] as Word;
  // "drivers' apps": the owner names the party.
  const owner = content.find((w) => w.possessive);
  const head = owner !== undefined && GENERIC.has(last.w) ? owner.w : last.w;
  return { words: content.map((w) => w.w), head: singular(head) };
}

/** The object noun phrase starting at `k`: determiners skipped, up to a
 *  break; `end` is the index after it. */
export function objectAt(ws: readonly Word[], k: number, limit = 4): { words: string[]; end: number } {
  let j = k;
  while (j < ws.length && (DET.has(ws[j]?.w ?? "") || ws[j]?.w === "up" || (ws[j]?.w === "to" && ws[j - 1]?.w === "up") || /^\d/.test(ws[j]?.w ?? ""))) j++;
  const out: string[] = [];
  while (j < ws.length && out.length < limit) {
    const w = ws[j] as Word;
    if (w.punct || BREAKS.has(w.w) || AUX.has(w.w) || /^(is|are|was|were|be|been)$/.test(w.w)) break;
    out.push(w.w);
    j++;
  }
  return { words: out, end: j };
}

/** Where the clause of the verb at `i` ends: a semicolon, a comma before a
 *  new clause (", and the server …", ", which …"), or the end. */
export function clauseEnd(ws: readonly Word[], i: number): number {
  for (let j = i + 1; j < ws.length; j++) {
    const w = ws[j]?.w ?? "";
    if (w === ";" || w === ":") return j;
    if (w === "," && /^(and|then|which|but|while|so|where|who)$/.test(ws[j + 1]?.w ?? "")) return j;
  }
  return ws.length;
}

export interface ClauseEvent {
  readonly noun: readonly string[];
  /** Past participle: "entered", "left". */
  readonly past: string;
}

/** "a car enters or leaves", "the playlist changed", "an auction closes":
 *  the thing and what happened to it. Pronoun subjects name nothing. */
export function clauseEvents(ws: readonly Word[], k: number, end: number): ClauseEvent[] {
  let j = k;
  while (j < end && DET.has(ws[j]?.w ?? "")) j++;
  const noun: string[] = [];
  while (j < end && !ws[j]?.punct) {
    const w = ws[j]?.w ?? "";
    if (noun.length > 0 && looksFinite(w)) break;
    if (PRONOUNS.has(w) || BREAKS.has(w) || noun.length >= 3) return [];
    noun.push(w);
    j++;
  }
  if (noun.length === 0 || j >= end) return [];
  const out: ClauseEvent[] = [];
  const verbAt = (x: number): string | undefined => {
    const w = ws[x]?.w ?? "";
    if (/^(is|are|was|were|becomes?|gets?|goes)$/.test(w)) {
      const adj = ws[x + 1]?.w ?? "";
      return /^[a-z]+$/.test(adj) && !DET.has(adj) && !BREAKS.has(adj) ? adj : undefined;
    }
    return /^[a-z]+$/.test(w) && !BREAKS.has(w) && !DET.has(w) ? pastOf(w) : undefined;
  };
  const first = verbAt(j);
  if (first === undefined) return [];
  // "plugs in", "logs out": the particle belongs to the verb.
  const particle = (x: number) => (/^(in|out|up|down|off|on|away|back|over)$/.test(ws[x]?.w ?? "") ? ws[x]?.w : undefined);
  let x = /^(is|are|was|were|becomes?|gets?|goes)$/.test(ws[j]?.w ?? "") ? j + 2 : j + 1;
  const p0 = particle(x);
  if (p0 !== undefined) x++;
  out.push({ noun: noun.map((w, i) => (i === noun.length - 1 ? singular(w) : w)), past: p0 !== undefined ? `${first} ${p0}` : first });
  // "enters or leaves": coordinated verbs share the noun.
  while (x + 1 < end && (ws[x]?.w === "or" || ws[x]?.w === "and")) {
    const next = ws[x + 1]?.w ?? "";
    if (!looksFinite(next)) break;
    const v = verbAt(x + 1);
    if (v === undefined) break;
    const p = particle(x + 2);
    out.push({ noun: out[0]?.noun ?? [], past: p !== undefined ? `${v} ${p}` : v });
    x += p !== undefined ? 3 : 2;
  }
  return out;
}
