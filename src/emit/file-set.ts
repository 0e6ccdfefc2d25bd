// The files one `generate` call produces (protoplugin's schema.generateFile):
// every file names the same spec in its header, no path is produced twice, and
// the result is sorted by path.

import { EmitError } from "./emit-error.js";
import type { FileLanguage } from "./file-syntax.js";
import { sortFiles, type FileOwnership, type GeneratedFile } from "./generated-file.js";
import type { ProtocolRef } from "./header.js";
import { createFile, rawFile, type FileBuilder, type FileOptions } from "./printer.js";

type SetFileOptions = Omit<FileOptions, "header" | "protocol">;

export interface FileSet {
  /** A file protoforge owns, with the "do not edit" header. */
  file(path: string, language: FileLanguage, options?: SetFileOptions): FileBuilder;
  /** A file written once and then the user's (handlers), with the "yours to edit" header. */
  userFile(path: string, language: FileLanguage, options?: SetFileOptions): FileBuilder;
  /** A file with no header: formats without comments (JSON) or fixed first bytes. */
  plainFile(path: string, language: FileLanguage, options?: SetFileOptions): FileBuilder;
  /** A file whose content is already complete (see `rawFile`). */
  raw(path: string, content: string, ownership?: FileOwnership): void;
  /** Every file, finished, sorted by path. */
  finish(): GeneratedFile[];
}

export function createFileSet(protocol: ProtocolRef): FileSet {
  const entries = new Map<string, FileBuilder | GeneratedFile>();
  const claim = (path: string): void => {
    if (entries.has(path)) throw new EmitError("duplicate-path", "generated twice", path);
  };
  const add = (path: string, language: FileLanguage, options: FileOptions): FileBuilder => {
    claim(path);
    const builder = createFile(path, language, options);
    entries.set(path, builder);
    return builder;
  };
  return {
    file: (path, language, options = {}) => add(path, language, { ...options, header: "generated", protocol }),
    userFile: (path, language, options = {}) => add(path, language, { ...options, header: "user", protocol }),
    plainFile: (path, language, options = {}) => add(path, language, { ...options, header: "none", protocol }),
    raw(path, content, ownership) {
      claim(path);
      entries.set(path, rawFile(path, content, ownership));
    },
    finish: () => sortFiles([...entries.values()].map((e) => ("finish" in e ? e.finish() : e))),
  };
}
