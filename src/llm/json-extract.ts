// Finding the JSON in a model's answer. Models wrap it in prose, in a fenced
// block, or after a <think> section; this takes, in order: the whole answer,
// the first fenced block that parses, the first balanced {…} that parses.

export type JsonExtraction =
  | { readonly ok: true; readonly value: unknown; readonly from: "whole" | "fenced" | "embedded" }
  | { readonly ok: false; readonly reason: string };

const FENCE = /```[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)```/g;
const MAX_EMBEDDED_TRIES = 64;

/** The answer without reasoning sections (`<think>…</think>`, `<thinking>…</thinking>`) that some models emit first. */
export function stripReasoning(text: string): string {
  return text.replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi, "").trim();
}

export function extractJson(text: string): JsonExtraction {
  const answer = stripReasoning(text);
  if (answer === "") return { ok: false, reason: "the answer was empty" };
  let parseError: string | undefined;
  const attempt = (candidate: string): { value: unknown } | undefined => {
    try {
      return { value: JSON.parse(candidate) as unknown };
    } catch (e) {
      parseError ??= (e as Error).message;
      return undefined;
    }
  };

  if (/^[[{]/.test(answer)) {
    const whole = attempt(answer);
    if (whole) return { ok: true, value: whole.value, from: "whole" };
  }
  const blocks = fencedBlocks(answer);
  const jsonFirst = [...blocks.filter((b) => b.language === "json"), ...blocks.filter((b) => b.language !== "json")];
  for (const block of jsonFirst) {
    if (!/^\s*[[{]/.test(block.body)) continue;
    const parsed = attempt(block.body.trim());
    if (parsed) return { ok: true, value: parsed.value, from: "fenced" };
  }
  let tries = 0;
  for (let start = answer.indexOf("{"); start >= 0 && tries < MAX_EMBEDDED_TRIES; start = answer.indexOf("{", start + 1), tries++) {
    const end = matchingBrace(answer, start);
    if (end < 0) {
      parseError ??= "an object is not closed (was the answer cut off?)";
      continue;
    }
    const parsed = attempt(answer.slice(start, end + 1));
    if (parsed) return { ok: true, value: parsed.value, from: "embedded" };
  }
  return {
    ok: false,
    reason: parseError === undefined ? "the answer holds no JSON object" : `the answer's JSON does not parse: ${parseError}`,
  };
}

/** The body of the first fenced block in one of `languages` (case-insensitive; "" matches an unlabelled fence). */
export function extractFencedBlock(text: string, languages: readonly string[]): string | undefined {
  const wanted = new Set(languages.map((l) => l.toLowerCase()));
  return fencedBlocks(stripReasoning(text)).find((b) => wanted.has(b.language))?.body;
}

function fencedBlocks(text: string): { language: string; body: string }[] {
  return [...text.matchAll(FENCE)].map((m) => ({ language: (m[1] ?? "").toLowerCase(), body: m[2] ?? "" }));
}

/** Index of the `}` closing the `{` at `start`, skipping strings; -1 when unclosed. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
