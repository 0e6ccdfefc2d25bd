// Symbols: what an emitter prints instead of writing import lines by hand
// (protoplugin's ImportSymbol, ts-poet's imp()). A symbol says which name
// comes from which module; the file's import manager turns the symbols a file
// prints into its import block and decides the text each one prints as.

import type { KnownLanguage } from "./target.js";

export type SymbolKind = "value" | "type";

/** How a symbol is imported, per language:
 *  - python: `named` = `from M import N`, `module` = `import M` (printed as `M`)
 *  - javascript: `named` = `import { N } from "M"`, `default` = `import N from "M"`,
 *    `namespace` = `import * as N from "M"`
 *  - java: `named` = `import M.N;`, `static` = `import static M.N;`
 *  - cpp: `system` = `#include <M>`, `local` = `#include "M"`; printed as N verbatim */
export type ImportStyle = "named" | "module" | "default" | "namespace" | "static" | "system" | "local";

export interface ImportSymbol {
  readonly language: KnownLanguage;
  /** The name as the module exports it (C++: the qualified name as printed). */
  readonly name: string;
  /** The module: Python dotted or relative (`.codec`), a JavaScript module
   *  specifier (`./codec.js`, `node:net`), a Java package (or outer class), a
   *  C++ header (`cstdint`, `chat/messages.hpp`). */
  readonly from: string;
  /** `type` symbols are imported type-only where the language has that
   *  (JavaScript: `import type` in .ts/.d.ts, a JSDoc `@import` in .js);
   *  elsewhere the kind does not change the import. */
  readonly kind: SymbolKind;
  readonly style: ImportStyle;
}

/** What `print` accepts: text, numbers, symbols, and arrays of these (concatenated). */
export type Printable = string | number | bigint | ImportSymbol | readonly Printable[];

export function isImportSymbol(value: unknown): value is ImportSymbol {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "style" in value && "from" in value;
}

function make(language: KnownLanguage, style: ImportStyle, from: string, name: string, kind: SymbolKind = "value"): ImportSymbol {
  return Object.freeze({ language, name, from, kind, style });
}

function splitQualified(qualified: string): { from: string; name: string } {
  const dot = qualified.lastIndexOf(".");
  return dot < 0 ? { from: "", name: qualified } : { from: qualified.slice(0, dot), name: qualified.slice(dot + 1) };
}

export const symbols = {
  python: {
    /** `from dataclasses import dataclass` → `from("dataclasses", "dataclass")`. */
    from: (module: string, name: string, kind: SymbolKind = "value"): ImportSymbol => make("python", "named", module, name, kind),
    /** `import asyncio`, printed as `asyncio`; `module("os.path")` prints `os.path`. */
    module: (module: string): ImportSymbol => make("python", "module", module, module),
  },
  javascript: {
    from: (module: string, name: string): ImportSymbol => make("javascript", "named", module, name),
    /** A name used only in type positions (`import type`, JSDoc `@import`). */
    typeFrom: (module: string, name: string): ImportSymbol => make("javascript", "named", module, name, "type"),
    defaultFrom: (module: string, name: string): ImportSymbol => make("javascript", "default", module, name),
    /** `import * as name from "module"`. */
    namespace: (module: string, name: string): ImportSymbol => make("javascript", "namespace", module, name),
  },
  java: {
    /** `java.util.List`, or a nested type `java.util.Map.Entry`. */
    type: (qualifiedName: string): ImportSymbol => {
      const { from, name } = splitQualified(qualifiedName);
      return make("java", "named", from, name, "type");
    },
    /** `org.junit.jupiter.api.Assertions.assertEquals` → `import static …;`, printed as `assertEquals`. */
    staticMember: (qualifiedName: string): ImportSymbol => {
      const { from, name } = splitQualified(qualifiedName);
      return make("java", "static", from, name);
    },
  },
  cpp: {
    /** `system("cstdint", "std::uint8_t")` → `#include <cstdint>`, printed as `std::uint8_t`.
     *  With no name the symbol is only for `addImport`. */
    system: (header: string, name = ""): ImportSymbol => make("cpp", "system", header, name),
    local: (header: string, name = ""): ImportSymbol => make("cpp", "local", header, name),
  },
} as const;
