// Strict UTF-8: encoding refuses lone surrogates, decoding refuses every
// ill-formed sequence (overlongs, surrogates, > U+10FFFF, truncated
// sequences) and keeps a leading BOM as a character.
import { WireError } from "./wire-error.js";

export const utf8Encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** ES2024 `String.prototype.isWellFormed` (Node >= 20); not in the ES2023 lib typings. */
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

export function assertWellFormed(s: string): void {
  if (!isWellFormed(s)) throw new WireError("invalid_utf8", "string contains a lone surrogate, which has no UTF-8 encoding");
}

/** Number of UTF-8 bytes of a well-formed string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// Below this many bytes a plain loop beats TextDecoder (measured on Node 20).
const SHORT = 12;

/** Decodes `bytes[start, end)` strictly. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT) {
    let s = "";
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      if (b >= 0x80) return decodeSlow(bytes, start, end);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decodeSlow(bytes, start, end);
}

function decodeSlow(bytes: Uint8Array, start: number, end: number): string {
  try {
    return decoder.decode(bytes.subarray(start, end));
  } catch {
    throw new WireError("invalid_utf8", "string is not well-formed UTF-8");
  }
}
