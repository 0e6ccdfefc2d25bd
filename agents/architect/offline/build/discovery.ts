// Discovery by broadcast: before connecting, a peer broadcasts Discover and
// every responder that offers the service answers with where to reach it;
// responders may also announce themselves periodically.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { hasAny } from "../text/tokens.js";
import { optional, u32, type BuildContext } from "./context.js";

export function buildDiscovery(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const responderId = `${ctx.responder === "server" ? "server" : ctx.responder}_id`;
  const offer: FieldDraft[] = [
    field(responderId, "string", "Unique identifier of the responder.", { minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" }),
    field("name", "string", "Human-readable name.", { maxLength: 64 }),
    field("address", "string", "Address to connect to (IPv4, IPv6 or host name).", { minLength: 1, maxLength: 253 }),
    field("port", "uint16", "Port to connect to.", { min: 1, max: 65535 }),
    field("capabilities", "list<string>", "Services and features offered.", { maxItems: 32, maxLength: 64 }),
  ];
  c.messages.push(
    request("initiator", "Discover", "Broadcast to find responders on the local network.", [optional(field("service", "string", "Only responders offering this service answer.", { maxLength: 64 })), field("nonce", "uint32", "Random value echoed in offers, to match them to this search.")], ["Offer"], { lane: "discover" }),
    response("responder", "Offer", "A responder answering a discovery broadcast.", [...offer, u32("nonce", "The nonce of the Discover it answers.")]),
  );
  addTrace(c, "pattern:discovery", "message:Discover", "message:Offer");
  if (hasAny(ctx.a.allTokens, ["announce*", "advertise*", "beacon", "periodically"])) {
    const iv = ctx.interval("discovery");
    const ms = iv?.ms ?? 30_000;
    c.messages.push(event("responder", "Announce", `Sent unprompted every ${ms} ms so peers notice the responder.`, offer, { intervalMs: ms }));
    addTrace(c, "pattern:discovery", "message:Announce");
    if (iv) addTrace(c, `req:${iv.reqId}`, "message:Announce");
  }
  c.assumptions.push(
    ctx.a.transport === "udp"
      ? "Discover goes to the local broadcast (or multicast) address; offers come back unicast."
      : `Discover is a broadcast datagram by nature; over ${ctx.a.transport.toUpperCase()} it is also accepted on an open connection, before the handshake.`,
  );
  return c;
}
