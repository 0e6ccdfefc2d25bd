// Names in the spec's conventions: PascalCase for messages and types,
// snake_case for fields, states and errors; singular nouns for entities.

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
  data: "data",
  media: "media",
  indices: "index",
  statuses: "status",
  aliases: "alias",
  leaves: "leaf",
  analyses: "analysis",
};

const KEEP_S = /(ss|us|is|news|series|species|status|gas|bus|alias)$/;

export function singular(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR_PLURALS[w];
  if (irregular !== undefined) return irregular;
  if (KEEP_S.test(w) || w.length <= 3) return w;
  if (/ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(ches|shes|xes|zzes|sses)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w)) return w.slice(0, -1);
  return w;
}

export function plural(word: string): string {
  const w = word.toLowerCase();
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

export function pascal(...words: readonly string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "")
    .map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w[0]?.toUpperCase() + w.slice(1)))
    .join("")
    .replace(/^[0-9]+/, "");
}

export function snake(...words: readonly string[]): string {
  return words
    .flatMap((w) => w.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase())
    .join("_")
    .replace(/^[0-9_]+/, "");
}

/** "an" before a vowel sound, for doc lines. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : (text[0]?.toUpperCase() ?? "") + text.slice(1);
}

/** Ensures a doc line ends with a full stop. */
export function sentence(text: string): string {
  const t = capitalise(text.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
