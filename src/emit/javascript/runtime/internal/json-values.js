// The JSON value rules of the mapping (wire format section 9): 64-bit
// integers and timestamps as decimal strings, bytes as canonical base64
// with padding; `parseJson` and `dumpJson` read and write JSON text.
import { WireError } from "../errors.js";
import { describe, invalid, wrongType } from "./wire.js";

const SIGNED_DECIMAL = /^-?(?:0|[1-9][0-9]{0,19})$/;
const UNSIGNED_DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * An int64, uint64 or timestamp string: `-?(0|[1-9][0-9]*)`, no `-0`; the range is the caller's.
 * @param {unknown} value
 * @param {string} path
 * @param {boolean} signed
 * @param {string} typeName
 * @returns {bigint}
 */
export function jsonBigInt(value, path, signed, typeName) {
  if (typeof value !== "string" || !(signed ? SIGNED_DECIMAL : UNSIGNED_DECIMAL).test(value) || value === "-0") {
    throw wrongType(path, value, `a decimal string (${typeName})`);
  }
  return BigInt(value);
}

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function encodeBase64(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * Canonical standard base64 with padding (decoded, re-encoded, compared).
 * @param {unknown} value
 * @param {string} path
 * @returns {Uint8Array}
 */
export function decodeBase64(value, path) {
  if (typeof value !== "string") throw wrongType(path, value, "a base64 string");
  if (!BASE64.test(value)) throw invalid(path, "not standard base64 with padding");
  const buf = Buffer.from(value, "base64");
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
  if (encodeBase64(bytes) !== value) throw invalid(path, "not canonical base64 (unused bits must be zero)");
  return bytes;
}

/**
 * `JSON.parse` for the mapping: text that is not JSON (NaN, Infinity, ...) is
 * `invalid_value`. `-0` keeps its sign. Bytes are read as strict UTF-8.
 * @param {string | Uint8Array} text
 * @returns {unknown}
 */
export function parseJson(text) {
  let source = text;
  if (source instanceof Uint8Array) {
    try {
      source = new TextDecoder("utf-8", { fatal: true }).decode(source);
    } catch {
      throw new WireError("invalid_utf8", { path: "", detail: "JSON text is not well-formed UTF-8" });
    }
  }
  if (typeof source !== "string") throw wrongType("", source, "JSON text");
  try {
    return /** @type {unknown} */ (JSON.parse(source));
  } catch (error) {
    throw invalid("", `not valid JSON: ${error instanceof Error ? error.message : describe(error)}`);
  }
}

/**
 * Compact JSON text of a payload or envelope; `-0` is written `-0`.
 * @param {unknown} value
 * @returns {string}
 */
export function dumpJson(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw invalid("", `${value} has no JSON form`);
      return Object.is(value, -0) ? "-0" : String(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => dumpJson(item)).join(",")}]`;
      const parts = [];
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) parts.push(`${JSON.stringify(key)}:${dumpJson(item)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw wrongType("", value, "a JSON value");
  }
}
