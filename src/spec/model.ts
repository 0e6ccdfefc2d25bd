// The normalised protocol model: what every stage after loading works on.
// It is produced only from a spec that passed validation, so code that takes
// a `Spec` may assume every reference resolves.
import type { Behaviour } from "./behaviour-model.js";

export type RoleId = "initiator" | "responder";
export const ROLE_IDS: readonly RoleId[] = ["initiator", "responder"];
export const otherRole = (role: RoleId): RoleId => (role === "initiator" ? "responder" : "initiator");

export type IntBits = 8 | 16 | 32 | 64;

/** A field's type, tagged by kind. Emitters keep one handler per kind in an
 *  exhaustive table (`FieldKindTable`), so a new kind breaks the build until
 *  every target handles it. */
export type FieldType =
  | { readonly kind: "bool" }
  | { readonly kind: "int"; readonly bits: IntBits; readonly signed: boolean }
  | { readonly kind: "float"; readonly bits: 32 | 64 }
  | { readonly kind: "string" }
  | { readonly kind: "bytes" }
  | { readonly kind: "timestamp" }
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "struct"; readonly name: string }
  | { readonly kind: "list"; readonly of: FieldType };

export type FieldKind = FieldType["kind"];
export type FieldTypeOf<K extends FieldKind> = Extract<FieldType, { kind: K }>;
/** One handler per field kind; used by emitters and the codec. */
export type FieldKindTable<R> = { readonly [K in FieldKind]: (type: FieldTypeOf<K>) => R };

export function dispatchFieldType<R>(table: FieldKindTable<R>, type: FieldType): R {
  return (table[type.kind] as (t: FieldType) => R)(type);
}

export interface Constraints {
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** The type expression as written in the spec (`list<Reading>`). */
  readonly typeText: string;
  readonly doc: string;
  readonly optional: boolean;
  readonly constraints: Constraints;
  readonly unit?: string;
  /** The declared error answering a request whose value of this field breaks `constraints` (request fields only). */
  readonly onInvalid?: string;
}

export interface EnumValue {
  readonly name: string;
  readonly value: number;
  readonly doc: string;
}

export interface EnumDecl {
  readonly kind: "enum";
  readonly name: string;
  readonly doc: string;
  readonly values: readonly EnumValue[];
}

export interface StructDecl {
  readonly kind: "struct";
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly Field[];
}

export type TypeDecl = EnumDecl | StructDecl;

export type MessageKind = "request" | "response" | "event" | "oneway";

export interface Message {
  readonly name: string;
  readonly id: number;
  readonly from: RoleId;
  readonly kind: MessageKind;
  readonly responses: readonly string[];
  readonly error?: string;
  readonly reliable: boolean;
  readonly intervalMs?: number;
  readonly doc: string;
  readonly fields: readonly Field[];
}

export interface Transition {
  readonly action: "send" | "receive";
  readonly message: string;
  readonly to: string;
  readonly doc?: string;
}

export interface State {
  readonly name: string;
  readonly doc?: string;
  readonly terminal: boolean;
  readonly transitions: readonly Transition[];
}

export interface Machine {
  readonly initial: string;
  readonly states: readonly State[];
}

export interface Role {
  /** Display name, e.g. "sensor" or "collector". */
  readonly name: string;
  readonly doc?: string;
}

export interface ErrorCode {
  readonly name: string;
  readonly code: number;
  readonly doc: string;
}

export interface Timing {
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly idleTimeoutMs: number;
  readonly retry: {
    readonly maxAttempts: number;
    readonly initialBackoffMs: number;
    readonly maxBackoffMs: number;
    readonly multiplier: number;
  };
}

export type AuthMode = "none" | "token" | "password" | "api_key";

export interface Security {
  readonly authentication: { readonly mode: AuthMode; readonly message?: string };
  readonly rateLimit?: { readonly messagesPerSecond: number; readonly burst: number };
  readonly maxFrameBytes: number;
  readonly inputValidation: boolean;
  /** The declared error answering a request whose payload is invalid, where no field's `onInvalid` applies. */
  readonly onInvalid?: string;
}

export interface Performance {
  readonly maxLatencyMs?: number;
  readonly throughputPerSecond?: number;
  readonly maxConnections?: number;
}

export type RequirementCategory = "functional" | "performance" | "security" | "reliability" | "usability";

export interface Requirement {
  readonly id: string;
  readonly text: string;
  readonly category: RequirementCategory;
  readonly priority: "must" | "should" | "could";
  readonly tracedTo: readonly string[];
}

export interface Spec {
  readonly protocol: {
    readonly name: string;
    readonly version: string;
    /** The major of `version`; carried in every frame header. */
    readonly wireVersion: number;
    readonly description: string;
  };
  readonly roles: { readonly initiator: Role; readonly responder: Role };
  /** Declared types, plus the `ErrorCode` enum derived from `errors` when there are any. */
  readonly types: readonly TypeDecl[];
  readonly messages: readonly Message[];
  readonly machines: { readonly initiator: Machine; readonly responder: Machine };
  readonly errors: readonly ErrorCode[];
  readonly timing: Timing;
  readonly security: Security;
  readonly performance: Performance;
  readonly requirements: readonly Requirement[];
  readonly assumptions: readonly string[];
  /** Declared semantics (docs/decisions/0009); absent when the spec declares none. */
  readonly behaviour?: Behaviour;
}

/** Name of the enum derived from the spec's `errors` section. */
export const ERROR_CODE_TYPE = "ErrorCode";
