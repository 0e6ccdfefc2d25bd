// Fields from a list of attributes written in prose: "with the licence plate
// number and the time", "a duration in seconds", "a priority from 1 to 5",
// "its state (locked, unlocked, jammed)", "whether it was granted", "up to
// four answer options". Each item becomes one field, typed by the attribute
// vocabulary, by its head noun with a modifier ("media URL" → `media_url`),
// or by FIELD_KIND_RULES; units, ranges and list bounds come from the words
// around it.
import type { FieldDraft, TypeDraft } from "../draft.js";
import { pascal, singular, snake } from "../text/naming.js";
import { findPhrase, tokenise } from "../text/tokens.js";
import type { Word } from "../text/words.js";
import { ATTRIBUTES, DEFAULT_ATTRIBUTE_FIELD, FIELD_KIND_RULES, type AttributeEntry } from "../vocabulary/attributes.js";
import { DETERMINERS } from "../vocabulary/communication.js";
import { NUMBER_WORDS, PHRASE_UNITS, TIME_ATTRIBUTE } from "../vocabulary/units.js";

export interface PhraseFields {
  readonly fields: FieldDraft[];
  readonly types: TypeDraft[];
}

const SKIP = new Set<string>(DETERMINERS);
/** Words that end an attribute's name ("quantity on hand", "checksum of each snapshot"). */
const NAME_END = /^(in|on|of|at|by|for|from|to|as|per|that|which|who|when|whenever|while|if|so|then|within|every|via|after|before|into|over|whether|must|should|can|will|is|are|was|were|be)$/;
/** Items that are not attributes but the machinery around them. */
const NOT_FIELD = /^(acknowledg\w*|errors?|handling|support\w*|features?|abilit\w*|capabilit\w*|mechanisms?|messages?|requests?|responses?|retr\w*|timeouts?|updates?|notifications?|events?|real|history|logging|encryption|authentication|security|server|client|hub|gateway|it|them|they|this|that|one|something|times|ms|seconds?|minutes?|hours?|limiting)$/;

const CUES: readonly { words: string[]; entry: AttributeEntry }[] = ATTRIBUTES.flatMap((entry) => entry.cues.map((cue) => ({ words: cue.split(/\s+/), entry }))).sort((a, b) => b.words.length - a.words.length);

/** Vocabulary entries whose cue is exactly `ws`. */
function exactEntries(ws: readonly string[]): AttributeEntry[] {
  const tokens = tokenise(ws.join(" "));
  return CUES.filter((c) => c.words.length === tokens.length && findPhrase(tokens, c.words.join(" ")).includes(0)).map((c) => c.entry);
}

const numberOf = (w: string): number | undefined => (/^\d+$/.test(w) ? Number(w) : NUMBER_WORDS[w as keyof typeof NUMBER_WORDS]);

/** Splits `ws` into list items at top-level commas, "and" and "or"; a
 *  parenthesis stays with the item it follows. */
export function listItems(ws: readonly Word[]): Word[][] {
  const items: Word[][] = [];
  let current: Word[] = [];
  let depth = 0;
  let inWhether = false;
  for (const w of ws) {
    if (w.w === "(") depth++;
    if (w.w === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (w.w === "," || ((w.w === "and" || w.w === "or") && !inWhether))) {
      if (current.length > 0) items.push(current);
      current = [];
      inWhether = false;
      continue;
    }
    if (w.w === "whether") inWhether = true;
    current.push(w);
  }
  if (current.length > 0) items.push(current);
  return items;
}

/** Fields of a list of attributes; `owner` names enums ("lock" + "state" →
 *  `LockState`). Unknown or clause-like items are left out. */
export function phraseFields(ws: readonly Word[], owner: string): PhraseFields {
  const fields: FieldDraft[] = [];
  const types: TypeDraft[] = [];
  const add = (f: FieldDraft) => {
    if (!fields.some((g) => g.name === f.name)) fields.push(f);
  };
  for (const item of listItems(ws)) {
    const item0 = item[0]?.w;
    if (item0 === "whether") {
      const predicate = [...item].reverse().find((w) => !w.punct && !/^(not|be|been|is|was|are|were|should|can|could|will|would|it|they|them|yet|already|now|successful(ly)?)$/.test(w.w));
      if (predicate && predicate.w !== "whether") add({ name: snake(predicate.w), type: "bool", doc: `Whether ${item.slice(1).map((w) => w.w).join(" ")}.` });
      continue;
    }
    // "up to four answer options", "3 photos": a list of them.
    let i = 0;
    let maxItems: number | undefined;
    if (item[0]?.w === "up" && item[1]?.w === "to" && numberOf(item[2]?.w ?? "") !== undefined) {
      maxItems = numberOf(item[2]?.w ?? "");
      i = 3;
    }
    while (i < item.length && SKIP.has(item[i]?.w ?? "")) i++;
    if (maxItems === undefined && numberOf(item[i]?.w ?? "") !== undefined && /s$/.test(item[i + 1]?.w ?? "")) {
      maxItems = numberOf(item[i]?.w ?? "");
      i++;
    }
    const nameWords: string[] = [];
    let j = i;
    while (j < item.length && !item[j]?.punct && !NAME_END.test(item[j]?.w ?? "") && nameWords.length < 4) {
      const w = item[j]?.w ?? "";
      if (!/^\d/.test(w) && !SKIP.has(w)) nameWords.push(w);
      j++;
    }
    if (nameWords.length === 0 || nameWords.length > 3 || nameWords.some((w) => NOT_FIELD.test(w))) continue;
    const rest = item.slice(j).map((w) => w.w);
    // Enum values in parentheses: "its state (locked, unlocked, jammed)".
    const open = rest.indexOf("(");
    const values = open >= 0 ? rest.slice(open + 1, rest.includes(")") ? rest.indexOf(")") : undefined).filter((w) => !/^[,()]$|^(and|or)$/.test(w)) : [];
    if (values.length >= 2) {
      const head = singular(nameWords[nameWords.length - 1] ?? "");
      const typeName = pascal(owner, head);
      types.push({ kind: "enum", name: typeName, doc: `${pascal(head)} of the ${owner}.`, values: values.map((v, k) => ({ name: snake(v), value: k, doc: `${pascal(v)}.` })) });
      add({ name: snake(head), type: typeName, doc: `The ${owner}'s ${head}.` });
      continue;
    }
    const f = namedField(nameWords, maxItems);
    if (f === undefined) continue;
    for (const g of f) add(withPhraseDetails(g, rest));
  }
  return { fields, types };
}

