// Normalising a description before anything reads it: one form for quotes,
// dashes and spaces, abbreviations that would split sentences expanded, and
// the text split into sentences and list items, each a candidate requirement.

const REPLACEMENTS: readonly (readonly [RegExp, string])[] = [
  [/[\u2018\u2019\u201A\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/[\u00A0\u2000-\u200B\u202F]/g, " "],
  [/\be\.g\.,?/gi, "for example"],
  [/\bi\.e\.,?/gi, "that is"],
  [/\betc\./gi, "etc"],
  [/\bvs\./gi, "vs"],
  [/\bapprox\./gi, "approximately"],
];

export function normaliseText(text: string): string {
  let out = text.normalize("NFKC").replace(/\r\n?/g, "\n");
  for (const [from, to] of REPLACEMENTS) out = out.replace(from, to);
  return out;
}

const BULLET = /^\s*(?:[-*\u2022+]|\d{1,3}[.)]|[a-z][.)])\s+/;

/** Splits normalised text into sentences and list items, trimmed, in order. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    out.push(...splitParagraph(paragraph.join(" ")));
    paragraph = [];
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      flush();
      continue;
    }
    if (BULLET.test(line)) {
      flush();
      out.push(...splitParagraph(line.replace(BULLET, "")));
    } else if (line.endsWith(":")) {
      paragraph.push(line);
      flush();
    } else paragraph.push(line);
  }
  flush();
  return out.map((s) => s.replace(/\s+/g, " ").trim()).filter((s) => /[a-z0-9]/i.test(s));
}

function splitParagraph(text: string): string[] {
  // A full stop ends a sentence when followed by a space and not part of a number.
  // A clause after ", with" or ", and then" is a requirement of its own.
  return text
    .split(/(?<=[.!?;])\s+(?=\S)|,\s+(?=with\s|while\s|so that\s|and (?:the|it|they|each|every|all|also)\s)/)
    .map((s) => s.trim());
}

/** `user_presence_tracking` → `user presence tracking`. */
export function humanise(item: string): string {
  return item.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim();
}
