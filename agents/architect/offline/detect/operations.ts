// Operations from "<verb> <object>" phrases: "place and cancel orders",
// "query the account balance". Each becomes a request named verb + entity
// with a response named entity + past participle. Coordinated verbs share
// the object ("create, update and delete tasks"); "it" and "one" stand for
// the object just named ("open a ticket … and close it", "list snapshots
// and restore one by id"). The subject says who asks ("the scheduler can
// cancel a job": the responder), "by <key>" gives the key ("look up an item
// by barcode"), "by sending <list>" the request's fields and "get its
// <list>" the answer's.
import type { FieldDraft } from "../draft.js";
import type { RequirementDraft } from "./requirements.js";
import { phraseFields } from "./phrase-fields.js";
import { subjectBefore } from "./clauses.js";
import { singular } from "../text/naming.js";
import { findPhrase, type Token } from "../text/tokens.js";
import { isVerbOf, words, type Word } from "../text/words.js";
import { DECISION_VERBS, PUSH_VERBS, SEND_VERBS } from "../vocabulary/communication.js";
import { NON_ENTITIES } from "../vocabulary/nouns.js";
import { OBJECT_SKIP_WORDS, OPERATION_VERBS, type VerbEntry } from "../vocabulary/verbs.js";

export interface Operation {
  readonly verb: VerbEntry;
  /** Singular entity words, e.g. ["account", "balance"]. */
  readonly entity: readonly string[];
  readonly reqId: string;
  /** Who asks: the subject's role when the sentence names it. */
  readonly side?: "initiator" | "responder";
  /** "by barcode": the field the request is keyed by. */
  readonly key?: FieldDraft;
  /** "by sending the barcode and a quantity change". */
  readonly requestFields?: readonly FieldDraft[];
  /** "and get its name, quantity on hand and bin location". */
  readonly responseFields?: readonly FieldDraft[];
}

const SKIP = new Set<string>(OBJECT_SKIP_WORDS);
const NON = new Set<string>(NON_ENTITIES);
const ADJECTIVES = new Set(["available", "active", "open", "pending", "recent", "latest", "nearby", "connected", "online", "remote", "stored", "saved", "earlier"]);
const BREAK = /^(and|or|to|from|with|for|of|in|on|at|by|via|into|onto|when|while|if|so|that|which|who|as|than|then|but|also|up|out|down|off|back|over|per|every|each|between|using|through|after|before|across|within|without|until|immediately|instantly|quickly|automatically|directly|again)$/;
const ANAPHORA = /^(it|one|them|this|that)$/;
const DECISIONS = DECISION_VERBS.map((d) => d.verb);

function verbAt(tokens: readonly Token[], i: number): { entry: VerbEntry; length: number } | undefined {
  const t = tokens[i];
  // Operations are asked for in the present tense: "unlocked" and "closed" are states.
  if (t !== undefined && /ed$/.test(t.word) && !/eed$/.test(t.word)) return undefined;
  // "scheduler", "transfers" as a noun after a determiner: not a verb.
  if (t === undefined || /(er|or)s?$/.test(t.word) && !/(er|or)s?$/.test(OPERATION_VERBS.find((e) => e.cues.some((c) => findPhrase([t], c).includes(0)))?.cues[0] ?? "x")) return undefined;
  // The longest cue wins: "check out" before "check".
  let best: { entry: VerbEntry; length: number } | undefined;
  for (const entry of OPERATION_VERBS) {
    for (const cue of entry.cues) {
      const length = cue.split(" ").length;
      if (best !== undefined && length <= best.length) continue;
      if (!findPhrase(tokens.slice(i, i + length), cue).includes(0)) continue;
      const next = tokens[i + length]?.word ?? "";
      if (entry.needsObject === true && !/^(a|an|the|it|them|this|that|one|their|its|his|her)$/.test(next)) continue;
      // "a print job", "each print job", "sends print jobs": a noun's modifier.
      const prev = tokens[i - 1]?.word ?? "";
      if ((/^(a|an|the|each|every|per|of|its|their)$/.test(prev) || isVerbOf(prev, [...SEND_VERBS, ...PUSH_VERBS])) && cue !== "open new") continue;
      // "… and get its name and price": the answer, not a request of its own.
      if (entry.kind === "query" && /^(its|their)$/.test(next) && /^(and|then)$/.test(tokens[i - 1]?.word ?? "")) continue;
      best = { entry, length };
    }
  }
  return best;
}

/** The word index (in `ws`) of the token at text offset `at`. */
function wordIndexAt(ws: readonly Word[], text: string, at: number): number {
  const before = words(text.slice(0, at)).length;
  return Math.min(before, ws.length - 1);
}

