// Messages read from who-says-what-to-whom: the subject of a communication
// verb is the sender, its object names the message, a "when …" clause names
// events, a reply verb turns what was just sent into a request and gives
// its response, "accepts or declines" gives the answers of an offer, and
// "each <thing> has …" lists a thing's fields.
//   "gates report when a car enters, with the plate, and the server replies
//    with whether the barrier should open" → request CarEntered {plate} →
//    response CarEnteredResult {open: bool}.
import type { FieldDraft, TypeDraft } from "../draft.js";
import type { RequirementDraft } from "./requirements.js";
import type { RoleFacts } from "./roles.js";
import { clauseEnd, clauseEvents, objectAt, subjectBefore, type NounPhrase } from "./clauses.js";
import { phraseFields } from "./phrase-fields.js";
import { pascal, singular, snake } from "../text/naming.js";
import { findPhrase, tokenise } from "../text/tokens.js";
import { isVerbOf, words, type Word } from "../text/words.js";
import { ATTRIBUTES } from "../vocabulary/attributes.js";
import {
  CENTRAL_NOUNS,
  DECISION_VERBS,
  GENERIC_MESSAGE_NOUNS,
  OFFER_VERBS,
  PATTERN_OBJECTS,
  POSITIVE_ANSWERS,
  PUSH_VERBS,
  REPLY_VERBS,
  SEND_VERBS,
} from "../vocabulary/communication.js";

export type Side = "initiator" | "responder";

export interface PlannedResponse {
  name: string;
  fields: FieldDraft[];
}

export interface PlannedMessage {
  name: string;
  from: Side;
  kind: "request" | "event";
  fields: FieldDraft[];
  responses: PlannedResponse[];
  /** The thing the message is about, singular words ("ride", "job"). */
  readonly noun: readonly string[];
  readonly reqId: string;
  /** Messages read from one verb share a group. */
  readonly group: number;
  readonly subject: string;
  readonly offer: boolean;
  /** Named after something else ("the result" of a job → JobResult): the
   *  thing's own fields ("each job has …") do not belong to it. */
  readonly borrowed?: boolean;
}

export interface InteractionFacts {
  readonly messages: PlannedMessage[];
  readonly types: TypeDraft[];
  /** Fields of an answer said in a sentence with no message of its own to
   *  answer ("… and the server confirms the new quantity"), by requirement. */
  readonly replyFields: Map<string, FieldDraft[]>;
  /** "Each job has a sample id …": fields by the thing's singular name. */
  readonly definitions: Map<string, FieldDraft[]>;
}

const CONTINUATION = /^(with|while|so that|and)\b/i;
const PATTERN_OBJECT = new Set<string>(PATTERN_OBJECTS);
const CENTRAL = new Set<string>(CENTRAL_NOUNS);
const GENERIC = new Set<string>(GENERIC_MESSAGE_NOUNS);
const POSITIVE = new Set<string>(POSITIVE_ANSWERS);
const DECISIONS = DECISION_VERBS.map((d) => d.verb);
const NOT_A_VERB_BEFORE = /^(a|an|the|its|their|his|her|our|your|my|this|of|for|with|by|from|in|on|at|each|every|per|no|any|some|and|or)$/;
const SUBJECT_FOLLOWS = /^(is|are|was|were|must|should|can|will|may|have|has|had|of|per)$/;

/** Whether a vocabulary attribute is named exactly by `ws` (a reading, not a message). */
function isAttribute(ws: readonly string[]): boolean {
  const tokens = tokenise(ws.join(" "));
  return ATTRIBUTES.some((e) => e.listOnly !== true && e.cues.some((c) => findPhrase(tokens, c).includes(0) && c.split(" ").length >= tokens.length - 1));
}

type VerbClass = "send" | "push" | "offer" | "reply" | "decision" | "request" | "notified";

