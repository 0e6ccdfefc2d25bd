// Rooms and broadcast: peers join named groups (rooms, lobbies, matches),
// send content that the responder broadcasts to every member, and see
// members come and go. History, moderation, private messages and game
// state updates are added when the description asks for them.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { pascal, plural } from "../text/naming.js";
import { hasAny } from "../text/tokens.js";
import { ERROR_REPLY, optional, timestamp, u32, u64, type BuildContext } from "./context.js";

export function buildRooms(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const g = ctx.a.nouns.group;
  const G = pascal(g);
  const content = ctx.a.nouns.content;
  const C = pascal(content);
  const isChat = content === "message";
  const member = ctx.initiator === "client" ? "User" : pascal(ctx.initiator);
  const capacity = ctx.a.numbers.groupCapacity;
  const room = (doc = `The ${g}.`): FieldDraft => ctx.nameField(g, doc);
  const reqs = ctx.reqsOf("rooms");
  const trace = (...refs: string[]) => addTrace(c, "pattern:rooms", ...refs);
  const req = (name: string, doc: string, fields: FieldDraft[], answer: string, answerDoc: string, answerFields: FieldDraft[]) => {
    c.messages.push(request("initiator", name, doc, fields, [answer], { error: ERROR_REPLY }), response("responder", answer, answerDoc, answerFields));
  };

  // Record of one piece of content, shared by the broadcast and the history.
  const recordName = isChat ? "ChatMessage" : `${C}Record`;
  const attrs = ctx.attributesIn(reqs).filter((h) => !["title", "description"].includes(h.field.name));
  const body: FieldDraft[] = isChat ? [ctx.textField("text", "The message text.")] : [...attrs.map((h) => h.field), field("data", "bytes", `The ${content} itself, encoded by the application.`, { maxLength: ctx.sizeOf("payload") ?? 1024 })];
  const recordFields: FieldDraft[] = [u64(`${content}_id`, `Identifier of the ${content}, increasing within the ${g}.`), ctx.peerField("sender", `Who sent the ${content}.`), ...body, timestamp("sent_at", `When the responder accepted the ${content}.`)];
  c.types.push({ kind: "struct", name: recordName, doc: `One ${content} in a ${g}.`, fields: recordFields });
  c.types.push(...ctx.enumsFor(attrs));

  req(`Join${G}`, `Joins a ${g}; the ${ctx.responder.replace(/_/g, " ")} then broadcasts its ${plural(content)} to the peer.`, [room()], `${G}Joined`, `The peer is now a member of the ${g}.`, [
    room(),
    field("members", "list<string>", `Members of the ${g}, the new one included.`, { maxItems: capacity?.count ?? 100, maxLength: 64 }),
  ]);
  req(`Leave${G}`, `Leaves a ${g}.`, [room()], `${G}Left`, `The peer is no longer a member of the ${g}.`, [room()]);
  const send = isChat ? "SendMessage" : `Submit${C}`;
  const sent = isChat ? "MessageSent" : `${C}Accepted`;
  req(send, `Sends a ${content} to every member of a ${g}.`, [room(), ...body], sent, `The ${content} was accepted and broadcast.`, [u64(`${content}_id`, `Identifier given to the ${content}.`), timestamp("sent_at", "When it was accepted.")]);
  c.messages.push(
    event("responder", `${G}${C}`, `A ${content} broadcast to the members of a ${g}.`, [room(), field(content, recordName, `The ${content}.`)]),
    event("responder", `${member}Joined`, `Someone joined a ${g} the peer is in.`, [room(), ctx.peerField("member", "Who joined.")]),
    event("responder", `${member}Left`, `Someone left a ${g} the peer is in.`, [room(), ctx.peerField("member", "Who left."), optional(field("reason", "string", "Why, when it was not voluntary.", { maxLength: 128 }))]),
  );
  trace(`message:Join${G}`, `message:${send}`, `message:${G}${C}`, `message:${member}Joined`);
  if (capacity) {
    c.errors.push("room_full");
    addTrace(c, `req:${capacity.reqId}`, `field:${G}Joined.members`, "error:room_full");
  }
  c.errors.push("not_found", "not_a_member");
  for (const h of attrs) addTrace(c, `req:${h.reqId}`, `field:${recordName}.${h.field.name}`);
  const sizeReq = ctx.limitReq("text");
  if (sizeReq) addTrace(c, `req:${sizeReq}`, `field:${send}.${isChat ? "text" : "data"}`);

  if (hasAny(ctx.a.allTokens, ["list", "browse", "available", "multiple", "which", "directory", "discover"]) || ctx.has("moderation")) {
    req(`List${pascal(plural(g))}`, `Lists the ${plural(g)} the peer may join.`, [optional(field("prefix", "string", "Only names starting with this.", { maxLength: 64 }))], `${G}List`, `The ${plural(g)}.`, [
      field(plural(g), "list<string>", `Names of the ${plural(g)}.`, { maxItems: 1000, maxLength: 64 }),
    ]);
  }
  if (ctx.has("history")) {
    const limit = ctx.a.numbers.historyLimit?.count ?? 100;
    req(`Get${C}History`, `Fetches earlier ${plural(content)} of a ${g}, newest first.`, [room(), optional(u64(`before_${content}_id`, `Only ${plural(content)} older than this one.`)), field("limit", "uint16", `At most this many ${plural(content)}.`, { min: 1, max: limit })], `${C}History`, `Earlier ${plural(content)} of the ${g}.`, [
      room(),
      field(plural(content), `list<${recordName}>`, `The ${plural(content)}, newest first.`, { maxItems: limit }),
      field("has_more", "bool", `Whether older ${plural(content)} exist.`),
    ]);
    addTrace(c, "feature:history", `message:Get${C}History`, `message:${C}History`);
    c.assumptions.push(`The responder stores ${g} history; Get${C}History returns at most ${limit} ${plural(content)} per call.`);
  }
  if (ctx.has("privateMessage")) {
    req("SendPrivateMessage", "Sends a message to one user only.", [ctx.peerField("to", "Who receives it."), ctx.textField("text", "The message text.")], "PrivateMessageSent", "The private message was delivered to the responder.", [u64("message_id", "Identifier of the message.")]);
    c.messages.push(event("responder", "PrivateMessage", "A message sent to this peer only.", [ctx.peerField("sender", "Who sent it."), ctx.textField("text", "The message text."), timestamp("sent_at", "When it was sent.")]));
    addTrace(c, "feature:privateMessage", "message:SendPrivateMessage", "message:PrivateMessage");
  }
  if (ctx.has("moderation")) {
    const target = ctx.peerField(ctx.a.security.mode === "password" ? "username" : "member", "The member concerned.");
    const reason = optional(field("reason", "string", "Why, shown to the member.", { maxLength: 256 }));
    req(`Kick${member}`, `Removes a member from a ${g} (moderators only).`, [room(), target, reason], `${member}Kicked`, "The member was removed.", [room(), target]);
    const modMessages = [`message:Kick${member}`];
    if (hasAny(ctx.a.allTokens, ["ban"])) {
      req(`Ban${member}`, `Removes a member and keeps them out of a ${g} (moderators only).`, [room(), target, optional(u32("duration_s", "How long; forever when absent.", { unit: "s" })), reason], `${member}Banned`, "The member was banned.", [room(), target]);
      modMessages.push(`message:Ban${member}`);
    }
    if (hasAny(ctx.a.allTokens, ["mute", "silence"])) {
      req(`Mute${member}`, `Stops a member from sending to a ${g} for a while (moderators only).`, [room(), target, u32("duration_s", "How long.", { unit: "s", min: 1 })], `${member}Muted`, "The member was muted.", [room(), target]);
      modMessages.push(`message:Mute${member}`);
    }
    if (hasAny(ctx.a.allTokens, ["management", "manage", "create", "delete", "admin"])) {
      req(`Create${G}`, `Creates a ${g} (admins only).`, [room(), optional(field("max_members", "uint16", "Member limit.", { min: 2, max: capacity?.count ?? 1000 })), optional(field("topic", "string", `What the ${g} is about.`, { maxLength: 256 }))], `${G}Created`, `The ${g} exists.`, [room()]);
      req(`Delete${G}`, `Deletes a ${g} and removes its members (admins only).`, [room()], `${G}Deleted`, `The ${g} is gone.`, [room()]);
      c.errors.push("already_exists");
      modMessages.push(`message:Create${G}`, `message:Delete${G}`);
    }
    c.messages.push(event("responder", `Removed${"From"}${G}`, `The peer was removed from a ${g} by a moderator.`, [room(), reason]));
    c.errors.push("forbidden");
    addTrace(c, "feature:moderation", ...modMessages, `message:RemovedFrom${G}`, "error:forbidden");
    c.assumptions.push("Moderation requests are allowed only for peers whose session role is moderator or admin.");
  }
  if (ctx.has("gameState")) {
    const iv = ctx.interval("state");
    const playerAttrs = ctx.attributesIn([...reqs, ...(ctx.a.features.get("gameState") ?? [])]);
    const stateName = `${member}State`;
    c.types.push(...ctx.enumsFor(playerAttrs));
    c.types.push({ kind: "struct", name: stateName, doc: `The state of one ${member.toLowerCase()} in a snapshot.`, fields: [ctx.peerField(ctx.peerIdName.replace(/_id$/, ""), "Whose state."), ...(playerAttrs.length > 0 ? playerAttrs.map((h) => h.field) : [field("x", "float32", "Horizontal position.", { unit: "m" }), field("y", "float32", "Vertical position.", { unit: "m" })])] });
    c.messages.push(
      event("responder", "StateUpdate", `Authoritative snapshot of the ${g}, broadcast to its members${iv ? ` every ${iv.ms} ms` : ""}.`, [room(), u64("tick", "Simulation tick of the snapshot."), field(plural(member.toLowerCase()), `list<${stateName}>`, "State of every member.", { maxItems: capacity?.count ?? 100 })], iv ? { intervalMs: iv.ms } : {}),
    );
    addTrace(c, "feature:gameState", "message:StateUpdate", `type:${stateName}`);
    if (iv) addTrace(c, `req:${iv.reqId}`, "message:StateUpdate");
  }
  return c;
}