export function operationsIn(r: RequirementDraft, sideOf?: (head: string | undefined) => "initiator" | "responder" | undefined): Operation[] {
  const { tokens } = r;
  const ws = words(r.text);
  const out: Operation[] = [];
  // Values listed in parentheses ("(idle, printing, jammed)") are states, not verbs.
  const inParens = (at: number) => r.text.lastIndexOf("(", at) > r.text.lastIndexOf(")", at);
  let pending: { entry: VerbEntry; at: number }[] = [];
  let lastEntity: readonly string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    // "accepts or rejects": a decision, read as an answer (detect/interactions.ts).
    if (isVerbOf(t.word, DECISIONS) && tokens[i + 1]?.word === "or" && isVerbOf(tokens[i + 2]?.word ?? "", DECISIONS)) {
      i += 2;
      pending = [];
      continue;
    }
    const v = inParens(t.at) ? undefined : verbAt(tokens, i);
    if (v) {
      pending.push({ entry: v.entry, at: i });
      i += v.length - 1;
      continue;
    }
    if (pending.length === 0) continue;
    if (/^(and|or)$/.test(t.word)) continue;
    // The object: skip determiners and adjectives, then one or two nouns.
    let j = i;
    while (j < tokens.length && (SKIP.has(tokens[j]?.word ?? "") || ADJECTIVES.has(tokens[j]?.word ?? "")) && !(ANAPHORA.test(tokens[j]?.word ?? "") && lastEntity !== undefined && !/^[a-z]/.test(tokens[j + 1]?.word.replace(/^(by|to|and|with|from|in|on|at|as)$/, "") ?? ""))) j++;
    const first = tokens[j];
    const wordsOf: string[] = [];
    let entity: readonly string[] | undefined;
    if (first && ANAPHORA.test(first.word) && lastEntity !== undefined) {
      entity = lastEntity;
    } else if (first && !first.numeric && !BREAK.test(first.word) && !NON.has(first.word) && verbAt(tokens, j) === undefined) {
      wordsOf.push(first.word);
      const second = tokens[j + 1];
      if (second && !second.numeric && !BREAK.test(second.word) && !NON.has(second.word) && verbAt(tokens, j + 1) === undefined) {
        // "account balance", "price alerts": a second noun that is not the start of a new clause.
        if (!/(ly|ing|ed)$/.test(second.word) && second.word.length > 2) wordsOf.push(second.word);
      }
      entity = wordsOf.map((w, k) => (k === wordsOf.length - 1 ? singular(w) : w));
    }
    if (entity !== undefined) {
      const end = j + Math.max(1, wordsOf.length);
      const extras = details(r, ws, tokens, end, entity);
      for (const p of pending) {
        const wi = wordIndexAt(ws, r.text, tokens[p.at]?.at ?? 0);
        const subject = subjectBefore(ws, wi, (k) => k >= 0 && isOperationVerb(ws[k]?.w ?? ""));
        const side = sideOf?.(subject?.pronoun === undefined ? subject?.head : undefined);
        out.push({ verb: p.entry, entity, reqId: r.id, ...(side !== undefined ? { side } : {}), ...extras });
      }
      lastEntity = entity;
      i = end - 1;
    }
    pending = [];
  }
  return dedupe(out);
}

const SINGLE_WORD_CUES = OPERATION_VERBS.flatMap((e) => e.cues.filter((c) => !c.includes(" ")));
const isOperationVerb = (w: string) => w !== "" && isVerbOf(w, SINGLE_WORD_CUES);

/** "by <key>", "by sending <list>", "(and) get its <list>" after the object. */
function details(r: RequirementDraft, ws: readonly Word[], tokens: readonly Token[], end: number, entity: readonly string[]): Pick<Operation, "key" | "requestFields" | "responseFields"> {
  const out: { key?: FieldDraft; requestFields?: FieldDraft[]; responseFields?: FieldDraft[] } = {};
  const wi = wordIndexAt(ws, r.text, tokens[end]?.at ?? r.text.length);
  const owner = entity[entity.length - 1] ?? "item";
  const stop = (from: number) => {
    for (let k = from; k < ws.length; k++) if (ws[k]?.w === ";" || (ws[k]?.w === "," && /^(and|then|which|but)$/.test(ws[k + 1]?.w ?? ""))) return k;
    return ws.length;
  };
  if (ws[wi]?.w === "by") {
    if (/^(sending|giving|passing|providing|supplying|including)$/.test(ws[wi + 1]?.w ?? "")) {
      out.requestFields = phraseFields(ws.slice(wi + 2, stop(wi + 2)), owner).fields;
    } else {
      const keyWords = ws.slice(wi + 1, Math.min(stop(wi + 1), wi + 4));
      const cut = keyWords.findIndex((w) => w.punct || /^(and|or|to|with|from|then)$/.test(w.w));
      const key = phraseFields(cut >= 0 ? keyWords.slice(0, cut) : keyWords, owner).fields[0];
      if (key !== undefined) out.key = key.name === "id" ? { ...key, name: `${entity.join("_")}_id`, type: "string", minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" } : key;
    }
  }
  const get = ws.findIndex((w, k) => k >= wi && /^(get|gets|receive|receives|returns?)$/.test(w.w) && /^(its|their|the)$/.test(ws[k + 1]?.w ?? ""));
  if (get >= 0) out.responseFields = phraseFields(ws.slice(get + 2, stop(get + 2)), owner).fields;
  return out;
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
