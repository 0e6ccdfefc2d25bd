// Field inference: the attributes a description names ("temperature",
// "battery percentage", "latitude"), each becoming a field with a type,
// unit and range from vocabulary/attributes.ts, plus the attributes listed
// after "with" ("tasks with a title, due date and priority").
import type { RequirementDraft } from "./requirements.js";
import type { FieldDraft } from "../draft.js";
import { pascal, singular, snake } from "../text/naming.js";
import { isVerbOf, words } from "../text/words.js";
import { SEND_VERBS } from "../vocabulary/communication.js";
import { NUMBER_WORDS } from "../vocabulary/units.js";
import { phraseFields } from "./phrase-fields.js";
import { findPhrase, tokenise, type Token } from "../text/tokens.js";
import { NON_ENTITIES } from "../vocabulary/nouns.js";
import { ATTRIBUTES, DEFAULT_ATTRIBUTE_FIELD, FIELD_KIND_RULES, type AttributeEntry } from "../vocabulary/attributes.js";

export interface AttributeHit {
  readonly field: FieldDraft;
  /** For enum attributes: the enum's name and values. */
  readonly enumValues?: readonly string[];
  readonly reqId: string;
  /** Token index of the mention. */
  readonly at: number;
}

const LIST_STARTERS = ["with", "including", "containing", "contains", "include", "includes", "such as", "like", "fields", "carrying", "has", "have"];

/** The tokens that follow a list starter ("with a title, due date and
 *  priority"), up to the end of the clause. */
function listRegions(r: RequirementDraft): [number, number][] {
  const regions: [number, number][] = [];
  for (const starter of LIST_STARTERS) {
    for (const i of findPhrase(r.tokens, starter)) regions.push([i + 1, Math.min(r.tokens.length, i + 16)]);
  }
  return regions;
}

function fromEntry(entry: AttributeEntry): FieldDraft {
  const { name, type, doc, ...rest } = entry.field;
  return { name, type, doc, ...rest };
}

/** Sorted so longer cues are tried first. */
const CUES: readonly { cue: string; entry: AttributeEntry; words: number }[] = ATTRIBUTES.flatMap((entry) =>
  entry.cues.map((cue) => ({ cue, entry, words: cue.split(/\s+/).length })),
).sort((a, b) => b.words - a.words);

export function attributesIn(r: RequirementDraft): AttributeHit[] {
  const regions = listRegions(r);
  const inList = (i: number) => regions.some(([a, b]) => i >= a && i < b);
  // Token index → the cue that claimed it; one cue may feed several entries ("gps").
  const used = new Map<number, string>();
  const hits: AttributeHit[] = [];
  const seen = new Set<string>();
  for (const { cue, entry, words } of CUES) {
    for (const at of findPhrase(r.tokens, cue)) {
      const span = Array.from({ length: words }, (_, k) => at + k);
      if (span.some((i) => used.has(i) && used.get(i) !== cue)) continue;
      if (entry.listOnly === true && !inList(at)) continue;
      span.forEach((i) => used.set(i, cue));
      if (seen.has(entry.field.name)) continue;
      seen.add(entry.field.name);
      const hit: AttributeHit = entry.values ? { field: fromEntry(entry), enumValues: entry.values, reqId: r.id, at } : { field: fromEntry(entry), reqId: r.id, at };
      hits.push(hit);
    }
  }
  hits.push(...percentagesIn(r, used, seen));
  return hits.sort((a, b) => a.at - b.at);
}

/** "<noun> percentage" for nouns no entry knows: `<noun>_percent`, 0..100. */
function percentagesIn(r: RequirementDraft, used: ReadonlyMap<number, string>, seen: Set<string>): AttributeHit[] {
  const out: AttributeHit[] = [];
  r.tokens.forEach((t, i) => {
    if (!/^(percentage|percent)$/.test(t.word) || i === 0) return;
    const prev = r.tokens[i - 1] as Token;
    if (used.has(i - 1) || prev.numeric || /^(a|the|of|in|as)$/.test(prev.word)) return;
    const name = `${snake(prev.word)}_percent`;
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ field: { name, type: "uint8", doc: `${prev.word[0]?.toUpperCase() ?? ""}${prev.word.slice(1)} as a percentage.`, unit: "percent", min: 0, max: 100 }, reqId: r.id, at: i - 1 });
  });
  return out;
}

const NON_ENTITY = new Set<string>(NON_ENTITIES);
const NOT_ATTRIBUTE = /^(acknowledg\w*|errors?|handling|support\w*|features?|abilit\w*|options?|capabilit\w*|mechanisms?|messages?|requests?|responses?|retr\w*|timeouts?|updates?|notifications?|events?|real|time|history|logging|encryption|authentication|security)$/;
const LIST_STOP = /^(and|or|a|an|the|its|their|optional|optionally|an?|each|per|to|of|for|in|on|by|from|is|are|be|that|which|so|as|when|while|every|within)$/;

