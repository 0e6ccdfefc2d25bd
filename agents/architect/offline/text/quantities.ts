// Numbers with units found in a sentence: durations, data sizes, character
// counts, rates and frequencies, and counts of things. Pure, regex based;
// the units themselves are data (see vocabulary/units.ts).
import { CHAR_UNITS, COUNT_WORDS, DURATION_UNITS, NUMBER_WORDS, RATE_PERIODS, SIZE_UNITS } from "../vocabulary/units.js";

export interface Quantity {
  readonly kind: "duration" | "size" | "chars" | "rate" | "count";
  /** ms for durations, bytes for sizes, characters, events per second, or a plain count. */
  readonly value: number;
  /** Offset of the match in the (lower-cased) sentence. */
  readonly at: number;
  readonly end: number;
  /** The words just before the number (lower-case), to read "every", "within", "up to". */
  readonly before: string;
  /** For counts and rates: the noun that follows the number ("users", "messages"). */
  readonly noun?: string;
  /** The text after the match, up to the end of the clause. */
  readonly after: string;
}

const NUM = String.raw`(\d+(?:[.,]\d+)?|${Object.keys(NUMBER_WORDS).join("|")})`;
const unitAlt = (units: Readonly<Record<string, number>>) =>
  Object.keys(units)
    .sort((a, b) => b.length - a.length)
    .map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("|");

const DURATION = new RegExp(String.raw`\b${NUM}\s*-?\s*(${unitAlt(DURATION_UNITS)})\b`, "g");
const SIZE = new RegExp(String.raw`\b${NUM}\s*-?\s*(${unitAlt(SIZE_UNITS)})\b`, "g");
const CHARS = new RegExp(String.raw`\b${NUM}\s*-?\s*(${unitAlt(CHAR_UNITS)})\b`, "g");
const RATE = new RegExp(String.raw`\b${NUM}\s*((?:[a-z]+\s*){0,2}?)\s*(?:\bper\b|/|\ba\b|\ban\b|\beach\b)\s*(${unitAlt(RATE_PERIODS)})\b`, "g");
const HERTZ = new RegExp(String.raw`\b${NUM}\s*(hz|hertz|times\s+(?:per|a)\s+second|fps|frames\s+per\s+second|updates\s+per\s+second|ticks\s+per\s+second)\b`, "g");
/** "twice per second", "thrice a second". */
const TWICE = /\b(twice|thrice)\s+(?:per|a|each|every)\s+second\b/g;
const COUNT = new RegExp(String.raw`\b${NUM}\s+((?:[a-z]+\s+){0,2}?)(${COUNT_WORDS.join("|")})\b`, "g");
const EVERY_UNIT = new RegExp(String.raw`\b(?:every|each|once\s+(?:a|an|per|every))\s+(${Object.keys(DURATION_UNITS).filter((u) => /^[a-z]{3,}$/.test(u) && !u.endsWith("s")).join("|")})\b`, "g");

function numberOf(raw: string): number {
  const w = NUMBER_WORDS[raw as keyof typeof NUMBER_WORDS];
  if (w !== undefined) return w;
  // "1,000" is a thousand; "2,5" is read as 25 which no description means, so
  // commas are thousands separators.
  return Number(raw.replace(/,/g, ""));
}

function context(lower: string, at: number, end: number): { before: string; after: string } {
  const before = lower.slice(Math.max(0, at - 40), at).split(/[.;:!?]/).pop() ?? "";
  const after = (lower.slice(end, end + 60).split(/[.;:!?,]/)[0] ?? "").trim();
  return { before: before.trim(), after };
}

/** Every quantity in `sentence`, in order of position. */
export function findQuantities(sentence: string): Quantity[] {
  const lower = sentence.toLowerCase().replace(/(\d),(\d{3})\b/g, "$1$2");
  const out: Quantity[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const push = (q: Omit<Quantity, "before" | "after">) => {
    if (overlaps(q.at, q.end)) return;
    taken.push([q.at, q.end]);
    out.push({ ...q, ...context(lower, q.at, q.end) });
  };
  for (const m of lower.matchAll(HERTZ)) {
    const n = numberOf(m[1] ?? "");
    if (n > 0) push({ kind: "rate", value: n, at: m.index, end: m.index + m[0].length, noun: "updates" });
  }
  for (const m of lower.matchAll(TWICE)) {
    push({ kind: "rate", value: m[1] === "twice" ? 2 : 3, at: m.index, end: m.index + m[0].length, noun: "updates" });
  }
  for (const m of lower.matchAll(RATE)) {
    const n = numberOf(m[1] ?? "");
    const per = RATE_PERIODS[(m[3] ?? "") as keyof typeof RATE_PERIODS] ?? 1;
    const noun = (m[2] ?? "").trim().split(/\s+/).pop() ?? "";
    if (n > 0) push({ kind: "rate", value: n / per, at: m.index, end: m.index + m[0].length, ...(noun ? { noun } : {}) });
  }
  for (const m of lower.matchAll(DURATION)) {
    const n = numberOf(m[1] ?? "");
    const unit = DURATION_UNITS[(m[2] ?? "") as keyof typeof DURATION_UNITS];
    if (unit !== undefined && n > 0) push({ kind: "duration", value: Math.round(n * unit), at: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(EVERY_UNIT)) {
    const unit = DURATION_UNITS[(m[1] ?? "") as keyof typeof DURATION_UNITS];
    if (unit !== undefined) push({ kind: "duration", value: unit, at: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(SIZE)) {
    const n = numberOf(m[1] ?? "");
    const unit = SIZE_UNITS[(m[2] ?? "") as keyof typeof SIZE_UNITS];
    if (unit !== undefined && n > 0) push({ kind: "size", value: Math.round(n * unit), at: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(CHARS)) {
    const n = numberOf(m[1] ?? "");
    if (n > 0) push({ kind: "chars", value: Math.round(n), at: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(COUNT)) {
    const n = numberOf(m[1] ?? "");
    if (n > 0) push({ kind: "count", value: n, at: m.index, end: m.index + m[0].length, noun: m[3] ?? "" });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** "3 to 20 characters", "between 3 and 20 characters", "3-20 characters". */
export function findCharRange(sentence: string): { min: number; max: number; at: number } | undefined {
  const m = /\b(\d+)\s*(?:to|-|and)\s*(\d+)\s*(?:characters?|chars?|letters?)\b/i.exec(sentence);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min <= max ? { min, max, at: m.index } : undefined;
}
