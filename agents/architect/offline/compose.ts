// Composition: the contributions of every detected pattern merged into one
// spec input: messages de-duplicated and numbered, types and errors
// collected, machines derived, timing, security and performance filled from
// the numbers, requirements traced to what meets them.
import type { SpecInput } from "../../../src/spec/schema.js";
import { elementType, parseTypeExpr } from "../../../src/spec/type-expr.js";
import type { Analysis } from "./analyse.js";
import { buildCore } from "./build/core.js";
import { BuildContext } from "./build/context.js";
import { BUILD_ORDER, PATTERN_BUILDERS } from "./build/index.js";
import { buildInteractions } from "./build/interactions.js";
import { buildMessaging } from "./build/messaging.js";
import { buildOperations } from "./build/operations.js";
import type { Contribution, FieldDraft, MessageDraft, TypeDraft } from "./draft.js";
import { DesignError } from "./errors.js";
import { buildMachines } from "./machines.js";
import { hasAny } from "./text/tokens.js";
import { ERROR_KEYS, ERROR_TABLE, type ErrorKey } from "./vocabulary/errors.js";
import { PATTERNS } from "./vocabulary/patterns.js";
import { DEFAULT_RATE_LIMIT } from "./vocabulary/security.js";
import { TRANSPORT_DEFAULTS } from "./vocabulary/transport.js";
import { pascal } from "./text/naming.js";

const COMMUNICATION_CUES = ["send", "receive", "exchange", "transmit", "deliver", "forward", "relay", "notify", "message", "request", "respond", "reply", "report", "connect"];

