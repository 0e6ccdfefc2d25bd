// What the default behaviour of a spec is, read from the spec itself: which
// request authenticates and which of its fields is the credential and the
// identity, which requests join and leave groups (rooms, topics), which
// messages make the server broadcast an event to the other sessions (the
// event is named in the message's doc, or shares its name), which events
// follow an answer in the session flow, and which error code answers which
// kind of refusal.
import type { Field, Message, Spec } from "../../spec/model.js";
import { deriveSessionFlow, type FlowStep } from "../../spec/flows.js";
import { words } from "../naming/words.js";
import type { SpecView } from "./context.js";
import { isIdentity, isIdLike } from "./samples.js";
import { implies } from "../../spec/field-compat.js";

export { implies, sameType } from "../../spec/field-compat.js";

export type Reason = "not_authenticated" | "out_of_order" | "invalid" | "rate_limited" | "internal";
export const REASONS: readonly Reason[] = ["not_authenticated", "out_of_order", "invalid", "rate_limited", "internal"];

export interface BroadcastRule {
  readonly event: string;
  /** The sender gets the event too ("the sender included" in the trigger's doc). */
  readonly includeSender: boolean;
  /** Enum values the trigger's doc names, by event field. */
  readonly enumChoices: ReadonlyMap<string, string>;
  /** How the event is addressed: to the group named by the trigger's field, to each group of the session, or to everyone. */
  readonly group: "field" | "session-groups" | "all";
}

export interface Behaviour {
  readonly auth?: Message;
  readonly credential?: Field;
  readonly identity?: Field;
  /** The group key field of join requests (e.g. `room`). */
  readonly groupKey?: Field;
  readonly joins: ReadonlySet<string>;
  readonly leaves: ReadonlySet<string>;
  /** By trigger message: events broadcast to other sessions. */
  readonly broadcasts: ReadonlyMap<string, readonly BroadcastRule[]>;
  /** By message: events pushed to the same session after the answer (from the session flow). */
  readonly followUps: ReadonlyMap<string, readonly string[]>;
  /** Error code (value name of ErrorCode) per refusal reason; absent when none fits. */
  readonly codes: ReadonlyMap<Reason, string>;
  readonly flow: readonly FlowStep[];
}

const JOIN_VERBS = new Set(["join", "subscribe", "enter", "watch", "follow"]);
const LEAVE_VERBS = new Set(["leave", "unsubscribe", "exit", "part", "unwatch", "unfollow"]);
const VERBS = new Set(["send", "post", "set", "update", "publish", "join", "leave", "add", "remove", "create", "delete", "start", "stop", "submit", "put", "push", "change"]);
const CREDENTIAL_WORDS = ["token", "key", "apikey", "password", "passphrase", "secret", "credential"];

const CODE_PREFERENCES: Readonly<Record<Reason, readonly string[]>> = {
  not_authenticated: ["not_authenticated", "unauthenticated", "unauthorized", "auth_required", "not_logged_in", "forbidden"],
  out_of_order: ["out_of_order", "invalid_state", "unexpected_message", "bad_state", "invalid_request", "bad_request"],
  invalid: ["invalid_request", "invalid_message", "bad_request", "invalid_argument", "invalid_value", "validation_failed"],
  rate_limited: ["rate_limited", "too_many_requests", "rate_limit_exceeded", "throttled"],
  internal: ["internal", "internal_error", "server_error", "unavailable", "service_unavailable", "busy", "try_again"],
};

