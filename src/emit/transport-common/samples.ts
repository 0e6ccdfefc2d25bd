// Realistic sample values for demos and default handlers: chosen from the
// field's name (a username is "alice", a temperature 21.5), kept within the
// field's constraints and checked with the reference codec; a value that
// does not pass falls back to the golden-vector sampler.
import { createHash } from "node:crypto";
import type { Constraints, EnumDecl, Field, FieldType, Spec, StructDecl } from "../../spec/model.js";
import { wholeMatch } from "../../wire/constraints.js";
import { INT64_MAX, INT64_MIN, intRange, UINT64_MAX } from "../../wire/scalar-rules.js";
import { utf8Length } from "../../wire/utf8.js";
import type { WireObject, WireValue } from "../../wire/values.js";
import { WireError } from "../../wire/wire-error.js";
import { samplePattern } from "../../wire/vectors/pattern-sample.js";
import { sampleMessage } from "../../wire/vectors/sample-values.js";
import { words } from "../naming/words.js";
import type { SpecView } from "./context.js";

/** 2024-05-01T12:00:00Z: stands for "now" in samples checked at generation time. */
export const SAMPLE_NOW = 1714564800000n;

export const IDENTITY_WORDS = new Set(["username", "user", "sender", "author", "moderator", "owner", "nickname", "nick", "login", "member"]);

const has = (field: string, ...ws: string[]): boolean => {
  const parts = words(field);
  return ws.some((w) => parts.includes(w));
};

export function isIdentity(name: string): boolean {
  return words(name).some((w) => IDENTITY_WORDS.has(w)) || name === "user_name";
}

/** Whether a field name reads like an identifier the server hands out. */
export function isIdLike(name: string): boolean {
  const ws = words(name);
  return ws[ws.length - 1] === "id";
}

interface HintContext {
  readonly spec: Spec;
  /** Identity fields get "alice" in the authentication message and "bob" elsewhere. */
  readonly self: boolean;
}

function stringHints(name: string, h: HintContext): string[] {
  if (isIdentity(name)) return h.self ? ["alice", "alice_1"] : ["bob", "bob_2"];
  if (has(name, "password", "passphrase")) return ["correct horse battery staple", "s3cret-passw0rd"];
  if (has(name, "token")) return ["demo-token-0123456789abcdef", "0123456789abcdef0123456789abcdef"];
  if (has(name, "key", "secret", "credential")) return ["0123456789abcdef", "demo-secret-0123456789"];
  if (has(name, "room", "channel", "topic", "group")) return ["general", "lobby"];
  if (has(name, "file", "filename", "path")) return ["report.txt", "data.bin"];
  if (has(name, "email", "mail")) return ["alice@example.com"];
  if (has(name, "url", "uri", "link")) return ["https://example.com/"];
  if (has(name, "version", "firmware")) return ["1.2.0", "1.2"];
  if (has(name, "text", "message", "body", "content", "comment", "note")) return ["Hello, everyone!", "Hello"];
  if (has(name, "reason")) return ["demo finished", "done"];
  if (has(name, "detail", "description", "summary")) return ["all good", "ok"];
  if (has(name, "client", "agent") && has(name, "name")) return ["demo-client", "demo"];
  const ws = words(name);
  if (ws[ws.length - 1] === "id" && ws.length > 1) return [`${ws[0]}-1`, `${ws[0]}1`, "1"];
  if (has(name, "name")) return ["example", "demo"];
  return ["example", "demo", "a"];
}

function intHint(name: string, h: HintContext): number {
  if (has(name, "percent", "battery", "level")) return 80;
  if (has(name, "port")) return 8080;
  if (has(name, "year")) return 2024;
  if (has(name, "count", "offset", "index", "replayed", "position", "attempt")) return 0;
  if (has(name, "ms", "millis", "milliseconds")) {
    if (has(name, "interval", "period")) return h.spec.messages.find((m) => m.intervalMs !== undefined)?.intervalMs ?? 30000;
    if (has(name, "timeout")) return 5000;
    if (has(name, "ttl", "window", "expiry", "lifetime")) return 600000;
    return 1000;
  }
  if (has(name, "size", "bytes", "length")) return has(name, "max") ? 1048576 : 4096;
  if (has(name, "interval", "period")) return 30;
  return 1;
}

function floatHint(name: string): number {
  if (has(name, "temperature", "temp")) return 21.5;
  if (has(name, "humidity")) return 40.25;
  if (has(name, "latitude", "lat")) return 52.5;
  if (has(name, "longitude", "lon", "lng")) return 13.375;
  if (has(name, "percent", "level")) return 80;
  return 1.5;
}

function boolHint(name: string): boolean {
  return has(name, "active", "enabled", "ok", "success", "online", "available", "accepted");
}