export function composeSpec(a: Analysis): { input: SpecInput; assumptions: string[] } {
  const ctx = new BuildContext(a);
  const contributions: Contribution[] = [buildCore(ctx)];
  for (const id of BUILD_ORDER) {
    const builder = PATTERN_BUILDERS[id];
    if (builder && a.patterns.has(id)) contributions.push(builder(ctx));
  }
  const fromPatterns = new Set(contributions.flatMap((c) => c.messages.map((m) => m.name)));
  const said = buildInteractions(ctx, a.interactions.messages, fromPatterns);
  if (said.messages.length > 0) {
    const referenced = new Set(said.messages.flatMap((m) => m.fields.map((f) => f.type)));
    said.types.push(...a.interactions.types.filter((t) => referenced.has(t.name) && !fromPatterns.has(t.name)));
    contributions.push(said);
  }
  const taken = new Set(contributions.flatMap((c) => c.messages.map((m) => m.name)));
  const ops = a.operations.filter((op) => !taken.has(`${op.verb.verb}${pascal(...op.entity)}`));
  if (ops.length > 0) contributions.push(buildOperations(ctx, ops, taken));
  if (a.patterns.size === 0 && ops.length === 0 && said.messages.length === 0) {
    if (!hasAny(a.allTokens, COMMUNICATION_CUES)) {
      throw new DesignError(
        "no-protocol",
        "the description names no protocol: no messages, operations or communication pattern were found. Describe who talks to whom and what they exchange, for example \"sensors report temperature every 30 seconds to a collector, which acknowledges each report\".",
      );
    }
    contributions.push(buildMessaging(ctx));
  }

  const messages = mergeMessages(contributions.flatMap((c) => c.messages));
  const types = mergeTypes(contributions.flatMap((c) => c.types), new Set(messages.map((m) => m.name)));
  const errorKeys = ERROR_KEYS.filter((k) => contributions.some((c) => c.errors.includes(k)));
  if (a.security.rateLimitReqs.length > 0 || a.numbers.rateLimit) errorKeys.splice(0, errorKeys.length, ...ERROR_KEYS.filter((k) => k === "rate_limited" || errorKeys.includes(k)));
  if (a.security.authorisationReqs.length > 0 && !errorKeys.includes("forbidden")) errorKeys.splice(0, errorKeys.length, ...ERROR_KEYS.filter((k) => k === "forbidden" || errorKeys.includes(k)));
  const errors = errorKeys.map((name: ErrorKey, i) => ({ name, code: i + 1, doc: ERROR_TABLE[name] }));

  const transport = TRANSPORT_DEFAULTS[a.transport];
  const assumptions: string[] = [];
  if (a.transportSource === "default") assumptions.push("The description names no transport; TCP is assumed.");
  assumptions.push(transport.note);
  for (const m of messages) {
    if (m.reliable === true) continue;
    const periodic = m.intervalMs !== undefined || /Frame$|^Heartbeat$|^StateUpdate$|^Typing/.test(m.name);
    if (transport.reliableRequests && !periodic && m.lane !== "discover") m.reliable = true;
  }

  // Timing from the numbers.
  const n = a.numbers;
  const heartbeat = messages.find((m) => m.name === "Heartbeat")?.intervalMs;
  const keepalive = heartbeat ?? 15_000;
  const idle = Math.max(n.expiry?.ms ?? 0, keepalive * 3, a.patterns.has("heartbeat") ? 0 : 60_000);
  const commands = a.patterns.has("command");
  const retryAttempts = n.retries?.attempts ?? (commands ? 5 : 3);
  const requestTimeout = n.timeout?.ms ?? (n.latency ? Math.min(5000, Math.max(1000, n.latency.ms * 10)) : 5000);
  const timing: SpecInput["timing"] = {
    connectTimeoutMs: 5000,
    requestTimeoutMs: requestTimeout,
    keepaliveIntervalMs: keepalive,
    idleTimeoutMs: idle > keepalive ? idle : keepalive * 3,
    retry: { maxAttempts: retryAttempts, initialBackoffMs: 200, maxBackoffMs: commands ? 10_000 : 5000, multiplier: 2 },
  };
  if (n.timeout === undefined) assumptions.push(`Requests time out after ${requestTimeout} ms${n.latency ? ` (ten times the ${n.latency.ms} ms latency target, at least 1 s)` : ""} and are retried up to ${retryAttempts} times with exponential backoff.`);

  // Security.
  const auth = ctx.a.security;
  const handshake = messages.find((m) => m.lane === "handshake");
  const rate = n.rateLimit?.perSecond;
  const rateLimited = auth.rateLimitReqs.length > 0 || rate !== undefined;
  const largest = Math.max(0, ...messages.flatMap((m) => m.fields.map((f) => (f.maxLength ?? 0) * (f.maxItems ?? 1))));
  const frameSize = n.sizes.find((s) => s.subject === "frame")?.bytes;
  const maxFrameBytes = Math.min(16 * 1024 * 1024, Math.max(64, frameSize ?? nextPow2(Math.max(transport.maxFrameBytes, largest + 512))));
  const security: SpecInput["security"] = {
    authentication: auth.mode === "none" || handshake === undefined ? { mode: "none" } : { mode: auth.mode, message: handshake.name },
    ...(rateLimited ? { rateLimit: { messagesPerSecond: rate ?? DEFAULT_RATE_LIMIT.messagesPerSecond, burst: Math.max(1, Math.ceil((rate ?? DEFAULT_RATE_LIMIT.messagesPerSecond) * 2)) } } : {}),
    maxFrameBytes,
    inputValidation: true,
  };
  if (auth.modeSource === "implied") assumptions.push(`Authentication is asked for without a scheme; ${auth.mode === "api_key" ? "each device presents an API key issued to it" : "peers present an access token (for example a JWT) issued out of band"}.`);
  if (auth.mode !== "none") assumptions.push(`Credentials travel only inside an encrypted transport (TLS${a.transport === "udp" ? "/DTLS" : ""}), which is outside this spec.`);
  else if (auth.tlsReqs.length > 0) assumptions.push("Encryption is provided by the transport (TLS), which is outside this spec.");
  if (rateLimited && rate === undefined) assumptions.push(`Rate limit of ${DEFAULT_RATE_LIMIT.messagesPerSecond} messages per second per peer, bursts of ${DEFAULT_RATE_LIMIT.messagesPerSecond * 2}; beyond it requests get rate_limited with retry_after_ms.`);
  if (largest + 512 > transport.maxFrameBytes && a.transport === "udp") assumptions.push(`Some messages can exceed one datagram (${maxFrameBytes} bytes); keep them small or rely on IP fragmentation.`);

  const performance: SpecInput["performance"] = {
    ...(n.latency ? { maxLatencyMs: n.latency.ms } : {}),
    ...(n.throughput ? { throughputPerSecond: n.throughput.perSecond } : {}),
    ...(n.maxConnections ? { maxConnections: n.maxConnections.count } : {}),
  };

  // Traces: feature key → requirement ids → refs.
  const keyReqs = (key: string): readonly string[] => {
    const [kind = "", id = ""] = key.split(":");
    switch (kind) {
      case "req":
        return [id];
      case "pattern":
        return a.patterns.get(id as never) ?? [];
      case "feature":
        return a.features.get(id as never) ?? [];
      case "security":
        return id === "auth" ? auth.authReqs : id === "authorisation" ? auth.authorisationReqs : [];
      default:
        return [];
    }
  };
  const traces = new Map<string, string[]>();
  const addRefs = (reqId: string, refs: readonly string[]) => {
    const list = traces.get(reqId) ?? [];
    for (const r of refs) if (!list.includes(r)) list.push(r);
    traces.set(reqId, list);
  };
  for (const c of contributions) for (const [key, refs] of Object.entries(c.traces)) for (const reqId of keyReqs(key)) addRefs(reqId, refs);
  if (n.latency) addRefs(n.latency.reqId, ["performance:maxLatencyMs", "timing:requestTimeoutMs"]);
  if (n.throughput) addRefs(n.throughput.reqId, ["performance:throughputPerSecond"]);
  if (n.maxConnections) addRefs(n.maxConnections.reqId, ["performance:maxConnections"]);
  if (n.timeout) addRefs(n.timeout.reqId, ["timing:requestTimeoutMs"]);
  if (n.retries) addRefs(n.retries.reqId, ["timing:retry"]);
  if (n.expiry) addRefs(n.expiry.reqId, ["timing:idleTimeoutMs"]);
  if (n.rateLimit) addRefs(n.rateLimit.reqId, ["security:rateLimit"]);
  for (const id of auth.rateLimitReqs) addRefs(id, ["security:rateLimit", "error:rate_limited"]);
  for (const id of auth.validationReqs) addRefs(id, ["security:inputValidation", ...(errorKeys.includes("invalid_request") ? ["error:invalid_request"] : [])]);
  for (const id of auth.authorisationReqs) if (errorKeys.includes("forbidden")) addRefs(id, ["error:forbidden"]);
  for (const r of a.requirements) {
    if ((traces.get(r.id) ?? []).length > 0) continue;
    if (r.category === "reliability") addRefs(r.id, ["timing:retry", "timing:requestTimeoutMs", ...(a.patterns.has("session") ? ["message:Resume"] : [])]);
    else if (r.category === "performance") addRefs(r.id, [...Object.keys(performance).map((k) => `performance:${k}`), "security:maxFrameBytes"].slice(0, 2));
    else if (r.category === "security") addRefs(r.id, ["security:inputValidation"]);
  }
  const resolves = traceResolver(messages, types, errors.map((e) => e.name), { timing, security, performance });
  const requirements: SpecInput["requirements"] = a.requirements.map((r) => ({ id: r.id, text: r.text, category: r.category, priority: r.priority, tracedTo: (traces.get(r.id) ?? []).filter(resolves) }));

  for (const c of contributions) assumptions.push(...c.assumptions);
  if (a.roles.assumed) assumptions.push(`The roles are named ${a.roles.initiator.name} (opens the connection) and ${a.roles.responder.name} (accepts it).`);

  const spec: SpecInput = {
    protocol: { name: protocolName(a), version: "1.0.0", description: shortDescription(a.description) },
    roles: { initiator: { name: a.roles.initiator.name, doc: a.roles.initiator.doc }, responder: { name: a.roles.responder.name, doc: a.roles.responder.doc } },
    types: types.map(toTypeInput),
    messages: messages.map((m, i) => toMessageInput(m, i + 1, a)),
    machines: buildMachines(messages),
    errors,
    timing,
    security,
    performance,
    requirements,
    assumptions: dedupe(assumptions),
  };
  return { input: spec, assumptions: dedupe(assumptions) };
}

