// The intermediate forms the architect builds before it writes a spec:
// message, field and type drafts contributed by the pattern builders, and
// the trace from detected features back to requirements.
import type { MessageKind, RoleId } from "../../../src/spec/model.js";

export interface FieldDraft {
  name: string;
  type: string;
  doc: string;
  optional?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  unit?: string;
}

/** Where a message sits in the role machines (see machines.ts):
 *  `handshake` opens the conversation, `resume` reopens a session, `discover`
 *  may be used before the handshake, `close` ends it, `main` is everything else. */
export type Lane = "handshake" | "resume" | "discover" | "close" | "main";

export interface MessageDraft {
  name: string;
  from: RoleId;
  kind: MessageKind;
  responses: string[];
  error?: string;
  reliable?: boolean;
  intervalMs?: number;
  doc: string;
  fields: FieldDraft[];
  lane: Lane;
}

export interface EnumDraft {
  kind: "enum";
  name: string;
  doc: string;
  values: { name: string; value: number; doc: string }[];
}

export interface StructDraft {
  kind: "struct";
  name: string;
  doc: string;
  fields: FieldDraft[];
}

export type TypeDraft = EnumDraft | StructDraft;

/** What one pattern builder adds to the design. */
export interface Contribution {
  readonly messages: MessageDraft[];
  readonly types: TypeDraft[];
  /** Keys of vocabulary/errors.ts. */
  readonly errors: string[];
  /** Feature key (as recorded by the analysis) → spec references that meet it. */
  readonly traces: Record<string, string[]>;
  readonly assumptions: string[];
}

export function emptyContribution(): Contribution {
  return { messages: [], types: [], errors: [], traces: {}, assumptions: [] };
}

export function addTrace(c: Contribution, feature: string, ...refs: string[]): void {
  const list = (c.traces[feature] ??= []);
  for (const r of refs) if (!list.includes(r)) list.push(r);
}

type FieldExtras = Omit<FieldDraft, "name" | "type" | "doc">;

/** A field draft; `extras` holds constraints, unit and optional. */
export function field(name: string, type: string, doc: string, extras: FieldExtras = {}): FieldDraft {
  return { name, type, doc, ...extras };
}

export function request(from: RoleId, name: string, doc: string, fields: FieldDraft[], responses: string[], extras: Partial<MessageDraft> = {}): MessageDraft {
  return { name, from, kind: "request", responses, doc, fields, lane: "main", ...extras };
}

export function response(from: RoleId, name: string, doc: string, fields: FieldDraft[]): MessageDraft {
  return { name, from, kind: "response", responses: [], doc, fields, lane: "main" };
}

export function event(from: RoleId, name: string, doc: string, fields: FieldDraft[], extras: Partial<MessageDraft> = {}): MessageDraft {
  return { name, from, kind: from === "responder" ? "event" : "oneway", responses: [], doc, fields, lane: "main", ...extras };
}
