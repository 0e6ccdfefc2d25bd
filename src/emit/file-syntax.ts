// What the printer needs to know about each kind of file it can write: how a
// comment is written (for the header) and one level of indentation.

import type { KnownLanguage } from "./target.js";

/** A target language, or one of the other files a generated project has
 *  (pyproject.toml, CMakeLists.txt, pom.xml, README.md, package.json). */
export type FileLanguage = KnownLanguage | "toml" | "yaml" | "cmake" | "shell" | "xml" | "markdown" | "json" | "text";

export type CommentSyntax =
  | { readonly kind: "line"; readonly prefix: string }
  | { readonly kind: "block"; readonly open: string; readonly close: string };

export interface FileSyntax {
  /** Absent: the format has no comments, so its files carry no header. */
  readonly comment?: CommentSyntax;
  readonly indent: string;
}

const hash: CommentSyntax = { kind: "line", prefix: "#" };
const slashes: CommentSyntax = { kind: "line", prefix: "//" };
const markup: CommentSyntax = { kind: "block", open: "<!--", close: "-->" };

/** Indentation: PEP 8 for Python, the common 4 spaces for Java, 2 for
 *  JavaScript (Prettier) and C++ (Google style, like the rest of its names). */
export const FILE_SYNTAX: { readonly [L in FileLanguage]: FileSyntax } = {
  python: { comment: hash, indent: "    " },
  javascript: { comment: slashes, indent: "  " },
  java: { comment: slashes, indent: "    " },
  cpp: { comment: slashes, indent: "  " },
  toml: { comment: hash, indent: "  " },
  yaml: { comment: hash, indent: "  " },
  cmake: { comment: hash, indent: "  " },
  shell: { comment: hash, indent: "  " },
  xml: { comment: markup, indent: "  " },
  markdown: { comment: markup, indent: "  " },
  json: { indent: "  " },
  text: { indent: "  " },
};

/** `text` as comment lines of `syntax`; in a block comment `--` (illegal in
 *  XML comments) is split. */
export function commentLines(syntax: CommentSyntax, lines: readonly string[]): string[] {
  if (syntax.kind === "line") return lines.map((l) => (l === "" ? syntax.prefix : `${syntax.prefix} ${l}`));
  return lines.map((l) => `${syntax.open} ${l.replace(/-(?=-)/g, "- ")} ${syntax.close}`);
}