/** Attribute names listed after "with" that no vocabulary entry knows,
 *  typed by FIELD_KIND_RULES ("due date" → `due_date: timestamp`). */
export function listedAttributes(r: RequirementDraft, known: ReadonlySet<string>): AttributeHit[] {
  const isVocabulary = (words: readonly string[]) => {
    const tokens = tokenise(words.join(" "));
    return CUES.some(({ cue }) => findPhrase(tokens, cue).length > 0);
  };
  const out: AttributeHit[] = [];
  // "number of copies" is a count of copies.
  const lower = r.text.toLowerCase().replace(/\bnumber of ([a-z]+)/g, (_, w: string) => `${singular(w)} count`);
  const m = /\b([a-z]+)\s+(?:with|including|containing|consisting of|has|have)\s+(?:an?\s+|the\s+|its\s+|their\s+)?([a-z0-9 ,'-]+?)(?:[.;:!?)]|$|\bwhich\b|\bthat\b|\bso\b|\bwhen\b|\bwhile\b|\bevery\b|\bwithin\b|\bto\b|\bfor\b|\bvia\b|\bover\b|\bfrom\b)/.exec(lower);
  if (!m?.[2] || !m[1] || NON_ENTITY.has(m[1]) || /^(and|or|is|are|be|protocol|system)$/.test(m[1])) return out;
  const items = m[2]
    .split(/,|\band\b|\bor\b/)
    .map((s) => s.trim().split(/\s+/).filter((w) => w !== "" && !LIST_STOP.test(w)))
    .filter((ws) => ws.length > 0 && ws.length <= 3 && !ws.some((w) => NOT_ATTRIBUTE.test(w) || w === "up" || /^\d/.test(w) || w in NUMBER_WORDS));
  if (items.length < 2) return out;
  for (const words of items) {
    if (isVocabulary(words)) continue;
    const name = snake(...words.map((w, i) => (i === words.length - 1 ? singular(w) : w)));
    if (name === "" || known.has(name) || !/^[a-z]/.test(name)) continue;
    const rule = FIELD_KIND_RULES.find((k) => k.test.test(name));
    const base = rule?.field ?? DEFAULT_ATTRIBUTE_FIELD;
    const fieldName = rule?.field.type === "timestamp" && !/_(at|date|time)$/.test(name) ? `${name}_at` : name;
    out.push({ field: { name: fieldName, doc: `${words.join(" ")[0]?.toUpperCase() ?? ""}${words.join(" ").slice(1)}.`, ...base }, reqId: r.id, at: lower.indexOf(words[0] ?? "") });
  }
  return out;
}

/** Attributes of every "with / including / containing …" list, one item at a
 *  time (detect/phrase-fields.ts), so a single item counts ("opens a ticket
 *  with a subject"), and enums written in parentheses ("its state (locked,
 *  unlocked, jammed)"), named after `owner` (`LockState`). */
export function phraseAttributes(r: RequirementDraft, owner: string, known: ReadonlySet<string>): AttributeHit[] {
  const ws = words(r.text);
  const out: AttributeHit[] = [];
  const push = (field: FieldDraft, at: number, enumValues?: readonly string[]) => {
    if (known.has(field.name) || out.some((h) => h.field.name === field.name)) return;
    out.push(enumValues !== undefined ? { field, enumValues, reqId: r.id, at } : { field, reqId: r.id, at });
  };
  ws.forEach((w, i) => {
    // "with a, b and c"; "reports its a, b and c".
    const possessiveList = /^(its|their)$/.test(w.w) && isVerbOf(ws[i - 1]?.w ?? "", SEND_VERBS);
    if (!/^(with|including|containing|carrying)$/.test(w.w) && !possessiveList) return;
    let end = i + 1;
    while (end < ws.length && ws[end]?.w !== ";" && !(ws[end]?.w === "," && /^(and|then|which|but|while|so)$/.test(ws[end + 1]?.w ?? "")) && !/^(to|from|every|within|via|over|which|when|whenever)$/.test(ws[end]?.w ?? "")) end++;
    const pf = phraseFields(ws.slice(i + 1, end), owner);
    for (const f of pf.fields) if (!/^enum/.test(f.type) && pf.types.every((t) => t.name !== f.type)) push(f, i);
  });
  ws.forEach((w, i) => {
    if (w.w !== "(" || i === 0) return;
    const close = ws.findIndex((x, k) => k > i && x.w === ")");
    if (close < 0) return;
    const values = ws.slice(i + 1, close).filter((x) => !x.punct && !/^(and|or|etc)$/.test(x.w)).map((x) => x.w);
    const head = ws[i - 1]?.w ?? "";
    if (values.length < 2 || values.length > 12 || !/^[a-z]+$/.test(head) || values.some((v) => !/^[a-z]+$/.test(v))) return;
    const name = singular(head);
    push({ name: snake(name), type: pascal(owner, name), doc: `The ${owner.replace(/_/g, " ")}'s ${name}.` }, i - 1, values);
  });
  return out;
}
