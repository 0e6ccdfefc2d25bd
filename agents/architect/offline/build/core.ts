// The core every design has: a handshake (with the credentials when the
// description asks for authentication), the shared error reply, a goodbye,
// and session resumption when reconnection is asked for.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { ERROR_REPLY, optional, timestamp, u32, type BuildContext } from "./context.js";

const HANDSHAKES = {
  password: { request: "Login", response: "LoginOk", doc: "Logs the user in and opens a session." },
  token: { request: "Authenticate", response: "Authenticated", doc: "Presents an access token and opens a session." },
  api_key: { request: "Hello", response: "Welcome", doc: "Identifies the peer with its API key and opens a session." },
  none: { request: "Hello", response: "Welcome", doc: "Identifies the peer and opens a session." },
} as const;

const IDENTITY_FIELDS = new Set(["display_name", "nickname", "email", "phone"]);

export function handshakeNames(ctx: BuildContext): { request: string; response: string } {
  return HANDSHAKES[ctx.a.security.mode];
}

export function buildCore(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const { mode } = ctx.a.security;
  const names = HANDSHAKES[mode];
  const fields: FieldDraft[] = [];
  if (mode === "password") {
    const u = ctx.limitChars("username");
    fields.push(
      field("username", "string", "The user's login name: letters, digits, `.`, `_` and `-`.", {
        minLength: u?.min ?? 3,
        maxLength: u?.max ?? 32,
        pattern: "[A-Za-z0-9_.-]+",
      }),
      field("password", "string", "The user's password; sent only inside an encrypted transport.", { minLength: ctx.limitChars("password")?.min ?? 8, maxLength: 128 }),
    );
  } else if (mode === "token") {
    fields.push(field("token", "string", "Access token issued out of band (for example a JWT).", { minLength: 16, maxLength: 4096 }));
  } else {
    fields.push(field(ctx.peerIdName, "string", `Unique identifier of the ${ctx.initiator.replace(/_/g, " ")}.`, { minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" }));
    if (mode === "api_key") fields.push(field("api_key", "string", "Secret key issued to this peer.", { minLength: 16, maxLength: 128 }));
  }
  if (["sensor", "device", "camera", "vehicle", "meter", "thermostat", "robot", "printer"].includes(ctx.initiator) || ctx.hasPattern("transfer")) {
    if (!fields.some((f) => f.name === "firmware_version")) fields.push(optional(field("firmware_version", "string", "Software version the peer runs.", { maxLength: 32 })));
  }
  // Identity attributes said anywhere ("players choose a nickname") belong to the handshake.
  for (const hit of ctx.a.attributes) {
    if (!IDENTITY_FIELDS.has(hit.field.name) || fields.some((f) => f.name === hit.field.name)) continue;
    const chars = ctx.limitChars("username") ?? ctx.limitChars("name");
    fields.push(chars ? { ...hit.field, minLength: chars.min ?? 1, maxLength: chars.max * 4, doc: `${hit.field.doc} ${chars.min ?? 1} to ${chars.max} characters.` } : hit.field);
    addTrace(c, `req:${hit.reqId}`, `field:${names.request}.${hit.field.name}`);
  }
  fields.push(optional(field("client_version", "string", "Version of the implementation, for diagnostics.", { maxLength: 32 })));
  const hello = request("initiator", names.request, names.doc, fields, [names.response], { lane: "handshake", error: ERROR_REPLY });

  const accept: FieldDraft[] = [field("session_id", "string", "Identifier of the session, for logs and resumption.", { minLength: 1, maxLength: 64 })];
  if (ctx.hasPattern("session")) accept.push(field("resume_token", "string", "Secret that lets this session be resumed after a disconnection.", { minLength: 16, maxLength: 128 }));
  if (ctx.a.features.has("moderation") || ctx.a.security.authorisationReqs.length > 0) {
    accept.push(field("role", "UserRole", "What the peer may do."));
    c.types.push({
      kind: "enum",
      name: "UserRole",
      doc: "What a peer is allowed to do.",
      values: [
        { name: "member", value: 0, doc: "Ordinary member." },
        { name: "moderator", value: 1, doc: "May remove and silence members." },
        { name: "admin", value: 2, doc: "May also manage groups." },
      ],
    });
    addTrace(c, "security:authorisation", `field:${names.response}.role`, "type:UserRole");
  }
  const telemetry = ctx.interval("telemetry");
  if (ctx.hasPattern("telemetry")) {
    accept.push(u32("report_interval_ms", "How often the peer should report.", { unit: "ms", min: 100, max: 86_400_000 }));
    if (telemetry) addTrace(c, `req:${telemetry.reqId}`, `field:${names.response}.report_interval_ms`);
  }
  accept.push(timestamp("server_time", "The responder's clock, so the peer can correct its own."));
  const welcome = response("responder", names.response, "Accepts the peer and opens the session.", accept);
  c.messages.push(hello, welcome);
  c.errors.push("invalid_request", "unsupported");
  if (mode !== "none") {
    c.errors.push("unauthorized");
    addTrace(c, "security:auth", `message:${names.request}`, `field:${names.request}.${fields[0]?.name ?? ""}`, "security:authentication", "error:unauthorized");
  }

  if (ctx.hasPattern("session")) {
    const window = ctx.a.numbers.reconnectWindow?.ms;
    const resume = request(
      "initiator",
      "Resume",
      `Reopens a session after a disconnection, within ${window ?? 60_000} ms of it; on refusal the peer logs in again.`,
      [
        field("session_id", "string", "The session to resume.", { minLength: 1, maxLength: 64 }),
        field("resume_token", "string", "The token received when the session opened.", { minLength: 16, maxLength: 128 }),
        optional(field("last_seen_seq", "uint64", "Sequence number of the last event received, so missed events can be replayed.")),
      ],
      ["Resumed"],
      { lane: "resume", error: ERROR_REPLY },
    );
    const resumed = response("responder", "Resumed", "The session is open again; missed events follow.", [
      u32("replayed_events", "How many missed events the responder will send now."),
    ]);
    c.messages.push(resume, resumed);
    c.errors.push("session_expired");
    addTrace(c, "pattern:session", "message:Resume", "message:Resumed", "field:Resume.resume_token", "error:session_expired", "timing:retry");
    c.assumptions.push(
      window !== undefined
        ? `A disconnected session stays resumable for ${window} ms; after that the peer must log in again.`
        : "A disconnected session stays resumable for 60 seconds; after that the peer must log in again.",
      "The peer reconnects with exponential backoff (timing.retry) and then sends Resume.",
    );
  }

  c.messages.push(
    response("responder", ERROR_REPLY, "Refuses a request.", [
      field("code", "ErrorCode", "What went wrong."),
      field("detail", "string", "Human-readable explanation.", { maxLength: 256 }),
      optional(u32("retry_after_ms", "When to try again, if worth trying.", { unit: "ms" })),
    ]),
    { ...event("initiator", "Goodbye", "Ends the session cleanly.", [optional(field("reason", "string", "Why the peer leaves.", { maxLength: 128 }))]), lane: "close" },
  );
  addTrace(c, "core:errors", `message:${ERROR_REPLY}`);
  return c;
}

export function buildHeartbeat(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const iv = ctx.interval("heartbeat");
  const ms = iv?.ms ?? 15_000;
  const attrs = ctx.attributesIn(ctx.reqsOf("heartbeat"));
  c.messages.push(
    event(
      "initiator",
      "Heartbeat",
      `Tells the ${ctx.responder.replace(/_/g, " ")} the peer is alive; sent every ${ms} ms.`,
      [u32("seq", "Increments with every heartbeat."), ...attrs.filter((a) => a.field.type !== "timestamp").map((a) => optional(a.field)), optional(u32("uptime_s", "Time since the peer started.", { unit: "s" }))].filter(
        (f, i, all) => all.findIndex((g) => g.name === f.name) === i,
      ),
      { intervalMs: ms },
    ),
  );
  c.types.push(...ctx.enumsFor(attrs));
  addTrace(c, "pattern:heartbeat", "message:Heartbeat", "timing:keepaliveIntervalMs", "timing:idleTimeoutMs");
  if (!iv) c.assumptions.push(`Heartbeats every ${ms} ms; a peer silent for ${ms * 3} ms is considered gone.`);
  return c;
}

export function buildPresence(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  c.types.push({
    kind: "enum",
    name: "PresenceStatus",
    doc: "Whether a peer is reachable.",
    values: [
      { name: "online", value: 0, doc: "Connected and active." },
      { name: "away", value: 1, doc: "Connected but idle." },
      { name: "busy", value: 2, doc: "Connected, does not want to be disturbed." },
      { name: "offline", value: 3, doc: "Not connected." },
    ],
  });
  c.messages.push(
    event("initiator", "SetPresence", "Sets the peer's own presence status.", [field("status", "PresenceStatus", "The new status."), optional(field("status_text", "string", "Free-text status.", { maxLength: 128 }))]),
    event("responder", "PresenceChanged", "Another peer's presence changed.", [ctx.peerField("user", "Whose presence changed."), field("status", "PresenceStatus", "The new status."), timestamp("changed_at", "When it changed.")]),
  );
  addTrace(c, "pattern:presence", "message:PresenceChanged", "message:SetPresence", "type:PresenceStatus");
  if (ctx.has("typing")) {
    const group = ctx.hasPattern("rooms") ? [ctx.nameField(ctx.a.nouns.group, `The ${ctx.a.nouns.group} being typed in.`)] : [];
    c.messages.push(
      event("initiator", "Typing", "The peer started or stopped typing.", [...group, field("typing", "bool", "True while typing.")]),
      event("responder", "TypingIndicator", "Another peer started or stopped typing.", [...group, ctx.peerField("user", "Who is typing."), field("typing", "bool", "True while typing.")]),
    );
    addTrace(c, "feature:typing", "message:Typing", "message:TypingIndicator");
    c.assumptions.push("Typing indicators are best-effort notifications: not acknowledged, not stored.");
  }
  return c;
}
