// String literals per target language. Every result is printable ASCII, so a
// literal survives any source encoding, and each escape is one the language
// reads back as exactly the input (tests evaluate them with the real tools).

import { EmitError } from "../emit-error.js";
import type { KnownLanguage } from "../target.js";

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
const isPrintableAscii = (cp: number): boolean => cp >= 0x20 && cp < 0x7f;

/** Python 3 `str` literal in double quotes: `\xNN` below U+0100, `\uNNNN`,
 *  `\UNNNNNNNN`; an unpaired surrogate becomes `\udNNN` (a `str` can hold one). */
export function pythonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (isPrintableAscii(cp)) out += ch;
    else if (cp < 0x100) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** ECMAScript string literal in double quotes, per UTF-16 code unit:
 *  `\xNN` for controls (never `\0`, which before a digit is an octal escape,
 *  an error in strict code), `\uNNNN` from U+007F up (U+2028/9 included). */
export function javascriptString(value: string): string {
  const named: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f", "\v": "\\v" };
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const ch = value.charAt(i);
    const escape = named[ch];
    if (escape !== undefined) out += escape;
    else if (isPrintableAscii(unit)) out += ch;
    else if (unit < 0x20) out += `\\x${hex(unit, 2)}`;
    else out += `\\u${hex(unit, 4)}`;
  }
  return `${out}"`;
}

/** Java string literal, per UTF-16 code unit. Line feed and carriage return
 *  must use `\n` and `\r`: javac translates `\u000a` before lexing, which
 *  would end the literal; other controls and non-ASCII use `\uNNNN`. A
 *  backslash is always `\\`, so an input `\u0041` cannot turn into a Unicode escape. */
export function javaString(value: string): string {
  const named: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const ch = value.charAt(i);
    const escape = named[ch];
    if (escape !== undefined) out += escape;
    else if (isPrintableAscii(unit)) out += ch;
    else out += `\\u${hex(unit, 4)}`;
  }
  return `${out}"`;
}

/** C++ narrow string literal holding the UTF-8 bytes of `value`. Bytes outside
 *  printable ASCII are three-digit octal escapes: an octal escape stops after
 *  three digits, unlike `\x`, which swallows every hex digit that follows. A
 *  `?` after `?` is `\?` so no trigraph can form. The literal is a plain
 *  `"…"` (not `u8"…"`, whose `char8_t` type does not convert to std::string).
 *  A value with U+0000 needs a length (`std::string(lit, n)`, or the `s` suffix). */
export function cppString(value: string): string {
  const named: Readonly<Record<string, string>> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v" };
  let out = '"';
  let previous = "";
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      throw new EmitError("unpaired-surrogate", `cannot write U+${hex(cp, 4).toUpperCase()} (an unpaired surrogate) as UTF-8`);
    }
    const escape = named[ch];
    if (escape !== undefined) out += escape;
    else if (ch === "?" && previous === "?") out += "\\?";
    else if (isPrintableAscii(cp)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `\\${byte.toString(8).padStart(3, "0")}`;
    previous = ch;
  }
  return `${out}"`;
}

export const stringLiteral: { readonly [L in KnownLanguage]: (value: string) => string } = Object.freeze({
  python: pythonString,
  javascript: javascriptString,
  java: javaString,
  cpp: cppString,
});
