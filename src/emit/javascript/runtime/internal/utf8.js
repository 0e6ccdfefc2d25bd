// Strict UTF-8 (wire format 4.1): encoding refuses lone surrogates,
// decoding refuses every ill-formed sequence and keeps a leading BOM.
import { WireError } from "../errors.js";

export const utf8Encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Number of UTF-8 bytes of `s`, or -1 when it holds a lone surrogate (no UTF-8 form).
 * @param {string} s
 * @returns {number}
 */
export function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return -1;
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * @param {string} path
 * @returns {WireError}
 */
export const loneSurrogate = (path) =>
  new WireError("invalid_utf8", { path, detail: "string contains a lone surrogate, which has no UTF-8 encoding" });

/**
 * Decodes `bytes[start, end)` strictly; short ASCII strings without TextDecoder.
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 * @param {string} path
 * @returns {string}
 */
export function decodeUtf8(bytes, start, end, path) {
  if (end - start <= 16) {
    let s = "";
    let i = start;
    for (; i < end; i++) {
      const b = /** @type {number} */ (bytes[i]);
      if (b >= 0x80) break;
      s += String.fromCharCode(b);
    }
    if (i === end) return s;
  }
  try {
    return decoder.decode(bytes.subarray(start, end));
  } catch {
    throw new WireError("invalid_utf8", { path, detail: "string is not well-formed UTF-8" });
  }
}
