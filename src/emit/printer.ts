// The generated-file printer (protoplugin's GeneratedFile, ts-poet's code
// blocks). An emitter prints lines made of text and symbols; `finish` puts
// together the header, the preamble, the import block the language's import
// manager derives from the symbols, and the body:
//
//   const f = createFile("python/src/chat/codec.py", "python", { protocol: spec.protocol, module: "chat.codec" });
//   f.block(["def encode(message: ", hello, ") -> bytes:"], () => {
//     f.doc("Encodes a Hello frame.");
//     f.print("return ", packer, "(message)");
//   });
//   const file = f.finish();
//
// Output: LF line endings, no trailing spaces or tabs, exactly one final newline.

import { EmitError } from "./emit-error.js";
import { commentLines, FILE_SYNTAX, type FileLanguage } from "./file-syntax.js";
import type { FileOwnership, GeneratedFile } from "./generated-file.js";
import { headerText, type HeaderKind, type ProtocolRef } from "./header.js";
import { importResolvers } from "./imports/index.js";
import { docComment } from "./literals/doc-comment.js";
import { isImportSymbol, type ImportSymbol, type Printable } from "./symbols.js";
import { KNOWN_LANGUAGES, type KnownLanguage } from "./target.js";

interface CommonFileOptions {
  /** The file's own module in the language's `from` notation: a Python
   *  dotted module, a Java package (also printed as the `package` line), a C++
   *  include path. Symbols from it are not imported. JavaScript needs none. */
  readonly module?: string;
  /** Names the file declares at top level; an import of the same name is
   *  aliased (Python, JavaScript) or qualified (Java). `declare` adds more. */
  readonly localNames?: Iterable<string>;
  /** Lines that must come before the header: a shebang, an XML declaration. */
  readonly firstLines?: readonly string[];
  /** One level of indentation; defaults to the language's (file-syntax.ts). */
  readonly indent?: string;
}

export type FileOptions = CommonFileOptions &
  (
    | { readonly header?: "generated"; readonly protocol: ProtocolRef }
    | { readonly header: "user" | "none"; readonly protocol?: ProtocolRef }
  );

export interface FileBuilder {
  readonly path: string;
  readonly language: FileLanguage;
  /** One line, made of the parts concatenated; a `\n` in a string part starts
   *  a new line at the same indentation. No parts: a blank line. */
  print(...parts: Printable[]): void;
  /** Prints what `body` prints one level deeper. */
  indent(body: () => void): void;
  /** `head`, then `body` one level deeper, then `close`. `close` defaults to
   *  `}` in brace languages and to nothing in Python, where an empty body gets
   *  `pass`. `null`: no closing line. */
  block(head: Printable, body: () => void, close?: Printable | null): void;
  /** The language's doc comment for `text`, at the current indentation (a
   *  Python docstring: call it first thing inside the block). Empty text prints nothing. */
  doc(text: string): void;
  /** A line in the preamble: after the header, before the imports (module
   *  docstring, `#pragma once`, `"use strict"`). Java's `package` line is automatic. */
  preamble(...parts: Printable[]): void;
  /** Imports a symbol without printing it (`from __future__ import annotations`, a side-effect include). */
  addImport(symbol: ImportSymbol): void;
  /** Declares a top-level name of this file, so no import takes it. */
  declare(name: string): void;
  /** The finished file. The builder accepts nothing more afterwards; calling
   *  `finish` again returns the same file. */
  finish(): GeneratedFile;
}

type Segment = string | ImportSymbol;
interface Line {
  readonly level: number;
  readonly segments: readonly Segment[];
}

const isTarget = (language: FileLanguage): language is KnownLanguage => (KNOWN_LANGUAGES as readonly string[]).includes(language);

