// Doc comments per target language: Python docstrings, JSDoc, Javadoc,
// Doxygen `///`. Each renderer returns lines without indentation; the printer
// indents them. Text is plain (spec docs), so anything the comment syntax or
// the doc tool would read as markup is escaped, and nothing in the text can
// end the comment early.

import type { KnownLanguage } from "../target.js";

/** Trailing spaces and blank lines at either end removed, CRLF made LF,
 *  unpaired surrogates (unwritable as UTF-8) replaced by U+FFFD. */
export function docLines(text: string): string[] {
  const lines = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t]+$/, ""));
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Control characters other than tab would be invisible or unprintable in source. */
const escapeControls = (line: string, escape: (cp: number) => string): string =>
  line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => escape(c.charCodeAt(0)));

/** `"""Text."""`, or the text's lines between `"""` lines. Backslashes are
 *  doubled; if the text holds `""` or ends with `"`, every `"` is escaped so
 *  no `"""` can close the docstring early. */
export function pythonDocstring(text: string): string[] {
  const lines = docLines(text);
  if (lines.length === 0) return [];
  const joined = lines.join("\n");
  const quote = joined.includes('""') || joined.endsWith('"');
  const body = lines.map((line) => {
    let out = escapeControls(line.replaceAll("\\", "\\\\").replaceAll("\t", "\\t"), (cp) => `\\x${cp.toString(16).padStart(2, "0")}`);
    if (quote) out = out.replaceAll('"', '\\"');
    return out;
  });
  if (body.length === 1) return [`"""${body[0] ?? ""}"""`];
  return [`"""${body[0] ?? ""}`, ...body.slice(1), '"""'];
}

function block(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`/** ${lines[0] ?? ""} */`];
  return ["/**", ...lines.map((l) => (l === "" ? " *" : ` * ${l}`)), " */"];
}

/** A JSDoc block. The comment terminator in the text becomes `*\/`; an `@`
 *  at the start of a line or after `{` (a tag) becomes `\@`. */
export function jsDoc(text: string): string[] {
  return block(
    docLines(text).map((line) =>
      escapeControls(line, () => "\uFFFD")
        .replaceAll("*/", "*\\/")
        .replace(/^(\s*)@/, "$1\\@")
        .replaceAll("{@", "{\\@"),
    ),
  );
}

/** A Javadoc block; the text is HTML there: `& < >` become entities, `@`
 *  becomes `&#64;` (no block or inline tag can start), a backslash `&#92;`
 *  (javac reads backslash-u as a Unicode escape even in comments), the comment
 *  terminator `*&#47;`; a blank line starts a new `<p>` paragraph. */
export function javadoc(text: string): string[] {
  let paragraphStart = false;
  const lines = docLines(text).map((line, i) => {
    let out = escapeControls(line, () => "\uFFFD")
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll("@", "&#64;")
      .replaceAll("\\", "&#92;")
      .replaceAll("*/", "*&#47;");
    if (line === "") paragraphStart = true;
    else if (paragraphStart && i > 0) {
      out = `<p>${out}`;
      paragraphStart = false;
    }
    return out;
  });
  return block(lines);
}

/** `/// …` lines. Doxygen's command characters `\ @ < > &` are escaped with
 *  `\`; a line that would end in `\` (or `??/`) would splice the next source
 *  line into the comment, so it gets an HTML comment, which Doxygen drops, after it. */
export function doxygen(text: string): string[] {
  return docLines(text).map((line) => {
    const out = escapeControls(line, () => "\uFFFD").replace(/[\\@<>&]/g, (c) => `\\${c}`);
    const splices = out.endsWith("\\") || out.endsWith("??/");
    return out === "" ? "///" : `/// ${out}${splices ? " <!-- -->" : ""}`;
  });
}

export const docComment: { readonly [L in KnownLanguage]: (text: string) => string[] } = Object.freeze({
  python: pythonDocstring,
  javascript: jsDoc,
  java: javadoc,
  cpp: doxygen,
});
