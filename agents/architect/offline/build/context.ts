// What every pattern builder reads: the analysis, plus small helpers for
// the fields that recur (identifiers, names, text, timestamps) and for the
// attributes and limits said of a pattern.
import type { Analysis } from "../analyse.js";
import type { AttributeHit } from "../detect/fields.js";
import type { Interval, SizeLimit } from "../detect/numbers.js";
import { field, type FieldDraft, type TypeDraft } from "../draft.js";
import { pascal, snake } from "../text/naming.js";
import type { FeatureId, PatternId } from "../vocabulary/patterns.js";

export const ERROR_REPLY = "ErrorReply";

export class BuildContext {
  constructor(readonly a: Analysis) {}

  has(feature: FeatureId): boolean {
    return this.a.features.has(feature);
  }

  hasPattern(p: PatternId): boolean {
    return this.a.patterns.has(p);
  }

  reqsOf(p: PatternId): readonly string[] {
    return this.a.patterns.get(p) ?? [];
  }

  get initiator(): string {
    return this.a.roles.initiator.name;
  }

  get responder(): string {
    return this.a.roles.responder.name;
  }

  /** `sensor_id`, `player_id`; people are `user_id`. */
  get peerIdName(): string {
    return this.initiator === "client" ? "user_id" : `${snake(this.initiator)}_id`;
  }

  /** How other participants are named in events: the username when users log in. */
  peerField(name = "sender", doc = "Who sent it."): FieldDraft {
    return this.a.security.mode === "password"
      ? field(name, "string", doc, { minLength: 1, maxLength: this.limitChars("username")?.max ?? 32 })
      : field(name, "string", `${doc} (its ${this.peerIdName.replace(/_/g, " ")})`, { minLength: 1, maxLength: 64 });
  }

  /** A short identifier-like name ("room", "topic", "lock"). */
  nameField(name: string, doc: string, extras: Partial<FieldDraft> = {}): FieldDraft {
    const lim = this.limitChars("name");
    return field(name, "string", doc, { minLength: 1, maxLength: lim?.max ?? 64, pattern: "[A-Za-z0-9_.:-]+", ...extras });
  }

  /** Free text; "up to 4 KiB" or "500 characters" said of messages sets the bound. */
  textField(name: string, doc: string, subject = "text"): FieldDraft {
    const size = this.sizeOf(subject);
    const chars = this.limitChars(subject);
    const maxLength = size ?? (chars ? chars.max * 4 : 4096);
    const note = chars && size === undefined ? ` At most ${chars.max} characters (${maxLength} bytes of UTF-8).` : "";
    return field(name, "string", `${doc}${note}`, { minLength: 1, maxLength });
  }

  /** Bytes said of `subject` ("4 KiB chunks"). */
  sizeOf(subject: string): number | undefined {
    return this.a.numbers.sizes.find((s: SizeLimit) => s.subject === subject && s.bytes !== undefined)?.bytes;
  }

  limitChars(subject: string): { min?: number; max: number } | undefined {
    const s = this.a.numbers.sizes.find((l: SizeLimit) => l.subject === subject && l.maxChars !== undefined);
    if (s?.maxChars === undefined) return undefined;
    return s.minChars !== undefined ? { min: s.minChars, max: s.maxChars } : { max: s.maxChars };
  }

  limitReq(subject: string): string | undefined {
    return this.a.numbers.sizes.find((s) => s.subject === subject)?.reqId;
  }

  interval(...subjects: Interval["subject"][]): Interval | undefined {
    return this.a.numbers.intervals.find((i) => subjects.includes(i.subject));
  }

  /** Attributes named in the given requirements, minus those already used. */
  attributesIn(reqIds: readonly string[], exclude: ReadonlySet<string> = new Set()): AttributeHit[] {
    const ids = new Set(reqIds);
    const seen = new Set(exclude);
    const out: AttributeHit[] = [];
    for (const hit of this.a.attributes) {
      if (!ids.has(hit.reqId) || seen.has(hit.field.name)) continue;
      seen.add(hit.field.name);
      out.push(hit);
    }
    // A geographic position makes the planar x/y of "position" redundant.
    if (out.some((h) => h.field.name === "latitude")) return out.filter((h) => h.field.name !== "x" && h.field.name !== "y");
    return out;
  }

  /** Enum types that attribute fields refer to. */
  enumsFor(hits: readonly AttributeHit[]): TypeDraft[] {
    return hits
      .filter((h) => h.enumValues !== undefined)
      .map((h) => ({
        kind: "enum" as const,
        name: h.field.type,
        doc: h.field.doc,
        values: (h.enumValues ?? []).map((v, i) => ({ name: snake(v), value: i, doc: `${pascal(v)}.` })),
      }));
  }
}

export const timestamp = (name: string, doc: string): FieldDraft => field(name, "timestamp", doc);
export const u64 = (name: string, doc: string, extras: Partial<FieldDraft> = {}): FieldDraft => field(name, "uint64", doc, extras);
export const u32 = (name: string, doc: string, extras: Partial<FieldDraft> = {}): FieldDraft => field(name, "uint32", doc, extras);
export const optional = (f: FieldDraft): FieldDraft => ({ ...f, optional: true });