function classify(ws: readonly Word[], i: number): VerbClass | undefined {
  const w = ws[i]?.w ?? "";
  if (ws[i]?.punct || /^\d/.test(w) || w.endsWith("ing")) return undefined;
  const prev = ws[i - 1]?.w ?? "";
  const next = ws[i + 1]?.w ?? "";
  if (w === "notified" && /^(are|is|get|gets|be|were|was)$/.test(prev)) return "notified";
  if (/ed$/.test(w)) return undefined;
  if (NOT_A_VERB_BEFORE.test(prev) && !(prev === "and" || prev === "or")) return undefined;
  if (SUBJECT_FOLLOWS.test(next)) return undefined;
  if ((w === "request" || w === "requests") && /^(a|an|the)$/.test(next)) return "request";
  if (isVerbOf(w, DECISIONS) && next === "or" && isVerbOf(ws[i + 2]?.w ?? "", DECISIONS)) return "decision";
  if (isVerbOf(w, OFFER_VERBS)) return "offer";
  if (isVerbOf(w, REPLY_VERBS)) return "reply";
  if (isVerbOf(w, PUSH_VERBS)) return "push";
  if (isVerbOf(w, SEND_VERBS)) return "send";
  return undefined;
}

/** The requirements read as whole sentences: a continuation clause
 *  (", with …", ", and the …") rejoins the sentence it was split from. */
function sentences(reqs: readonly RequirementDraft[]): { reqId: string; text: string }[] {
  const out: { reqId: string; text: string }[] = [];
  for (const r of reqs) {
    if (r.source !== "description") continue;
    const last = out[out.length - 1];
    if (last !== undefined && CONTINUATION.test(r.text)) last.text = `${last.text.replace(/[.!?]$/, "")}, ${r.text}`;
    else out.push({ reqId: r.id, text: r.text });
  }
  return out;
}