const mentions = (text: string, word: string, caseSensitive = false): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_])${word}($|[^A-Za-z0-9_])`, caseSensitive ? "" : "i").test(text);


function chooseCode(spec: Spec, reason: Reason): string | undefined {
  const codes = spec.errors.map((e) => e.name);
  const preferred = CODE_PREFERENCES[reason].find((c) => codes.includes(c));
  if (preferred !== undefined || reason === "rate_limited") return preferred;
  const like = reason === "not_authenticated" ? /auth/ : reason === "internal" ? /internal|unavailable|error|failed/ : /invalid|bad/;
  return codes.find((c) => like.test(c)) ?? (reason === "internal" ? chooseCode(spec, "out_of_order") : codes[0]);
}

function stringField(m: Message, test: (f: Field) => boolean): Field | undefined {
  return m.fields.find((f) => f.type.kind === "string" && test(f));
}

function followUpsOf(ctx: SpecView, flow: readonly FlowStep[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let lastInitiator: string | undefined;
  for (const step of flow) {
    const m = ctx.message(step.message);
    if (step.from === "initiator") lastInitiator = step.message;
    else if (m.kind !== "response" && lastInitiator !== undefined) out.set(lastInitiator, [...(out.get(lastInitiator) ?? []), step.message]);
  }
  return out;
}

export function analyse(ctx: SpecView): Behaviour {
  const { spec } = ctx;
  const authName = spec.security.authentication.mode !== "none" ? spec.security.authentication.message : undefined;
  const auth = authName === undefined ? undefined : ctx.message(authName);
  const credential =
    auth === undefined ? undefined : CREDENTIAL_WORDS.map((w) => stringField(auth, (f) => words(f.name).includes(w) || f.name === w)).find((f) => f !== undefined);
  const identity = auth === undefined ? undefined : stringField(auth, (f) => f !== credential && (isIdentity(f.name) || isIdLike(f.name)));

  const received = ctx.initiated("initiator");
  const firstWord = (m: Message): string => words(m.name)[0] ?? "";
  const joinMessages = received.filter((m) => m.kind === "request" && JOIN_VERBS.has(firstWord(m)));
  const groupKey = joinMessages[0]?.fields.find((f) => f.type.kind === "string" && !f.optional);
  const keyed = (m: Message): boolean => groupKey !== undefined && m.fields.some((f) => f.name === groupKey.name && implies(f, groupKey));
  const joins = new Set(joinMessages.filter(keyed).map((m) => m.name));
  const leaves = new Set(received.filter((m) => m.kind === "request" && LEAVE_VERBS.has(firstWord(m)) && keyed(m)).map((m) => m.name));

  const events = spec.messages.filter((m) => m.from === "responder" && (m.kind === "event" || m.kind === "oneway"));
  const broadcasts = new Map<string, BroadcastRule[]>();
  for (const trigger of received) {
    let named = events.filter((e) => mentions(trigger.doc, e.name, true));
    if (named.length === 0) {
      const stem = words(trigger.name).filter((w) => !VERBS.has(w));
      if (stem.length > 0) named = events.filter((e) => stem.every((w) => words(e.name).includes(w)));
    }
    const includeSender = /sender included|including the sender|the sender too|sender as well/i.test(trigger.doc);
    const rules = named.map((e): BroadcastRule => {
      const enumChoices = new Map<string, string>();
      for (const f of e.fields) {
        if (f.type.kind !== "enum") continue;
        const decl = ctx.type(f.type.name);
        if (decl.kind !== "enum") continue;
        const hit = decl.values.find((v) => mentions(trigger.doc, v.name));
        if (hit !== undefined) enumChoices.set(f.name, hit.name);
      }
      const eventKey = groupKey === undefined ? undefined : e.fields.find((f) => f.name === groupKey.name);
      const group = eventKey === undefined || groupKey === undefined || !implies(groupKey, eventKey) ? "all" : keyed(trigger) ? "field" : "session-groups";
      return { event: e.name, includeSender, enumChoices, group };
    });
    if (rules.length > 0) broadcasts.set(trigger.name, rules);
  }

  const flow = deriveSessionFlow(spec);
  const followUps = followUpsOf(ctx, flow);
  for (const [trigger, rules] of broadcasts) {
    const pushed = followUps.get(trigger);
    if (pushed === undefined) continue;
    const covered = new Set(rules.filter((r) => r.includeSender).map((r) => r.event));
    followUps.set(
      trigger,
      pushed.filter((e) => !covered.has(e)),
    );
  }

  const codes = new Map<Reason, string>();
  for (const reason of REASONS) {
    // The spec's own default for invalid payloads wins over the guess from error names.
    const code = reason === "invalid" && spec.security.onInvalid !== undefined ? spec.security.onInvalid : chooseCode(spec, reason);
    if (code !== undefined) codes.set(reason, code);
  }
  return {
    ...(auth === undefined ? {} : { auth }),
    ...(credential === undefined ? {} : { credential }),
    ...(identity === undefined ? {} : { identity }),
    ...(groupKey === undefined || joins.size === 0 ? {} : { groupKey }),
    joins,
    leaves,
    broadcasts,
    followUps,
    codes,
    flow,
  };
}
