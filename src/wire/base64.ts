// Standard base64 (RFC 4648 section 4) with padding, strict: only the
// canonical encoding of some byte string is accepted (alphabet A-Z a-z 0-9
// + /, length a multiple of 4, `=` only as final padding, unused bits zero).
import { WireError } from "./wire-error.js";

const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function decodeBase64(text: string): Uint8Array {
  if (!SHAPE.test(text)) throw new WireError("invalid_value", "not standard base64 with padding");
  const buf = Buffer.from(text, "base64");
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
  if (encodeBase64(bytes) !== text) throw new WireError("invalid_value", "not canonical base64 (unused bits must be zero)");
  return bytes;
}
