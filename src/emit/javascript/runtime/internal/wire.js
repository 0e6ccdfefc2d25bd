// Wire primitives the generated codec is built on (wire format sections 1
// to 7): header constants and flags, the errors the generated encoders and
// decoders throw with their paths, and short descriptions of bad values.
// Paths given to the helpers are relative to the struct or message being
// handled; callers move errors outward with `at` and `inMessage`.
import { WireError } from "../errors.js";

export const HEADER_BYTES = 14;
export const FLAG_RELIABLE = 0x01;
export const FLAG_ACK = 0x02;
export const FLAG_RESPONSE = 0x04;
export const FLAG_PING = 0x08;
export const FLAG_PONG = 0x10;
/** Every defined flag bit; the others are reserved and must be 0. */
export const KNOWN_FLAGS = 0x1f;
export const CONTROL_FLAGS = FLAG_ACK | FLAG_PING | FLAG_PONG;
export const MAX_SEQUENCE = 0xffffffff;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A struct or message value: an object that is not an array or byte array.
 * @param {unknown} v
 * @returns {v is Readonly<Record<string, unknown>>}
 */
export function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/**
 * A short description of a value for error messages.
 * @param {unknown} v
 * @returns {string}
 */
export function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return "a Uint8Array";
  switch (typeof v) {
    case "string":
      return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return `${v}n`;
    case "undefined":
      return "undefined";
    default:
      return `a value of type ${typeof v}`;
  }
}

/**
 * @param {number} n
 * @returns {string}
 */
export const hex2 = (n) => n.toString(16).padStart(2, "0");

/**
 * Moves an error one level out: `at(e, "readings")` turns `[2].value` into
 * `readings[2].value`, `at(e, 3)` turns `value` into `[3].value`. Anything
 * that is not a WireError is a bug and is returned as is.
 * @param {unknown} e
 * @param {string | number} segment
 * @returns {unknown}
 */
export function at(e, segment) {
  if (!(e instanceof WireError)) return e;
  const head = typeof segment === "number" ? `[${segment}]` : segment;
  const rest = e.path ?? "";
  e.path = rest === "" ? head : rest.startsWith("[") ? `${head}${rest}` : `${head}.${rest}`;
  e.message = `${e.path}: ${e.detail === "" ? e.code : e.detail}`;
  return e;
}

/**
 * Locates an error in a message: the path starts with the message name.
 * @param {unknown} e
 * @param {string} messageName
 * @returns {unknown}
 */
export function inMessage(e, messageName) {
  if (!(e instanceof WireError)) return e;
  at(e, messageName);
  e.messageName = messageName;
  return e;
}

/**
 * @param {string} path
 * @param {string} detail
 * @returns {WireError}
 */
export const invalid = (path, detail) => new WireError("invalid_value", { path, detail });

/**
 * @param {string} path
 * @param {unknown} value
 * @param {string} expected
 * @returns {WireError}
 */
export const wrongType = (path, value, expected) => invalid(path, `expected ${expected}, got ${describe(value)}`);

/**
 * @param {string} path
 * @param {unknown} value
 * @param {string} range
 * @returns {WireError}
 */
export const badInt = (path, value, range) => invalid(path, `expected an integer in ${range}, got ${describe(value)}`);

/**
 * @param {string} path
 * @param {number} byte
 * @returns {WireError}
 */
export const badBool = (path, byte) => invalid(path, `bool byte 0x${hex2(byte)}, expected 0x00 or 0x01`);

/**
 * @param {string} path
 * @param {number} byte
 * @returns {WireError}
 */
export const badPresence = (path, byte) => invalid(path, `presence byte 0x${hex2(byte)}, expected 0x00 or 0x01`);

/**
 * @param {string} path
 * @param {number} value
 * @param {string} enumName
 * @returns {WireError}
 */
export const badEnumValue = (path, value, enumName) => invalid(path, `${value} is not a value of enum ${enumName}`);

/**
 * @param {string} path
 * @param {unknown} value
 * @param {string} enumName
 * @returns {WireError}
 */
export const badEnumName = (path, value, enumName) => invalid(path, `expected a value name of enum ${enumName}, got ${describe(value)}`);

/**
 * @param {string} path
 * @param {number} value
 * @returns {WireError}
 */
export const notFinite = (path, value) => invalid(path, `float is ${value}; only finite values are allowed`);

/**
 * `min`/`max` broken (wire format section 5).
 * @param {string} path
 * @param {number | bigint} value
 * @param {boolean} below
 * @param {string} bound
 * @returns {WireError}
 */
export const outOfRange = (path, value, below, bound) =>
  new WireError("constraint_violated", { path, detail: `${value} is ${below ? "below min" : "above max"} ${bound}` });

/**
 * `minLength`/`maxLength` broken; lengths are in bytes (UTF-8 bytes for strings).
 * @param {string} path
 * @param {number} length
 * @param {boolean} below
 * @param {number} bound
 * @returns {WireError}
 */
export const badLength = (path, length, below, bound) =>
  new WireError("constraint_violated", { path, detail: `length of ${length} bytes is ${below ? "below min" : "above max"} ${bound}` });

/**
 * `minItems`/`maxItems` broken.
 * @param {string} path
 * @param {number} count
 * @param {boolean} below
 * @param {number} bound
 * @returns {WireError}
 */
export const badItems = (path, count, below, bound) =>
  new WireError("constraint_violated", { path, detail: `${count} items is ${below ? "below min" : "above max"} ${bound}` });

/**
 * @param {string} path
 * @param {string} value
 * @param {string} source
 * @returns {WireError}
 */
export const patternMismatch = (path, value, source) =>
  new WireError("constraint_violated", { path, detail: `${describe(value)} does not match pattern /${source}/` });

/**
 * @param {string} path
 * @param {number} need
 * @param {number} have
 * @returns {WireError}
 */
export const truncated = (path, need, have) => new WireError("truncated", { path, detail: `needs ${need} more byte${need === 1 ? "" : "s"}, ${have} left` });

/**
 * @param {string} path
 * @returns {WireError}
 */
export const missing = (path) => invalid(path, "required field is missing");

/**
 * @param {string} path
 * @param {number} size
 * @param {number} limit
 * @returns {WireError}
 */
export const tooLarge = (path, size, limit) =>
  new WireError("frame_too_large", { path, detail: `encoding needs ${size} bytes, more than the ${limit} allowed` });