function bytesHint(name: string, c: Constraints): Uint8Array {
  const lo = c.minLength ?? 0;
  const hi = c.maxLength ?? Number.POSITIVE_INFINITY;
  const fit = (b: Uint8Array): Uint8Array => {
    if (b.length >= lo && b.length <= hi) return b;
    const n = Math.max(lo, Math.min(hi, b.length));
    return Uint8Array.from({ length: n }, (_, i) => b[i % Math.max(1, b.length)] ?? i & 0xff);
  };
  if (has(name, "sha256", "hash", "digest", "checksum")) return fit(new Uint8Array(createHash("sha256").update("Hello, protoforge!\n").digest()));
  if (has(name, "data", "content", "chunk", "payload", "body")) return fit(new TextEncoder().encode("Hello, protoforge!\n"));
  return fit(Uint8Array.from({ length: Math.max(lo, Math.min(hi, 16)) }, (_, i) => (i * 7 + 1) & 0xff));
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function hinted(name: string, type: FieldType, c: Constraints, h: HintContext, outer: boolean): WireValue {
  switch (type.kind) {
    case "bool":
      return boolHint(name);
    case "int": {
      if (type.bits === 64) {
        const lo = c.min !== undefined ? BigInt(Math.ceil(c.min)) : type.signed ? INT64_MIN : 0n;
        const hi = c.max !== undefined ? BigInt(Math.floor(c.max)) : type.signed ? INT64_MAX : UINT64_MAX;
        const v = BigInt(intHint(name, h));
        return v < lo ? lo : v > hi ? hi : v;
      }
      const [tlo, thi] = intRange(type);
      return clamp(intHint(name, h), Math.max(tlo, Math.ceil(c.min ?? tlo)), Math.min(thi, Math.floor(c.max ?? thi)));
    }
    case "float":
      return clamp(floatHint(name), c.min ?? -1e30, c.max ?? 1e30);
    case "timestamp": {
      const lo = c.min !== undefined ? BigInt(Math.ceil(c.min)) : INT64_MIN;
      const hi = c.max !== undefined ? BigInt(Math.floor(c.max)) : INT64_MAX;
      return SAMPLE_NOW < lo ? lo : SAMPLE_NOW > hi ? hi : SAMPLE_NOW;
    }
    case "string":
      return stringSample(name, c, h);
    case "bytes":
      return bytesHint(name, c);
    case "enum": {
      const decl = h.spec.types.find((t): t is EnumDecl => t.kind === "enum" && t.name === type.name);
      return decl?.values[0]?.name ?? "";
    }
    case "struct": {
      const decl = h.spec.types.find((t): t is StructDecl => t.kind === "struct" && t.name === type.name);
      return decl ? sampleFieldsOf(decl.fields, h, true) : {};
    }
    case "list": {
      const n = outer ? (c.minItems ?? 0) : 0;
      return Array.from({ length: n }, () => hinted(name, type.of, c, h, false));
    }
  }
}

function stringSample(name: string, c: Constraints, h: HintContext): string {
  const lo = c.minLength ?? 0;
  const hi = c.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (s: string): boolean => {
    const n = utf8Length(s);
    return n >= lo && n <= hi && (c.pattern === undefined || wholeMatch(c.pattern).test(s));
  };
  const candidates = stringHints(name, h);
  const direct = candidates.find(fits);
  if (direct !== undefined) return direct;
  // Pad or cut the first hint to the length bounds.
  const first = candidates[0] ?? "example";
  let s = first;
  while (utf8Length(s) < lo) s += s === first ? "-" : "x";
  if (utf8Length(s) > hi) s = s.slice(0, Math.max(0, hi));
  if (fits(s)) return s;
  if (c.pattern !== undefined) {
    const sampled = samplePattern(c.pattern, { minBytes: lo, maxBytes: hi }, Math.max(lo, Math.min(hi, 8)));
    if (sampled !== undefined) return sampled;
  }
  return s;
}

function sampleFieldsOf(fields: readonly Field[], h: HintContext, optionals: boolean): WireObject {
  const out: Record<string, WireValue> = {};
  for (const f of fields) {
    if (f.optional && !optionals) continue;
    out[f.name] = hinted(f.name, f.type, f.constraints, h, true);
  }
  return out;
}

/** A sample of a message: hinted values, checked with the reference codec, repaired field by field. */
export function sampleOf(ctx: SpecView, messageName: string, options: { readonly optionals: boolean; readonly self: boolean }): WireObject {
  const message = ctx.message(messageName);
  const h: HintContext = { spec: ctx.spec, self: options.self };
  const value: Record<string, WireValue | undefined> = { ...sampleFieldsOf(message.fields, h, options.optionals) };
  const fallback = sampleMessage(ctx.spec, messageName, "text", { bytes: 64, items: 2 }, true);
  for (let round = 0; round <= message.fields.length; round++) {
    try {
      ctx.codec.encodePayload(messageName, value);
      return value;
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      const field = e.path?.split(/[.[]/)[1];
      const decl = message.fields.find((f) => f.name === field);
      if (decl === undefined) break;
      if (decl.optional) delete value[decl.name];
      else value[decl.name] = fallback[decl.name];
    }
  }
  return sampleMessage(ctx.spec, messageName, "min", { bytes: 64, items: 2 }, false);
}

/** A sample of a struct's required fields, hinted like a message's (not checked by a codec: a struct is no message). */
export function sampleOfStruct(ctx: SpecView, structName: string): WireObject {
  const decl = ctx.spec.types.find((t): t is StructDecl => t.kind === "struct" && t.name === structName);
  return decl === undefined ? {} : sampleFieldsOf(decl.fields, { spec: ctx.spec, self: false }, false);
}
