// Which values a default handler or demo makes up rather than copies, by the
// field's name, type and constraints: fresh tokens (random bytes), fresh ids
// the server hands out, and the clock (an hour ahead for expiry fields).
// Every language's message builder asks these before printing.
import type { Field, FieldType } from "../../spec/model.js";
import { words } from "../naming/words.js";
import { isIdLike } from "./samples.js";

/** Scalars can be copied with a fallback; structs and lists cannot. */
export const scalar = (t: FieldType): boolean => t.kind !== "struct" && t.kind !== "list";

const bounded = (f: Field): boolean => f.constraints.min !== undefined || f.constraints.max !== undefined;

/** The clock for an unbounded timestamp: `{ ahead }` when the field is an expiry (now + 1 hour). */
export function clockRule(f: Field): { readonly ahead: boolean } | undefined {
  if (f.type.kind !== "timestamp" || bounded(f)) return undefined;
  return { ahead: words(f.name).some((w) => ["expires", "expiry", "expire", "deadline", "until", "valid"].includes(w)) };
}

/** Whether the server hands out a fresh id for this field (an unbounded 32/64-bit integer named ..._id). */
export function isFreshId(f: Field): boolean {
  return f.type.kind === "int" && f.type.bits >= 32 && !bounded(f) && isIdLike(f.name);
}

/** The number of random bytes for a token field (token, nonce, secret, salt), or undefined. */
export function tokenBytes(f: Field): number | undefined {
  if (f.type.kind !== "bytes" || !words(f.name).some((w) => ["token", "nonce", "secret", "salt"].includes(w))) return undefined;
  return Math.max(f.constraints.minLength ?? 0, Math.min(f.constraints.maxLength ?? 32, 32));
}
