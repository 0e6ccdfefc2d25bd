// The zod schema of the spec's optional `behaviour:` section (docs/decisions/0009):
// declarative annotations for the patterns protocols keep asking for —
// session identity and resumption, groups, guards, idempotent requests,
// sequence numbers and acknowledged progress. Shape only; every reference
// to a message, field, error, group or attribute is checked by
// validate-behaviour.ts.
import { z } from "zod";
import { SNAKE_NAME, TYPE_NAME } from "./schema-names.js";

const typeName = z.string().regex(TYPE_NAME, "must name a message or type (PascalCase)");
const snakeName = z.string().regex(SNAKE_NAME, "must be snake_case");
/** `Message.field` or `Struct.field`. */
export const FIELD_REF = /^[A-Z][A-Za-z0-9]*\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const fieldRef = z.string().regex(FIELD_REF, "must be Message.field (or Struct.field)");
const doc = z.string().trim().min(1).optional();

/** One name or a list of them; always a list after parsing. */
function oneOrMany<T extends z.ZodTypeAny>(item: T) {
  return z.union([item, z.array(item).min(1)]).transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v]));
}

export const resumeInput = z
  .object({
    /** Answer fields that hand out a token (the first at authentication, later ones renew it: tokens are single-use). */
    token: oneOrMany(fieldRef),
    /** The request field that presents a token to resume the session. */
    present: fieldRef,
    /** How long a lost session waits to be resumed, and the answer field that tells the client. */
    window: z.object({ ms: z.number().int().positive(), field: fieldRef.optional() }).strict(),
    /** The error answering an unknown, used or expired token. */
    expired: snakeName,
    /** Groups whose memberships a resumed session gets back. */
    restores: z.array(snakeName).default([]),
    /** Recorded events the session missed, sent again after the answer: those after the item id in `after`
     *  (a request field), their number in `count` (an answer field). */
    replay: z.object({ after: fieldRef, count: fieldRef.optional() }).strict().optional(),
  })
  .strict();

export const sessionBehaviourInput = z
  .object({
    doc,
    /** The field of the authentication request that names who the session is. */
    identity: fieldRef,
    /** The error answering an authentication under an identity a live session has; absent: identities may repeat. */
    unique: snakeName.optional(),
    /** Client messages that end the session: it leaves every group and its identity is free again. */
    ends: z.array(typeName).default([]),
    resume: resumeInput.optional(),
  })
  .strict();

/** What starts a group event: a client message, or a change of membership. */
export const GROUP_TRIGGERS = ["join", "leave", "remove"] as const;

export const groupEventInput = z
  .object({
    on: z.union([typeName, z.enum(GROUP_TRIGGERS)]),
    /** The server event sent to the group. */
    send: typeName,
    /** `members`: every member, the sender included; `others`: every member but the sender. */
    to: z.enum(["members", "others"]).default("members"),
    /** Whether the event's item goes into the group's history. */
    record: z.boolean().default(false),
    /** Fixed values of event fields (an enum value's name, a number, a boolean, a string). */
    set: z.record(snakeName, z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .strict();

export const groupInput = z
  .object({
    name: snakeName,
    doc,
    /** The field that names the group in every message of it (e.g. `room`). */
    key: snakeName,
    join: z
      .object({
        request: typeName,
        /** The error answering a join by a member. */
        already: snakeName.optional(),
        /** Most members a group holds, and the error past it. */
        capacity: z.number().int().positive().optional(),
        full: snakeName.optional(),
      })
      .strict(),
    leave: z.object({ request: typeName, notMember: snakeName.optional() }).strict().optional(),
    /** Most groups one session belongs to, and the error past it. */
    perSession: z.object({ max: z.number().int().positive(), error: snakeName }).strict().optional(),
    /** Per-member flags; `grant: first` gives it to the member who opens the group. */
    attributes: z
      .array(z.object({ name: snakeName, field: fieldRef, grant: z.enum(["first"]).default("first") }).strict())
      .default([]),
    /** A list<Struct> field filled with the members: the struct's identity field and attribute fields. */
    members: fieldRef.optional(),
    /** The last `size` recorded items, replayed into the answer fields named in `replay` (lists of `item`);
     *  `id`: the item's integer field the server numbers 1, 2, 3 … across the server (order and resume point). */
    history: z
      .object({ size: z.number().int().positive(), item: typeName, id: fieldRef.optional(), replay: z.array(fieldRef).default([]) })
      .strict()
      .optional(),
    /** A request that takes a member out of the group (who may send it is a guard's business). */
    remove: z
      .object({
        request: typeName,
        member: fieldRef,
        notify: typeName.optional(),
        notMember: snakeName.optional(),
      })
      .strict()
      .optional(),
    events: z.array(groupEventInput).default([]),
  })
  .strict();

export const guardInput = z
  .object({
    /** Client messages (requests or one-ways) the guard applies to. */
    request: oneOrMany(typeName),
    /** The group the sender must be a member of (the one the message's key names). */
    member: snakeName,
    /** An attribute the sender must hold in that group. */
    attribute: snakeName.optional(),
    /** The error answering a refused request (a refused one-way is dropped). */
    error: snakeName,
  })
  .strict();

export const idempotentInput = z
  .object({
    request: typeName,
    /** The request field whose value identifies a retry. */
    key: snakeName,
    /** How many keys a session remembers, newest first. */
    remember: z.number().int().positive().default(1000),
  })
  .strict();

export const sequenceInput = z
  .object({
    /** An integer field numbering a client's messages 1, 2, 3 … */
    field: fieldRef,
    /** An integer answer field that reports how many numbers were skipped. */
    gaps: fieldRef.optional(),
  })
  .strict();

export const progressInput = z
  .object({
    name: snakeName,
    doc,
    /** The answer field that hands out the id of a transfer. */
    id: fieldRef,
    /** The request field with the position a piece starts at; it must equal the acknowledged position. */
    at: fieldRef,
    /** Answer fields that report the acknowledged position. */
    acknowledged: oneOrMany(fieldRef),
    /** The error answering a piece at another position. */
    error: snakeName,
    checksum: z.object({ of: fieldRef, equals: fieldRef, at: typeName, error: snakeName }).strict().optional(),
  })
  .strict();

export const behaviourInput = z
  .object({
    session: sessionBehaviourInput.optional(),
    groups: z.array(groupInput).default([]),
    guards: z.array(guardInput).default([]),
    idempotent: z.array(idempotentInput).default([]),
    sequence: z.array(sequenceInput).default([]),
    progress: z.array(progressInput).default([]),
  })
  .strict();

export type BehaviourInput = z.output<typeof behaviourInput>;
export type GroupInput = z.output<typeof groupInput>;
