// The fallback when a description asks for communication but names no
// pattern and no operation: peers send messages that the responder
// acknowledges and relays to the other peers.
import { addTrace, emptyContribution, event, request, response, type Contribution } from "../draft.js";
import { ERROR_REPLY, timestamp, u64, type BuildContext } from "./context.js";

export function buildMessaging(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const attrs = ctx.attributesIn(ctx.a.requirements.map((r) => r.id));
  const body = attrs.length > 0 ? attrs.map((h) => h.field) : [ctx.textField("text", "The message content.")];
  c.types.push(...ctx.enumsFor(attrs));
  c.messages.push(
    request("initiator", "SendMessage", "Sends a message to the responder.", body, ["MessageAccepted"], { error: ERROR_REPLY }),
    response("responder", "MessageAccepted", "The message was accepted.", [u64("message_id", "Identifier given to the message."), timestamp("accepted_at", "When it was accepted.")]),
    event("responder", "MessageDelivered", "A message for this peer.", [u64("message_id", "Identifier of the message."), ctx.peerField("sender", "Who sent it."), ...body]),
  );
  for (const r of ctx.a.requirements) if (r.category === "functional") addTrace(c, `req:${r.id}`, "message:SendMessage");
  c.assumptions.push("The description names no specific pattern; peers exchange acknowledged messages that the responder relays.");
  return c;
}