export function detectInteractions(reqs: readonly RequirementDraft[], roles: RoleFacts, telemetryReqs: ReadonlySet<string>): InteractionFacts {
  const messages: PlannedMessage[] = [];
  const types: TypeDraft[] = [];
  const replyFields = new Map<string, FieldDraft[]>();
  const definitions = new Map<string, FieldDraft[]>();
  const responderCues = tokenise(roles.responder.cues.join(" "));
  const initiatorCues = tokenise(roles.initiator.cues.join(" "));
  const matchesCue = (cues: ReturnType<typeof tokenise>, head: string) => cues.some((t) => tokenise(head)[0]?.stem === t.stem);
  let group = 0;
  let lastSide: Side = "initiator";
  let lastSubject = roles.initiator.name;

  const sideOf = (np: NounPhrase | undefined): Side => {
    if (np === undefined || np.pronoun !== undefined || np.head === "") return lastSide;
    if (matchesCue(responderCues, np.head) || CENTRAL.has(np.head)) return "responder";
    if (matchesCue(initiatorCues, np.head)) return "initiator";
    return "initiator";
  };

  let previous: PlannedMessage[] = [];
  for (const s of sentences(reqs)) {
    previous = messages.filter((m) => m.reqId === messages[messages.length - 1]?.reqId);
    const ws = words(s.text);
    const classes = ws.map((_, i) => classify(ws, i));
    const isVerb = (k: number) => k >= 0 && classes[k] !== undefined;
    const inSentence: PlannedMessage[] = [];
    const add = (m: Omit<PlannedMessage, "reqId" | "group">, g: number) => {
      const planned = { ...m, reqId: s.reqId, group: g };
      if (messages.some((x) => x.name === planned.name) || inSentence.some((x) => x.name === planned.name)) return;
      inSentence.push(planned);
      messages.push(planned);
    };
    readDefinition(ws, definitions, types);

    for (let i = 0; i < ws.length; i++) {
      const cls = classes[i];
      if (cls === undefined) continue;
      const subject = cls === "notified" ? undefined : subjectBefore(ws, i, isVerb);
      const side: Side = cls === "notified" ? "responder" : sideOf(subject);
      const subjectName = subject?.pronoun === undefined && subject !== undefined && subject.head !== "" ? subject.head : lastSubject;
      if (cls !== "notified") {
        lastSide = side;
        lastSubject = subjectName;
      }
      const end = clauseEnd(ws, i);
      const rest = ws.slice(i + 1, end);
      const g = ++group;
      const withFields = (from: readonly Word[], owner: string) => {
        const at = from.findIndex((w) => /^(with|including|containing|carrying)$/.test(w.w));
        if (at < 0) return { fields: [] as FieldDraft[], types: [] as TypeDraft[] };
        return phraseFields(from.slice(at + 1), owner);
      };

      if (cls === "notified" || ((cls === "push" || cls === "send") && /^(when|whenever|once|if|that)$/.test(skipObjectPronoun(rest)[0]?.w ?? ""))) {
        const clause = cls === "notified" ? ws.slice(i + 1, end) : skipObjectPronoun(rest);
        if (!/^(when|whenever|once|if|that)$/.test(clause[0]?.w ?? "")) continue;
        const events = clauseEvents(clause, 1, clause.length);
        const extra = withFields(clause, subjectName);
        types.push(...extra.types);
        for (const e of events) {
          add({ name: pascal(...e.noun, ...e.past.split(" ")), from: side, kind: "event", fields: [...extra.fields], responses: [], noun: e.noun, subject: subjectName, offer: false }, g);
        }
        continue;
      }

      switch (cls) {
        case "send":
        case "push":
        case "offer": {
          const first = rest[0]?.w ?? "";
          if (first === "which" || first === "what") {
            const np = objectAt(rest, 1, 2);
            const head = singular(np.words[np.words.length - 1] ?? "");
            if (head === "") break;
            const predicate = rest.slice(np.end).find((w) => /ing$/.test(w.w))?.w;
            add({ name: predicate !== undefined ? `${pascal(predicate)}Report` : `${pascal(head)}Report`, from: side, kind: "event", fields: [{ name: `${snake(head)}_id`, type: "string", doc: `Which ${head}.`, minLength: 1, maxLength: 64 }], responses: [], noun: [head], subject: subjectName, offer: false }, g);
            break;
          }
          if ((first === "its" || first === "their") && cls === "send") {
            if (telemetryReqs.has(s.reqId)) break;
            const listEnd = rest.findIndex((w, k) => k > 0 && /^(whenever|when|every|to|if|once)$/.test(w.w));
            const pf = phraseFields(rest.slice(1, listEnd < 0 ? undefined : listEnd), subjectName);
            if (pf.fields.length === 0) break;
            types.push(...pf.types);
            add({ name: "StatusReport", from: side, kind: "event", fields: pf.fields, responses: [], noun: [subjectName], subject: subjectName, offer: false }, g);
            break;
          }
          const np = objectAt(rest, 0);
          if (np.words.length === 0 || np.words.some((w) => /ing$/.test(w))) break;
          // "open and close commands": the command pattern's.
          const phraseEnd = rest.findIndex((w) => w.punct || /^(with|to|from|for|every|when|whenever|which|that)$/.test(w.w));
          if (rest.slice(0, phraseEnd < 0 ? undefined : phraseEnd).some((w) => /^commands?$/.test(w.w))) break;
          const last = np.words[np.words.length - 1] ?? "";
          const isRequests = /^requests?$/.test(last) && np.words.length > 1;
          const nounWords = (isRequests ? np.words.slice(0, -1) : np.words).slice(-2).map((w, k, all) => (k === all.length - 1 ? singular(w) : w));
          const head = nounWords[nounWords.length - 1] ?? "";
          if (!isRequests && (PATTERN_OBJECT.has(head) || PATTERN_OBJECT.has(last) || /^commands?$/.test(last) || isAttribute(np.words))) break;
          if (CENTRAL.has(head) || matchesCue(responderCues, head) || matchesCue(initiatorCues, head)) break;
          const context = [...messages].reverse().find((m) => m.from !== side || m.offer)?.noun;
          const nameWords = GENERIC.has(head) && nounWords.length === 1 && context !== undefined ? [...context, head] : nounWords;
          const pf = withFields(rest.slice(np.end), subjectName);
          types.push(...pf.types);
          const fields = [...pf.fields];
          if (rest.slice(np.end, np.end + 4).some((w) => /^percent(age)?$/.test(w.w))) fields.unshift({ name: `${snake(head)}_percent`, type: "uint8", doc: `${pascal(head)} as a percentage.`, unit: "percent", min: 0, max: 100 });
          if (isRequests) {
            add({ name: `${pascal(...nounWords)}Request`, from: side, kind: "request", fields, responses: [{ name: `${pascal(...nounWords)}Result`, fields: [] }], noun: nounWords, subject: subjectName, offer: false }, g);
          } else if (cls === "offer") {
            add({ name: `${pascal(...nameWords)}Offer`, from: side, kind: "request", fields, responses: [], noun: nounWords, subject: subjectName, offer: true }, g);
          } else {
            const borrowed = nameWords.length > nounWords.length;
            add({ name: pascal(...nameWords), from: side, kind: "event", fields, responses: [], noun: borrowed ? nameWords.slice(0, -1) : nounWords, subject: subjectName, offer: false, borrowed }, g);
          }
          break;
        }
        case "request": {
          const np = objectAt(rest, 0, 3);
          const noun = np.words.map((w, k) => (k === np.words.length - 1 ? singular(w) : w));
          if (noun.length === 0 || PATTERN_OBJECT.has(noun[noun.length - 1] ?? "")) break;
          const ofAt = rest.findIndex((w, k) => k >= np.end && /^(of|for|with)$/.test(w.w));
          const pf = ofAt >= 0 ? phraseFields(rest.slice(ofAt + 1), subjectName) : { fields: [], types: [] };
          types.push(...pf.types);
          add({ name: `${pascal(...noun)}Request`, from: side, kind: "request", fields: pf.fields, responses: [{ name: `${pascal(...noun)}Result`, fields: [] }], noun, subject: subjectName, offer: false }, g);
          break;
        }
        case "reply": {
          let k = 0;
          if (/^(with|that)$/.test(rest[0]?.w ?? "")) k = 1;
          // What was just sent: in this sentence, or the one before ("…; the dispatcher answers with …").
          const here = lastGroup(inSentence.filter((m) => m.from !== side));
          const targets = here.length > 0 ? here : lastGroup(previous.filter((m) => m.from !== side && m.kind === "request"));
          const fields: FieldDraft[] = [];
          const a = rest[k]?.w ?? "";
          const b = rest[k + 2]?.w ?? "";
          const base = targets[0] !== undefined ? pascal(...targets[0].noun) : pascal(subjectName);
          if (rest[k + 1]?.w === "or" && (POSITIVE.has(a) || /ed$/.test(a)) && /ed$|^no$/.test(b)) {
            const typeName = `${base}Outcome`;
            types.push({ kind: "enum", name: typeName, doc: `How the ${subjectName} answered.`, values: [a, b].map((v, n) => ({ name: snake(v), value: n, doc: `${pascal(v)}.` })) });
            fields.push({ name: "outcome", type: typeName, doc: `${pascal(a)} or ${b}.` });
            k += 3;
            if (rest[k]?.w === "with") k++;
          }
          const pf = phraseFields(rest.slice(k), subjectName);
          types.push(...pf.types);
          fields.push(...pf.fields.map((f) => (fields.length > 0 && f.type === "string" ? { ...f, optional: true } : f)));
          if (targets.length === 0) {
            if (fields.length > 0) replyFields.set(s.reqId, [...(replyFields.get(s.reqId) ?? []), ...fields]);
            break;
          }
          const name = targets.length === 1 ? `${(targets[0]?.name ?? "").replace(/Request$/, "")}Result` : `${pascal(targets[0]?.subject ?? subjectName)}Reply`;
          for (const t of targets) {
            t.kind = "request";
            const existing = t.responses.find((r) => r.name === name) ?? t.responses[0];
            if (existing !== undefined && t.responses.length === 1) {
              existing.name = name;
              existing.fields.push(...fields.filter((f) => !existing.fields.some((g) => g.name === f.name)));
            } else t.responses = [{ name, fields: [...fields] }];
          }
          break;
        }
        case "decision": {
          const second = DECISION_VERBS.find((d) => isVerbOf(ws[i + 2]?.w ?? "", [d.verb]));
          const firstVerb = DECISION_VERBS.find((d) => isVerbOf(ws[i]?.w ?? "", [d.verb]));
          if (second === undefined || firstVerb === undefined) break;
          const target = [...messages].reverse().find((m) => m.from !== side && (m.offer || m.responses.length === 0));
          const np = objectAt(ws, i + 3, 2);
          if (target === undefined) {
            // Nothing was offered: the subject asks to accept or decline the object.
            const noun = np.words.map((w, k) => (k === np.words.length - 1 ? singular(w) : w));
            if (noun.length === 0 || PATTERN_OBJECT.has(noun[noun.length - 1] ?? "")) break;
            const idOf: FieldDraft = { name: `${snake(...noun)}_id`, type: "string", doc: `Identifier of the ${noun.join(" ")}.`, minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" };
            for (const d of [firstVerb, second]) {
              add({ name: `${pascal(d.verb)}${pascal(...noun)}`, from: side, kind: "request", fields: [idOf], responses: [{ name: `${pascal(...noun)}${d.past}`, fields: [idOf] }], noun, subject: subjectName, offer: false }, g);
            }
            i += 2;
            break;
          }
          const objectNoun = np.words.length > 0 && !/^(it|them|this|that)$/.test(np.words[0] ?? "") ? np.words.map((w, k) => (k === np.words.length - 1 ? singular(w) : w)) : [...target.noun];
          const N = pascal(...objectNoun);
          const id: FieldDraft = { name: `${snake(...objectNoun)}_id`, type: "string", doc: `Identifier of the ${objectNoun.join(" ")}.`, minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" };
          if (!target.fields.some((f) => f.name === id.name)) target.fields.unshift(id);
          target.kind = "request";
          target.responses = [firstVerb, second].map((d) => ({ name: `${N}${d.past}`, fields: d.positive ? [id] : [id, { name: "reason", type: "string", doc: "Why.", optional: true, maxLength: 256 }] }));
          i += 2;
          break;
        }
      }
    }
  }
  // "Each job has …": the fields of a thing the messages carry.
  for (const m of messages) {
    if (m.borrowed === true) continue;
    const def = definitions.get(m.noun.join(" ")) ?? definitions.get(m.noun[m.noun.length - 1] ?? "");
    if (def === undefined) continue;
    for (const f of def) if (!m.fields.some((g) => g.name === f.name)) m.fields.push(f);
  }
  // An offer nobody answered in the text is still accepted or declined.
  for (const m of messages) {
    if (m.kind === "request" && m.responses.length === 0) {
      const N = pascal(...m.noun);
      m.responses = m.offer ? [{ name: `${N}Accepted`, fields: [] }, { name: `${N}Declined`, fields: [] }] : [{ name: `${m.name}Ack`, fields: [] }];
    }
  }
  return { messages, types, replyFields, definitions };
}

/** "notifies them that …": past the notified party to the clause. */
function skipObjectPronoun(rest: readonly Word[]): readonly Word[] {
  let k = 0;
  while (k < rest.length && k < 4 && !/^(when|whenever|once|if|that)$/.test(rest[k]?.w ?? "") && !rest[k]?.punct) k++;
  return /^(when|whenever|once|if|that)$/.test(rest[k]?.w ?? "") ? rest.slice(k) : rest;
}

/** The messages of the most recent verb. */
function lastGroup(ms: readonly PlannedMessage[]): PlannedMessage[] {
  const last = ms[ms.length - 1];
  return last === undefined ? [] : ms.filter((m) => m.group === last.group);
}

/** "Each job has a sample id, a method name and a priority from 1 to 5." */
function readDefinition(ws: readonly Word[], definitions: Map<string, FieldDraft[]>, types: TypeDraft[]): void {
  const at = ws.findIndex((w) => w.w === "has" || w.w === "have" || w.w === "carries" || w.w === "contains");
  if (at < 1 || !/^(each|every|a|an|the)$/.test(ws[0]?.w ?? "")) return;
  const noun = ws.slice(1, at).map((w) => w.w);
  if (noun.length === 0 || noun.length > 3 || noun.some((w) => /^[,;()]$/.test(w))) return;
  const key = noun.map((w, k) => (k === noun.length - 1 ? singular(w) : w)).join(" ");
  const pf = phraseFields(ws.slice(at + 1), key.split(" ").pop() ?? key);
  if (pf.fields.length === 0) return;
  types.push(...pf.types);
  definitions.set(key, pf.fields);
}
