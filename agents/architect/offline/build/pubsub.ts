// Publish/subscribe: peers subscribe to topics (or symbols, feeds) and the
// responder pushes updates; peers may publish. When the description only
// says the responder notifies or alerts, the events come without
// subscriptions; when the initiator raises alerts, they go up as requests.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { pascal, plural } from "../text/naming.js";
import { firstIndexOf, hasAny } from "../text/tokens.js";
import { ERROR_REPLY, optional, timestamp, u32, u64, type BuildContext } from "./context.js";

export function buildPubsub(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const reqs = ctx.a.requirements.filter((r) => ctx.reqsOf("pubsub").includes(r.id));
  const tokens = reqs.flatMap((r) => r.tokens);
  const subscribes = hasAny(tokens, ["subscri*", "publish", "topic", "feed", "follow", "watch", "market data", "channel", "pub sub"]);
  const alertUp = !subscribes && reqs.some((r) => {
    const who = firstIndexOf(r.tokens, ctx.a.roles.initiator.cues);
    const what = firstIndexOf(r.tokens, ["alert", "alarm", "notif*"]);
    return who >= 0 && what > who && hasAny(r.tokens, ["send", "raise", "trigger", "emit", "report"]);
  });
  const attrs = ctx.attributesIn(reqs.map((r) => r.id)).filter((h) => h.field.name !== "symbol");
  c.types.push(...ctx.enumsFor(attrs));

  if (alertUp) {
    c.messages.push(
      request("initiator", "RaiseAlert", "Raises an alert that needs attention.", [field("severity", "AlertSeverity", "How urgent it is."), field("message", "string", "What happened.", { maxLength: 256 }), timestamp("raised_at", "When it happened."), ...attrs.map((h) => optional(h.field))], ["AlertAck"], { error: ERROR_REPLY, reliable: true }),
      response("responder", "AlertAck", "The alert was received.", [u64("alert_id", "Identifier given to the alert.")]),
    );
    c.types.push(severity());
    addTrace(c, "pattern:pubsub", "message:RaiseAlert", "message:AlertAck");
    return c;
  }

  const topicNoun = ctx.a.nouns.topic;
  const topicField: FieldDraft = topicNoun === "symbol" ? field("symbol", "string", "Instrument symbol.", { minLength: 1, maxLength: 12, pattern: "[A-Z0-9.]{1,12}" }) : ctx.nameField(topicNoun, `The ${topicNoun}.`);
  const push = ctx.a.nouns.push;
  const generic = ["update", "event", "message", "tick", "notification"].includes(push);
  const pushName = push === "notification" && !subscribes ? "Notification" : generic ? `${pascal(subscribes ? topicNoun : "")}${pascal(push)}` : pascal(push);
  const payload: FieldDraft[] = attrs.length > 0 ? attrs.map((h) => h.field) : [field("payload", "bytes", "The published content, encoded by the application.", { maxLength: ctx.sizeOf("payload") ?? ctx.sizeOf("text") ?? 65536 })];
  if (push === "alert" || push === "notification") {
    if (!payload.some((f) => f.name === "message")) payload.unshift(field("message", "string", "Text shown to the user.", { maxLength: 512 }));
    if (push === "alert") {
      payload.unshift(field("severity", "AlertSeverity", "How urgent it is."));
      c.types.push(severity());
    }
  }
  const eventFields: FieldDraft[] = [...(subscribes ? [topicField] : []), u64("seq", "Increments per topic, so gaps and duplicates show."), ...payload, timestamp("published_at", "When it was published.")];
  c.messages.push(event("responder", pushName, `Pushed to every subscriber of the ${topicNoun}.`, eventFields));
  addTrace(c, "pattern:pubsub", `message:${pushName}`);
  for (const h of attrs) addTrace(c, `req:${h.reqId}`, `field:${pushName}.${h.field.name}`);
  if (!subscribes) {
    c.assumptions.push(`${pushName} events go to every connected peer; the description names no subscriptions.`);
    return c;
  }
  const T = pascal(topicNoun);
  c.messages.push(
    request("initiator", "Subscribe", `Starts delivery of ${pushName} events for a ${topicNoun}.`, [topicField], ["Subscribed"], { error: ERROR_REPLY }),
    response("responder", "Subscribed", "Delivery has started.", [topicField, u32("subscription_id", "Identifier of the subscription.")]),
    request("initiator", "Unsubscribe", `Stops delivery for a ${topicNoun}.`, [topicField], ["Unsubscribed"], { error: ERROR_REPLY }),
    response("responder", "Unsubscribed", "Delivery has stopped.", [topicField]),
  );
  addTrace(c, "pattern:pubsub", "message:Subscribe", "message:Unsubscribe");
  if (hasAny(tokens, ["publish", "post", "pub sub"])) {
    const fire = ctx.has("fireAndForget");
    const fields = [topicField, ...payload];
    if (fire) c.messages.push(event("initiator", "Publish", `Publishes to every subscriber of a ${topicNoun}, without acknowledgement.`, fields));
    else c.messages.push(request("initiator", "Publish", `Publishes to every subscriber of a ${topicNoun}.`, fields, ["Published"], { error: ERROR_REPLY }), response("responder", "Published", "The content was accepted for delivery.", [u64("seq", "Sequence number given to it.")]));
    addTrace(c, "pattern:pubsub", "message:Publish");
  }
  if (hasAny(tokens, ["list", "browse", "available"])) {
    c.messages.push(request("initiator", `List${pascal(plural(topicNoun))}`, `Lists the ${plural(topicNoun)} one may subscribe to.`, [], [`${T}List`], { error: ERROR_REPLY }), response("responder", `${T}List`, `The ${plural(topicNoun)}.`, [field(plural(topicNoun), "list<string>", "Names.", { maxItems: 1000, maxLength: 64 })]));
  }
  c.errors.push("unknown_topic");
  return c;
}

function severity() {
  return {
    kind: "enum" as const,
    name: "AlertSeverity",
    doc: "How urgent an alert is.",
    values: [
      { name: "info", value: 0, doc: "For information." },
      { name: "warning", value: 1, doc: "Needs attention soon." },
      { name: "critical", value: 2, doc: "Needs attention now." },
    ],
  };
}