/** Whether a trace reference names something the composed spec has; a
 *  builder may trace a field that de-duplication or a variant left out. */
function traceResolver(messages: readonly MessageDraft[], types: readonly TypeDraft[], errors: readonly string[], sections: Record<"timing" | "security" | "performance", object>) {
  const fields = new Set<string>();
  for (const m of messages) for (const f of m.fields) fields.add(`${m.name}.${f.name}`);
  for (const t of types) if (t.kind === "struct") for (const f of t.fields) fields.add(`${t.name}.${f.name}`);
  const names = new Set(messages.map((m) => m.name));
  const typeNames = new Set([...types.map((t) => t.name), ...(errors.length > 0 ? ["ErrorCode"] : [])]);
  return (ref: string): boolean => {
    const colon = ref.indexOf(":");
    const kind = ref.slice(0, colon);
    const target = ref.slice(colon + 1);
    switch (kind) {
      case "message":
        return names.has(target);
      case "field":
        return fields.has(target);
      case "type":
        return typeNames.has(target);
      case "error":
        return errors.includes(target);
      case "timing":
      case "security":
      case "performance":
        return target in sections[kind];
      default:
        return false;
    }
  };
}

function nextPow2(n: number): number {
  let p = 64;
  while (p < n) p *= 2;
  return p;
}

function dedupe(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function dedupeFields(fields: readonly FieldDraft[]): FieldDraft[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.name) && seen.add(f.name) !== undefined);
}

