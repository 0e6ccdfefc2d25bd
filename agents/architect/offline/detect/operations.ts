// Operations from "<verb> <object>" phrases: "place and cancel orders",
// "query the account balance". Each becomes a request named verb + entity
// with a response named entity + past participle. Coordinated verbs share
// the object ("create, update and delete tasks").
import type { RequirementDraft } from "./requirements.js";
import { singular } from "../text/naming.js";
import { findPhrase, type Token } from "../text/tokens.js";
import { NON_ENTITIES } from "../vocabulary/nouns.js";
import { OBJECT_SKIP_WORDS, OPERATION_VERBS, type VerbEntry } from "../vocabulary/verbs.js";

export interface Operation {
  readonly verb: VerbEntry;
  /** Singular entity words, e.g. ["account", "balance"]. */
  readonly entity: readonly string[];
  readonly reqId: string;
}

const SKIP = new Set<string>(OBJECT_SKIP_WORDS);
const NON = new Set<string>(NON_ENTITIES);
const ADJECTIVES = new Set(["available", "active", "open", "pending", "recent", "latest", "nearby", "connected", "online", "remote", "stored", "saved"]);
const BREAK = /^(and|or|to|from|with|for|of|in|on|at|by|via|into|onto|when|while|if|so|that|which|who|as|than|then|but|also|up|out|down|off|back|over|per|every|each|between|using|through|after|before|across|within|without|until|immediately|instantly|quickly|automatically|directly|again)$/;

function verbAt(tokens: readonly Token[], i: number): { entry: VerbEntry; length: number } | undefined {
  for (const entry of OPERATION_VERBS) {
    for (const cue of entry.cues) {
      if (findPhrase(tokens.slice(i, i + cue.split(" ").length), cue).includes(0)) return { entry, length: cue.split(" ").length };
    }
  }
  return undefined;
}

export function operationsIn(r: RequirementDraft): Operation[] {
  const { tokens } = r;
  const out: Operation[] = [];
  let pending: VerbEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const v = verbAt(tokens, i);
    if (v) {
      pending.push(v.entry);
      i += v.length - 1;
      continue;
    }
    if (pending.length === 0) continue;
    if (/^(and|or)$/.test(t.word)) continue;
    // The object: skip determiners and adjectives, then one or two nouns.
    let j = i;
    while (j < tokens.length && (SKIP.has(tokens[j]?.word ?? "") || ADJECTIVES.has(tokens[j]?.word ?? ""))) j++;
    const first = tokens[j];
    const words: string[] = [];
    if (first && !first.numeric && !BREAK.test(first.word) && !NON.has(first.word) && verbAt(tokens, j) === undefined) {
      words.push(first.word);
      const second = tokens[j + 1];
      if (second && !second.numeric && !BREAK.test(second.word) && !NON.has(second.word) && verbAt(tokens, j + 1) === undefined) {
        // "account balance", "price alerts": a second noun that is not the start of a new clause.
        if (!/(ly|ing|ed)$/.test(second.word) && second.word.length > 2) words.push(second.word);
      }
    }
    if (words.length > 0) {
      const entity = words.map((w, k) => (k === words.length - 1 ? singular(w) : w));
      for (const verb of pending) out.push({ verb, entity, reqId: r.id });
      i = j + words.length - 1;
    }
    pending = [];
  }
  return dedupe(out);
}

function dedupe(ops: readonly Operation[]): Operation[] {
  const seen = new Set<string>();
  return ops.filter((o) => {
    const key = `${o.verb.verb}:${o.entity.join("_")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
