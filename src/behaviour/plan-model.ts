// The behaviour plan (docs/decisions/0009): what the generated server does
// with each client message, derived from the spec's behaviour section once,
// in a form every emitter prints without reading the YAML. Per message: the
// checks in the order they run (each refusing with a declared error), the
// effects in the order they happen, and for each message the server builds
// (the answer, each event, the recorded item) where every field's value
// comes from. Pure data.

/** A group the message names through its key field. */
export interface GroupRef {
  readonly group: string;
  /** The message's field holding the group's key. */
  readonly keyField: string;
}

export type Check =
  /** Authentication: no live session has the identity in `field`. */
  | { readonly kind: "identity-free"; readonly field: string; readonly error: string }
  /** Resumption: the token in `field` is live, unused and inside its window. */
  | { readonly kind: "token-valid"; readonly field: string; readonly error: string }
  /** The sender is a member of the group (guards, leave). */
  | { readonly kind: "member"; readonly ref: GroupRef; readonly error: string }
  /** The sender holds `attribute` in the group. */
  | { readonly kind: "attribute"; readonly ref: GroupRef; readonly attribute: string; readonly error: string }
  /** The sender is not yet a member (join). */
  | { readonly kind: "not-member"; readonly ref: GroupRef; readonly error: string }
  /** The group has fewer than `capacity` members (join). */
  | { readonly kind: "capacity"; readonly ref: GroupRef; readonly capacity: number; readonly error: string }
  /** The sender belongs to fewer than `max` groups (join). */
  | { readonly kind: "per-session"; readonly group: string; readonly max: number; readonly error: string }
  /** The member named by `field` is in the group (remove). */
  | { readonly kind: "target-member"; readonly ref: GroupRef; readonly field: string; readonly error: string }
  /** The piece starts at the acknowledged position of the transfer named by `idField`. */
  | { readonly kind: "position"; readonly progress: string; readonly idField: string; readonly field: string; readonly error: string }
  /** The pieces' digest equals the one announced. */
  | { readonly kind: "checksum"; readonly progress: string; readonly idField: string; readonly error: string };

export type CheckKind = Check["kind"];

/** Who an event goes to: every member, every member but the one it is about, or only that one. */
export type Audience = "members" | "others" | "subject";

export type Effect =
  /** Authentication succeeded: the session is `field`'s identity. */
  | { readonly kind: "open-session"; readonly field: string }
  /** Resumption: the session takes over the resumed one's identity and its restored groups. */
  | { readonly kind: "resume-session"; readonly restores: readonly string[] }
  /** The session ends: it leaves every group. */
  | { readonly kind: "end-session" }
  | { readonly kind: "join"; readonly ref: GroupRef }
  | { readonly kind: "leave"; readonly ref: GroupRef }
  /** The member named by `field` leaves the group. */
  | { readonly kind: "remove"; readonly ref: GroupRef; readonly field: string }
  /** Builds the group's history item (numbered when the history has an id) and keeps the last `size`. */
  | { readonly kind: "record"; readonly ref: GroupRef; readonly size: number; readonly build: Built }
  /** Sends `event` to an audience of the group; `about` is the member the event concerns. */
  | { readonly kind: "send"; readonly ref: GroupRef; readonly to: Audience; readonly about: "sender" | "target"; readonly build: Built }
  /** After the answer (never before it): the recorded events of the restored groups newer than the id in `after`. */
  | { readonly kind: "replay"; readonly after: string }
  /** The sequence number in `field` is the next one expected; numbers skipped are counted. */
  | { readonly kind: "sequence"; readonly field: string }
  /** The acknowledged position of the transfer moves past the piece. */
  | { readonly kind: "advance"; readonly progress: string; readonly idField: string; readonly field: string };

export type EffectKind = Effect["kind"];

/** Where one field of a built message gets its value. */
export type Source =
  /** The group's key (the request's key field). */
  | { readonly kind: "key"; readonly group: string }
  /** The group's members, each a `struct` with its `identity` field and one bool field per attribute. */
  | {
      readonly kind: "members";
      readonly group: string;
      readonly struct: string;
      readonly identity: string;
      readonly attributes: readonly { readonly field: string; readonly attribute: string }[];
    }
  /** Whether the sender holds the attribute in the group. */
  | { readonly kind: "attribute"; readonly group: string; readonly attribute: string }
  /** The group's recorded items, oldest first. */
  | { readonly kind: "history"; readonly group: string }
  /** The item the message recorded, whole. */
  | { readonly kind: "item"; readonly group: string }
  /** A field of the item the message recorded. */
  | { readonly kind: "item-field"; readonly group: string; readonly field: string }
  /** The number the history gives the item. */
  | { readonly kind: "item-id"; readonly group: string }
  /** The identity of the member the message is about, or of the one who acted. */
  | { readonly kind: "identity"; readonly who: "subject" | "actor" }
  /** A fresh session token (single use). */
  | { readonly kind: "token" }
  /** The resume window in milliseconds. */
  | { readonly kind: "window"; readonly ms: number }
  /** The restored groups of `group`'s kind, each a `struct` whose fields are bound as for that group. */
  | { readonly kind: "restored-groups"; readonly group: string; readonly struct: string; readonly fields: readonly FieldSource[] }
  /** How many recorded events the replay sends. */
  | { readonly kind: "replayed-count" }
  /** A fresh id for a new transfer. */
  | { readonly kind: "transfer-id"; readonly progress: string }
  /** The acknowledged position of the transfer. */
  | { readonly kind: "acknowledged"; readonly progress: string }
  /** How many sequence numbers were skipped. */
  | { readonly kind: "gaps" }
  /** A constant fixed by the declaration (`set`). */
  | { readonly kind: "constant"; readonly value: string | number | boolean }
  /** The field of the same name in the message being handled. */
  | { readonly kind: "request"; readonly field: string }
  /** A struct whose fields have their own sources. */
  | { readonly kind: "struct"; readonly type: string; readonly fields: readonly FieldSource[] };

export type SourceKind = Source["kind"];

export interface FieldSource {
  readonly field: string;
  readonly source: Source;
}

/** A message the server builds, with the sources the behaviour gives its fields
 *  (fields not listed keep the default handlers' sources: the clock, fresh ids, samples). */
export interface Built {
  readonly message: string;
  readonly fields: readonly FieldSource[];
}

export interface MessagePlan {
  /** The client message handled. */
  readonly message: string;
  /** Same key, same answer: the request's key field and how many keys a session keeps. */
  readonly idempotent?: { readonly key: string; readonly remember: number };
  readonly checks: readonly Check[];
  readonly effects: readonly Effect[];
  /** The success answer, when the message is a request. */
  readonly answer?: Built;
}

export interface BehaviourPlan {
  /** By client message, in spec order; only messages the behaviour touches. */
  readonly messages: readonly MessagePlan[];
  /** What a session's end sends for each group it leaves (an `ends` message, a lost session past its
   *  resume window, or at once without resumption): each group's `on: leave` events, keyed by that group. */
  readonly onSessionEnd: readonly Effect[];
}