function mergeMessages(all: readonly MessageDraft[]): MessageDraft[] {
  const byName = new Map<string, MessageDraft>();
  for (const m of all) {
    const prev = byName.get(m.name);
    if (prev) prev.fields = dedupeFields([...prev.fields, ...m.fields]);
    else byName.set(m.name, { ...m, fields: dedupeFields(m.fields), responses: [...m.responses] });
  }
  // Core first (handshake, resume), then the rest in contribution order, then the error reply and goodbye.
  const list = [...byName.values()];
  const rank = (m: MessageDraft) => (m.lane === "handshake" ? 0 : m.lane === "resume" ? 1 : m.lane === "discover" ? 2 : m.lane === "close" ? 5 : m.name === "ErrorReply" ? 4 : 3);
  return list.map((m, i) => ({ m, i })).sort((x, y) => rank(x.m) - rank(y.m) || x.i - y.i).map((x) => x.m);
}

function mergeTypes(all: readonly TypeDraft[], messageNames: ReadonlySet<string>): TypeDraft[] {
  const byName = new Map<string, TypeDraft>();
  for (const t of all) {
    if (messageNames.has(t.name)) throw new DesignError("internal-invalid-spec", `type ${t.name} clashes with a message name`);
    const prev = byName.get(t.name);
    if (prev?.kind === "struct" && t.kind === "struct") prev.fields = dedupeFields([...prev.fields, ...t.fields]);
    else if (!prev) byName.set(t.name, t.kind === "struct" ? { ...t, fields: dedupeFields(t.fields) } : t);
  }
  return [...byName.values()];
}

function toTypeInput(t: TypeDraft): SpecInput["types"][number] {
  return t.kind === "enum" ? { kind: "enum", name: t.name, doc: t.doc, values: t.values } : { kind: "struct", name: t.name, doc: t.doc, fields: t.fields.map(toFieldInput) };
}

function toFieldInput(f: FieldDraft): SpecInput["messages"][number]["fields"][number] {
  return { ...fitConstraints(f), optional: f.optional === true };
}

/** Drops constraints that do not apply to the field's final type: several
 *  rules refine one field (a unit makes a text field a number), and the last
 *  type decides which constraints it may carry. */
export function fitConstraints(f: FieldDraft): FieldDraft {
  const parsed = parseTypeExpr(f.type);
  if (!parsed.ok) return f;
  const el = elementType(parsed.type);
  const numeric = el.kind === "int" || el.kind === "float" || el.kind === "timestamp";
  const text = el.kind === "string" || el.kind === "bytes";
  const { min, max, minLength, maxLength, pattern, minItems, maxItems, unit, ...rest } = f;
  return {
    ...rest,
    ...(numeric && min !== undefined ? { min } : {}),
    ...(numeric && max !== undefined ? { max } : {}),
    ...(text && minLength !== undefined ? { minLength } : {}),
    ...(text && maxLength !== undefined ? { maxLength } : {}),
    ...(el.kind === "string" && pattern !== undefined ? { pattern } : {}),
    ...(parsed.type.kind === "list" && minItems !== undefined ? { minItems } : {}),
    ...(parsed.type.kind === "list" && maxItems !== undefined ? { maxItems } : {}),
    ...((el.kind === "int" || el.kind === "float") && unit !== undefined ? { unit } : {}),
  };
}

function toMessageInput(m: MessageDraft, id: number, a: Analysis): SpecInput["messages"][number] {
  const from = m.from === "initiator" ? a.roles.initiator.name : a.roles.responder.name;
  return {
    name: m.name,
    id,
    from,
    kind: m.kind,
    responses: m.responses,
    ...(m.error !== undefined ? { error: m.error } : {}),
    reliable: m.reliable === true,
    ...(m.intervalMs !== undefined ? { intervalMs: m.intervalMs } : {}),
    doc: m.doc,
    fields: m.fields.map(toFieldInput),
  };
}

function protocolName(a: Analysis): string {
  const primary = [...a.patterns.keys()].find((p) => p !== "heartbeat" && p !== "session" && p !== "presence") ?? [...a.patterns.keys()][0];
  const label = primary ? PATTERNS[primary].label : "rpc";
  const domain = a.domain ?? a.roles.initiator.name.replace(/_/g, "-");
  const name = domain === label || label.startsWith(domain) ? label : `${domain}-${label}`;
  return name.replace(/[^a-z0-9_-]/g, "-").replace(/^[^a-z]+/, "") || "protocol";
}

function shortDescription(text: string): string {
  if (text.length <= 400) return text;
  const cut = text.slice(0, 400);
  const end = cut.lastIndexOf(". ");
  return end > 100 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
