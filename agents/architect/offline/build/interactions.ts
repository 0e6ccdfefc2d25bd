// Messages read from who-says-what (detect/interactions.ts): events and
// one-way reports, requests with their answers, offers a peer accepts or
// declines. Either role may send a request; its answer comes from the other.
// A message whose name a pattern builder already uses is left to that builder.
import type { PlannedMessage } from "../detect/interactions.js";
import { addTrace, emptyContribution, event, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { ERROR_REPLY, timestamp, type BuildContext } from "./context.js";

const dedupe = (fields: readonly FieldDraft[]): FieldDraft[] => fields.filter((f, i) => fields.findIndex((g) => g.name === f.name) === i);

export function buildInteractions(ctx: BuildContext, planned: readonly PlannedMessage[], taken: ReadonlySet<string>): Contribution {
  const c = emptyContribution();
  const used = new Set(taken);
  for (const p of planned) {
    const names = [p.name, ...(p.kind === "request" ? p.responses.map((r) => r.name) : [])];
    const shared = p.responses.filter((r) => used.has(r.name) && c.messages.some((m) => m.name === r.name && m.kind === "response"));
    if (used.has(p.name) || names.slice(1).some((n) => used.has(n) && !shared.some((r) => r.name === n))) continue;
    const to = p.from === "initiator" ? "responder" : "initiator";
    const fields = dedupe(p.fields.length > 0 ? p.fields : [timestamp("occurred_at", "When it happened.")]);
    if (p.kind === "request") {
      c.messages.push(request(p.from, p.name, docOf(p, ctx), fields, p.responses.map((r) => r.name), p.from === "initiator" ? { error: ERROR_REPLY } : {}));
      for (const r of p.responses) {
        if (used.has(r.name)) continue;
        c.messages.push(response(to, r.name, `Answers ${p.name}.`, dedupe(r.fields.length > 0 ? r.fields : [timestamp("received_at", "When the request was handled.")])));
        used.add(r.name);
      }
    } else {
      c.messages.push(event(p.from, p.name, docOf(p, ctx), fields));
    }
    used.add(p.name);
    addTrace(c, `req:${p.reqId}`, `message:${p.name}`, ...p.responses.map((r) => `message:${r.name}`));
  }
  if (c.messages.some((m) => m.kind === "request" && m.from === "initiator")) c.errors.push("invalid_request");
  return c;
}

function docOf(p: PlannedMessage, ctx: BuildContext): string {
  const sender = (p.from === "initiator" ? ctx.initiator : ctx.responder).replace(/_/g, " ");
  const about = p.noun.join(" ");
  if (p.offer) return `The ${sender} offers a ${about}, which the other side accepts or declines.`;
  if (p.kind === "request") return `Sent by the ${sender} about a ${about}; answered with ${p.responses.map((r) => r.name).join(" or ")}.`;
  return `Sent by the ${sender} about a ${about}.`;
}