export function createFile(path: string, language: FileLanguage, options: FileOptions): FileBuilder {
  const syntax = FILE_SYNTAX[language];
  const headerKind: HeaderKind = options.header ?? "generated";
  if (headerKind !== "none" && syntax.comment === undefined) {
    throw new EmitError("no-comment-syntax", `${language} files cannot carry a header comment; use header "none"`, path);
  }
  const indentUnit = options.indent ?? syntax.indent;
  const body: Line[] = [];
  const preambleLines: Line[] = [];
  const used: ImportSymbol[] = [];
  const localNames = new Set(options.localNames ?? []);
  let level = 0;
  let finished: GeneratedFile | undefined;

  const open = (): void => {
    if (finished !== undefined) throw new EmitError("file-finished", "the file is finished; nothing more can be printed", path);
  };

  const use = (symbol: ImportSymbol): void => {
    if (!isTarget(language)) throw new EmitError("no-imports", `${language} files have no imports; cannot use ${symbol.name}`, path);
    if (symbol.language !== language) {
      throw new EmitError("wrong-language", `a ${symbol.language} symbol (${symbol.name} from ${symbol.from}) in a ${language} file`, path);
    }
    used.push(symbol);
  };

  /** Flattens parts into lines of segments, registering the symbols. */
  const toLines = (parts: readonly Printable[], at: number): Line[] => {
    const lines: Segment[][] = [[]];
    const add = (part: Printable): void => {
      if (typeof part === "string") {
        part.split(/\r\n|\r|\n/).forEach((piece, i) => {
          if (i > 0) lines.push([]);
          if (piece !== "") lines[lines.length - 1]?.push(piece);
        });
      } else if (typeof part === "number" || typeof part === "bigint") {
        lines[lines.length - 1]?.push(String(part));
      } else if (isImportSymbol(part)) {
        if (part.name === "") throw new EmitError("invalid-symbol", `a symbol without a name (from ${part.from}) can only be added, not printed`, path);
        use(part);
        lines[lines.length - 1]?.push(part);
      } else {
        for (const p of part) add(p);
      }
    };
    for (const part of parts) add(part);
    return lines.map((segments) => ({ level: at, segments }));
  };

  const builder: FileBuilder = {
    path,
    language,
    print(...parts) {
      open();
      body.push(...toLines(parts, level));
    },
    indent(inner) {
      open();
      level++;
      try {
        inner();
      } finally {
        level--;
      }
    },
    block(head, inner, close) {
      builder.print(head);
      const before = body.length;
      builder.indent(inner);
      const closing = close === undefined ? (language === "python" ? null : "}") : close;
      if (language === "python" && body.length === before) builder.indent(() => builder.print("pass"));
      if (closing !== null) builder.print(closing);
    },
    doc(text) {
      open();
      if (!isTarget(language)) throw new EmitError("no-comment-syntax", `no doc comment style for ${language} files`, path);
      for (const line of docComment[language](text)) body.push({ level, segments: line === "" ? [] : [line] });
    },
    preamble(...parts) {
      open();
      preambleLines.push(...toLines(parts, 0));
    },
    addImport(symbol) {
      open();
      use(symbol);
    },
    declare(name) {
      open();
      localNames.add(name);
    },
    finish() {
      if (finished !== undefined) return finished;
      finished = render();
      return finished;
    },
  };

  const render = (): GeneratedFile => {
    const resolved = isTarget(language) ? importResolvers[language](used, { path, localNames, ...(options.module === undefined ? {} : { module: options.module }) }) : undefined;
    const text = (segment: Segment): string => (typeof segment === "string" ? segment : (resolved?.text(segment) ?? segment.name));
    const renderLines = (lines: readonly Line[]): string[] =>
      lines.map((line) => (indentUnit.repeat(line.level) + line.segments.map(text).join("")).replace(/[ \t]+$/, ""));

    const header = headerKind === "none" || syntax.comment === undefined ? [] : commentLines(syntax.comment, headerText(headerKind, options.protocol));
    const packageLine = language === "java" && options.module !== undefined && options.module !== "" ? [`package ${options.module};`] : [];
    const sections: string[][] = [
      (options.firstLines ?? []).map((l) => l.replace(/[ \t]+$/, "")),
      header,
      trimBlank([...packageLine, ...(packageLine.length > 0 && preambleLines.length > 0 ? [""] : []), ...renderLines(preambleLines)]),
      [...(resolved?.lines ?? [])],
    ];
    const out: string[] = [];
    for (const section of sections) {
      if (section.length === 0) continue;
      if (out.length > 0) out.push("");
      out.push(...section);
    }
    const bodyLines = trimBlank(renderLines(body));
    if (bodyLines.length > 0) {
      if (out.length > 0) out.push(...(language === "python" && (resolved?.lines.length ?? 0) > 0 ? ["", ""] : [""]));
      out.push(...bodyLines);
    }
    const ownership: FileOwnership = headerKind === "user" ? "user" : "generated";
    const content = out.length === 0 ? "" : `${out.join("\n")}\n`;
    return ownership === "user" ? { path, content, ownership } : { path, content };
  };

  return builder;
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === "") start++;
  while (end > start && lines[end - 1] === "") end--;
  return lines.slice(start, end);
}

/** A file written as given (JSON from JSON.stringify, a fixed asset): line
 *  endings made LF and exactly one final newline; nothing else changes. */
export function rawFile(path: string, content: string, ownership: FileOwnership = "generated"): GeneratedFile {
  const text = content.replace(/\r\n|\r/g, "\n").replace(/\n+$/, "");
  const normalised = text === "" ? "" : `${text}\n`;
  return ownership === "user" ? { path, content: normalised, ownership } : { path, content: normalised };
}