/** The field(s) an attribute's name gives. */
function namedField(nameWords: readonly string[], maxItems: number | undefined): FieldDraft[] | undefined {
  const doc = `${nameWords.join(" ")[0]?.toUpperCase() ?? ""}${nameWords.join(" ").slice(1)}.`;
  if (maxItems !== undefined) {
    const name = snake(nameWords[nameWords.length - 1] ?? "");
    return [{ name, type: "list<string>", doc, maxItems, maxLength: 256 }];
  }
  const exact = exactEntries(nameWords);
  if (exact.length > 0) return exact.map((e) => ({ ...e.field }));
  // "the temperature value", "the battery reading": the attribute itself.
  if (nameWords.length > 1 && /^(value|reading|figure|level|amount)$/.test(nameWords[nameWords.length - 1] ?? "")) {
    const own = exactEntries(nameWords.slice(0, -1));
    if (own.length > 0) return own.map((e) => ({ ...e.field }));
  }
  const last = nameWords.length - 1;
  const name = snake(...nameWords.map((w, k) => (k === last ? singular(w) : w)));
  if (name === "" || !/^[a-z]/.test(name)) return undefined;
  // A modifier and a known head ("media URL"): the head's type under the full name.
  for (let k = 1; k < nameWords.length; k++) {
    const heads = exactEntries(nameWords.slice(k));
    if (heads.length === 1 && heads[0] !== undefined) {
      const { name: _n, doc: _d, ...rest } = heads[0].field;
      return [{ name, doc, ...rest }];
    }
  }
  const rule = FIELD_KIND_RULES.find((r) => r.test.test(name));
  const base = rule?.field ?? DEFAULT_ATTRIBUTE_FIELD;
  const fieldName = rule?.field.type === "timestamp" && !/(^|_)(at|date|time|deadline)$/.test(name) ? `${name}_at` : name;
  // "the measured values": a list of them.
  const lastWord = nameWords[last] ?? "";
  if (singular(lastWord) !== lastWord && base.type !== "timestamp") {
    const { maxLength, pattern: _p, minLength: _m, ...element } = base;
    return [{ name: snake(...nameWords), doc, ...element, type: `list<${base.type}>`, maxItems: 256, ...(maxLength !== undefined ? { maxLength } : {}) }];
  }
  return [{ name: fieldName, doc, ...base }];
}

/** Units ("in seconds"), ranges ("from 1 to 5") and "as a percentage". */
function withPhraseDetails(f: FieldDraft, rest: readonly string[]): FieldDraft {
  let out: FieldDraft = { ...f };
  const at = (w: string) => rest.indexOf(w);
  const unitWord = at("in") >= 0 ? rest[at("in") + 1] : undefined;
  const unit = unitWord !== undefined ? PHRASE_UNITS[unitWord] : undefined;
  if (unit !== undefined) {
    const base = out.name.replace(/_(ms|s|min|h)$/, "");
    const { min: _min, max: _max, ...noRange } = out;
    out = { ...noRange, unit: unit.unit, ...(unit.type !== undefined && !out.type.startsWith("list") ? { type: unit.type } : {}), ...(unit.min !== undefined ? { min: unit.min } : {}), ...(unit.max !== undefined ? { max: unit.max } : {}) };
    if (unit.suffix !== undefined && TIME_ATTRIBUTE.test(out.name)) out.name = `${base}_${unit.suffix}`;
  }
  const from = at("from");
  const lo = from >= 0 ? numberOf(rest[from + 1] ?? "") : undefined;
  const hi = from >= 0 && /^(to|and)$/.test(rest[from + 2] ?? "") ? numberOf(rest[from + 3] ?? "") : undefined;
  if (lo !== undefined && hi !== undefined && lo <= hi) {
    const { minLength: _a, maxLength: _b, pattern: _p, ...numeric } = out;
    out = { ...numeric, type: hi <= 255 && lo >= 0 ? "uint8" : lo >= 0 ? "uint32" : "int32", min: lo, max: hi };
  }
  if (at("percentage") >= 0 || at("percent") >= 0) {
    const { minLength: _a, maxLength: _b, pattern: _p, ...numeric } = out;
    out = { ...numeric, name: /_percent$/.test(out.name) ? out.name : `${out.name}_percent`, type: "uint8", unit: "percent", min: 0, max: 100 };
  }
  return out;
}
