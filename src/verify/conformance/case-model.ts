// What a conformance case is: a stable name, the spec element it proves, the
// transports it applies to, and a script of steps run on one fresh
// connection, or on several ("peers", opened when their first step runs). Pure data: cases are derived from the spec alone
// (derive-cases.ts) and run by a driver per transport (run-case.ts).
import type { WireObject, WireValue } from "../../wire/values.js";
import type { HttpExpectation, HttpProbe } from "./http-probe.js";

/** The transports of docs/wire-format.md §10. */
export type ConformanceTransport = "tcp" | "udp" | "http";
export const CONFORMANCE_TRANSPORTS: readonly ConformanceTransport[] = ["tcp", "udp", "http"];

/** Which family a case belongs to (docs/conformance.md). */
export type CaseFamily = "session" | "state" | "wire" | "role" | "unknown-id" | "flags" | "keepalive" | "constraint" | "ack" | "duplicate" | "http" | "behaviour";

/** An answer the case accepts: a message, and for an error message the codes
 *  it may (`codes`) or may not (`notCodes`) carry in its ErrorCode field. */
export interface Accept {
  readonly message: string;
  readonly codes?: readonly string[];
  readonly notCodes?: readonly string[];
  /** Why `notCodes` are refused, for the failure reason. */
  readonly notCodesWhy?: string;
}

/** One check of a decoded message's value; `path` walks struct fields by name (`summary.members`). */
export type FieldCheck =
  /** The value at `path` equals `value` (numbers and bigints by value, structs and lists field by field). */
  | { readonly kind: "equals"; readonly path: string; readonly value: WireValue }
  /** The list at `path` has, for each of `items`, an element whose fields include the item's. */
  | { readonly kind: "contains"; readonly path: string; readonly items: readonly WireObject[] }
  /** The list at `path` has no element whose fields include one of `items`' fields. */
  | { readonly kind: "excludes"; readonly path: string; readonly items: readonly WireObject[] }
  /** The list at `path` is exactly `items` long and its elements include their fields, in this order. */
  | { readonly kind: "ordered"; readonly path: string; readonly items: readonly WireObject[] };

/** A request field set, when the step runs, from the answer captured as `capture` (its value at `path`). */
export interface Fill {
  readonly field: string;
  readonly capture: string;
  readonly path: string;
}

/** What an expected answer must hold beyond its message and code. */
export interface AnswerCheck {
  readonly fields?: readonly FieldCheck[];
  /** Remembers the answer's value under this name, for a later `sameAs`. */
  readonly capture?: string;
  /** The answer's value equals, field for field, the one captured under this name. */
  readonly sameAs?: string;
}

export type Step = StepBody & {
  /** The connection the step runs on: 0 (the default) is the case's first; each other peer is
   *  opened when its first step runs and has its own sequence numbers. */
  readonly peer?: number;
};

type StepBody =
  /** Writes these exact bytes (a frame, or a deliberately broken one). With `fill`, the frame is
   *  decoded, each field set from an answer captured earlier in the case, and encoded again. */
  | { readonly kind: "send"; readonly bytes: Uint8Array; readonly describe: string; readonly fill?: readonly Fill[] }
  /** The client closes the peer's connection (a lost connection); later steps need another peer. */
  | { readonly kind: "disconnect"; readonly why: string }
  /** The next answer (a frame with RESPONSE) carries `seq` and is one of `accept`.
   *  Events the server pushes meanwhile are skipped; answers to the sequence
   *  numbers in `tolerate` are skipped when they are one of their messages. */
  | {
      readonly kind: "expect-answer";
      readonly seq: number;
      readonly request: string;
      readonly accept: readonly Accept[];
      readonly tolerate?: {
        readonly seq: number;
        readonly messages: readonly string[];
        /** A close after a tolerated answer ends the case as passed (the machine ends the session after that error). */
        readonly thenClose?: boolean;
      };
      /** Why this answer is needed (e.g. "to reach serving"), for the failure reason. */
      readonly purpose?: string;
      /** Behaviour cases: what the answer's fields must hold. */
      readonly check?: AnswerCheck;
    }
  /** An event `message` whose value passes `fields` arrives (or arrived since the peer's link opened
   *  and was not taken by an earlier `expect-event`); it is taken. Answers read meanwhile stay for the next steps. */
  | { readonly kind: "expect-event"; readonly message: string; readonly fields: readonly FieldCheck[]; readonly why: string }
  /** No event `message` passing `fields` is among the peer's events not taken yet, nor arrives within `ms`. */
  | { readonly kind: "expect-no-event"; readonly message: string; readonly fields: readonly FieldCheck[]; readonly ms: number; readonly why: string }
  /** A PONG control frame with the PING's sequence number. */
  | { readonly kind: "expect-pong"; readonly seq: number }
  /** The server closes the connection (frames before the close are ignored). */
  | { readonly kind: "expect-close"; readonly why: string }
  /** No answer (frame with RESPONSE) arrives for `ms` and the connection stays open; events are ignored. */
  | { readonly kind: "expect-silence"; readonly ms: number }
  /** UDP: an ACK of the frame `seq` (`response`: its RESPONSE bit), received earlier in the case
   *  or within the answer wait. Each step takes one ACK (a duplicate's second `expect-ack` needs
   *  a second ACK); other frames read meanwhile stay for the next steps. */
  | { readonly kind: "expect-ack"; readonly seq: number; readonly response: boolean; readonly why: string }
  /** UDP: no `control` frame (ACK or PONG) carrying `seq` was received in the case so far;
   *  it follows an `expect-silence`, which waited. */
  | { readonly kind: "expect-none"; readonly control: "ack" | "pong"; readonly seq: number; readonly why: string }
  /** UDP: the next answer to `seq` (sent again as a duplicate) is byte for byte the first answer to `seq`. */
  | { readonly kind: "expect-same-answer"; readonly seq: number; readonly request: string }
  /** HTTP only: one request below the message level (a broken body, a wrong method) and the status it must get (§10.3). */
  | { readonly kind: "http"; readonly probe: HttpProbe; readonly expect: HttpExpectation; readonly describe: string };

export type StepKind = Step["kind"];

export interface ConformanceCase {
  /** Stable across runs and spec-preserving edits, e.g. `state/SendMessage-before-Login`. */
  readonly name: string;
  readonly family: CaseFamily;
  /** The spec element or wire rule it proves: `message:Login`, `transition:server.awaiting_login/Login`,
   *  `error:not_authenticated`, `wire:§10.1 bad_magic`, `keepalive:§10.1`. */
  readonly proves: readonly string[];
  /** One sentence: what the case checks. */
  readonly summary: string;
  readonly transports: readonly ConformanceTransport[];
  readonly steps: readonly Step[];
}
