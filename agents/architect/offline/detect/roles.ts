// Which nouns name the two roles. First from the sentences themselves: the
// subject of a communication verb is a party ("each gate reports …" → gate),
// a central noun (server, hub, controller, dispatcher, console …) or the
// object of "connect to", "send … to" is the responder, and the receiver of
// what a central party sends is the initiator. Known nouns take the table's
// name (vocabulary/roles.ts: a car is a `vehicle`); others keep their own.
// Without such sentences, the table's order is preference.
import type { RequirementDraft } from "./requirements.js";
import { objectAt, subjectBefore } from "./clauses.js";
import { snake } from "../text/naming.js";
import { hasAny, tokenise } from "../text/tokens.js";
import { isVerbOf, words, type Word } from "../text/words.js";
import { CENTRAL_NOUNS, OFFER_VERBS, PUSH_VERBS, ROLE_VERBS, SEND_VERBS } from "../vocabulary/communication.js";
import { DEFAULT_ROLES, INITIATOR_NOUNS, RESPONDER_NOUNS, type RoleNoun } from "../vocabulary/roles.js";

export interface RoleFacts {
  readonly initiator: { readonly name: string; readonly doc: string; readonly cues: readonly string[] };
  readonly responder: { readonly name: string; readonly doc: string; readonly cues: readonly string[] };
  /** True when either name was not in the description. */
  readonly assumed: boolean;
}

const VERBS = [...SEND_VERBS, ...PUSH_VERBS, ...OFFER_VERBS, ...ROLE_VERBS];
const CENTRAL = new Set<string>(CENTRAL_NOUNS);
const NOT_VERB_AFTER = /^(a|an|the|its|their|of|for|with|by|from|in|on|at|to|each|every|per|no|any|some)$/;

/** A cue used as a verb ("both sides exchange messages") names no role. */
function usedAsNoun(r: RequirementDraft, cues: readonly string[]): boolean {
  const ws = words(r.text);
  const tokens = tokenise(r.text);
  if (!hasAny(tokens, cues)) return false;
  return ws.some((w, i) => {
    if (!hasAny(tokenise(w.w), cues)) return false;
    const prev = ws[i - 1];
    return prev === undefined || prev.possessive || !/[^s']s$/.test(prev.w) || /^(is|was|has|its|this|always)$/.test(prev.w);
  });
}

function pick(table: readonly RoleNoun[], reqs: readonly RequirementDraft[]): RoleNoun | undefined {
  return table.find((entry) => reqs.some((r) => usedAsNoun(r, entry.cues)));
}

function isCentral(head: string): boolean {
  return CENTRAL.has(head) || RESPONDER_NOUNS.some((e) => e.cues.some((c) => !c.includes(" ") && tokenise(c)[0]?.stem === tokenise(head)[0]?.stem));
}

/** The table entry a noun phrase belongs to ("dispatch server" before
 *  "server"), or a new one named after its head. */
function roleFor(phrase: string, table: readonly RoleNoun[]): RoleNoun {
  const tokens = tokenise(phrase);
  const compound = table.find((e) => e.cues.some((c) => c.includes(" ") && tokens.length >= c.split(" ").length && hasAny(tokens.slice(tokens.length - c.split(" ").length), [c])));
  if (compound) return compound;
  const head = phrase.split(" ").pop() ?? phrase;
  const stem = tokenise(head)[0]?.stem;
  const known = table.find((e) => e.cues.some((c) => !c.includes(" ") && tokenise(c)[0]?.stem === stem));
  if (known) return known;
  const name = snake(head);
  return { cues: [head], name, doc: `A ${head.replace(/_/g, " ")}.` };
}

/** Heads of the parties named as subjects and objects of communication verbs. */
function partiesFromSentences(reqs: readonly RequirementDraft[]): { initiator?: string; responder?: string } {
  let initiator: string | undefined;
  let responder: string | undefined;
  for (const r of reqs) {
    if (r.source !== "description") continue;
    const ws = words(r.text);
    const isVerb = (k: number) => k >= 0 && isVerbOf(ws[k]?.w ?? "", VERBS) && !NOT_VERB_AFTER.test(ws[k - 1]?.w ?? "");
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as Word;
      if (w.punct || /ing$|ed$/.test(w.w) || !isVerb(i) || /^(is|are|must|should|can|will)$/.test(ws[i + 1]?.w ?? "")) continue;
      const subject = subjectBefore(ws, i, isVerb);
      if (subject === undefined || subject.pronoun !== undefined || subject.head === "") continue;
      const target = targetAfter(ws, i);
      const head = (phrase: string) => phrase.split(" ").pop() ?? phrase;
      if (isCentral(subject.head)) {
        responder ??= subject.words.join(" ") || subject.head;
        if (target !== undefined && !isCentral(head(target))) initiator ??= head(target);
      } else {
        initiator ??= subject.head;
        if (target !== undefined && isCentral(head(target))) responder ??= target;
      }
    }
  }
  return { ...(initiator !== undefined ? { initiator } : {}), ...(responder !== undefined ? { responder } : {}) };
}

/** The head of "to/from/with <noun phrase>" in the verb's clause. */
function targetAfter(ws: readonly Word[], i: number): string | undefined {
  for (let j = i + 1; j < ws.length && j < i + 24; j++) {
    const w = ws[j]?.w ?? "";
    if (w === ";" || w === "." || (w === "," && /^(and|then|which)$/.test(ws[j + 1]?.w ?? ""))) return undefined;
    if (/^(to|from|with)$/.test(w)) {
      const np = objectAt(ws, j + 1, 3);
      const head = np.words[np.words.length - 1];
      if (head !== undefined && (isCentral(head) || ws[j + 1]?.w === "a" || ws[j + 1]?.w === "the")) return [...np.words.slice(0, -1), head.replace(/s$/, "")].join(" ");
    }
  }
  return undefined;
}

export function detectRoles(reqs: readonly RequirementDraft[]): RoleFacts {
  const said = partiesFromSentences(reqs);
  const initiator = said.initiator !== undefined ? roleFor(said.initiator, INITIATOR_NOUNS) : pick(INITIATOR_NOUNS, reqs);
  const responder = said.responder !== undefined && isCentral(said.responder.split(" ").pop() ?? "") ? roleFor(said.responder, RESPONDER_NOUNS) : pick(RESPONDER_NOUNS, reqs);
  const i = initiator ?? { ...DEFAULT_ROLES.initiator, cues: ["client"] };
  let r = responder ?? { ...DEFAULT_ROLES.responder, cues: ["server"] };
  if (r.name === i.name) r = { ...DEFAULT_ROLES.responder, cues: ["server"] };
  return {
    initiator: { name: i.name, doc: i.doc, cues: i.cues },
    responder: { name: r.name, doc: r.doc, cues: r.cues },
    assumed: initiator === undefined || responder === undefined,
  };
}
