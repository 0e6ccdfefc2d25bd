// Reading a request as a protocol designer would: requirements, patterns,
// roles, attributes, operations, numbers and security, gathered into one
// Analysis that the builders work from. Pure.
import type { DesignRequest, Transport } from "../request.js";
import { attributesIn, listedAttributes, phraseAttributes, type AttributeHit } from "./detect/fields.js";
import { detectNumbers, type NumberFacts } from "./detect/numbers.js";
import { operationsIn, type Operation } from "./detect/operations.js";
import { detectInteractions, type InteractionFacts } from "./detect/interactions.js";
import { detectPatterns } from "./detect/patterns.js";
import { extractRequirements, type RequirementDraft, type SourceSentence } from "./detect/requirements.js";
import { detectRoles, type RoleFacts } from "./detect/roles.js";
import { detectSecurity, type SecurityFacts } from "./detect/security.js";
import { humanise, normaliseText, splitSentences } from "./text/normalise.js";
import { firstIndexOf, hasAny, tokenise, type Token } from "./text/tokens.js";
import { CENTRAL_NOUNS, SEND_VERBS } from "./vocabulary/communication.js";

const IDENTITY_ATTRIBUTES = new Set(["display_name", "nickname", "email", "phone", "title", "description", "url", "priority", "tags", "symbol", "side", "quantity", "price", "amount", "currency", "account_id", "due_at", "rating", "barcode", "license_plate"]);
import { COMMAND_ACTIONS } from "./vocabulary/commands.js";
import { CONTENT_NOUNS, DOMAIN_WORDS, FILE_NOUNS, GROUP_NOUNS, LOCK_NOUNS, PUSH_NOUNS, TOPIC_NOUNS } from "./vocabulary/nouns.js";
import type { FeatureId, PatternId } from "./vocabulary/patterns.js";

export interface Nouns {
  readonly group: string;
  readonly content: string;
  readonly topic: string;
  readonly push: string;
  readonly file: string;
  readonly lock: string;
}

export interface Analysis {
  readonly description: string;
  readonly transport: Transport;
  readonly transportSource: "request" | "text" | "default";
  readonly requirements: readonly RequirementDraft[];
  readonly patterns: ReadonlyMap<PatternId, string[]>;
  readonly features: ReadonlyMap<FeatureId, string[]>;
  readonly roles: RoleFacts;
  readonly attributes: readonly AttributeHit[];
  readonly numbers: NumberFacts;
  readonly security: SecurityFacts;
  readonly operations: readonly Operation[];
  /** Messages read from who sends what to whom. */
  readonly interactions: InteractionFacts;
  readonly nouns: Nouns;
  /** True when the responder sends the commands (a hub commanding devices). */
  readonly commandsFromResponder: boolean;
  readonly commandActions: readonly string[];
  /** True when transfers go from the initiator to the responder (uploads). */
  readonly uploads: boolean;
  readonly downloads: boolean;
  readonly domain: string | undefined;
  /** All tokens of all requirements, for whole-description questions. */
  readonly allTokens: readonly Token[];
}

export function requestSentences(request: DesignRequest): SourceSentence[] {
  const out: SourceSentence[] = splitSentences(normaliseText(request.description)).map((text) => ({ text, source: "description" }));
  const perf = request.performance_requirements;
  if (perf?.max_latency_ms !== undefined) out.push({ text: `Responses arrive within ${perf.max_latency_ms} ms.`, source: "performance" });
  if (perf?.max_concurrent_users !== undefined) out.push({ text: `Up to ${perf.max_concurrent_users} concurrent users.`, source: "performance" });
  if (perf?.message_throughput !== undefined) {
    const t = perf.message_throughput;
    out.push({ text: typeof t === "number" ? `Throughput of ${t} messages per second.` : `Throughput of ${humanise(t).replace(/\bmsgs?\b/, "messages")}.`, source: "performance" });
  }
  for (const s of request.security_requirements ?? []) out.push({ text: capitalised(humanise(s)), source: "security" });
  for (const f of request.additional_features ?? []) out.push({ text: capitalised(humanise(f)), source: "feature" });
  return out;
}

const capitalised = (s: string) => (s[0]?.toUpperCase() ?? "") + s.slice(1);

function firstNoun(tokens: readonly Token[], nouns: readonly string[], fallback: string): string {
  let best: { noun: string; at: number } | undefined;
  for (const noun of nouns) {
    const at = firstIndexOf(tokens, [noun]);
    if (at >= 0 && (best === undefined || at < best.at)) best = { noun, at };
  }
  return best?.noun ?? fallback;
}

const DEVICE_ROLES = new Set(["sensor", "device", "vehicle", "camera", "robot", "meter", "thermostat", "printer", "terminal", "agent", "node", "worker"]);

export function analyse(request: DesignRequest, transportOverride?: Transport): Analysis {
  const description = normaliseText(request.description).replace(/\s+/g, " ").trim();
  const requirements = extractRequirements(requestSentences(request));
  const allTokens = requirements.flatMap((r) => r.tokens);
  const { patterns, features } = detectPatterns(requirements);
  const roles = detectRoles(requirements);
  const attributes: AttributeHit[] = [];
  for (const r of requirements) {
    const hits = attributesIn(r);
    const listed = [...hits, ...listedAttributes(r, new Set(hits.map((h) => h.field.name)))];
    const phrased = phraseAttributes(r, roles.initiator.name, new Set(listed.map((h) => h.field.name)));
    // "a duration in minutes" said in the phrase wins over the vocabulary's `duration_ms`.
    const base = (name: string) => name.replace(/_(ms|s|min|h|days)$/, "");
    attributes.push(...listed.filter((h) => !phrased.some((p) => p.field.name !== h.field.name && base(p.field.name) === base(h.field.name))), ...phrased);
    // "Balloons transmit altitude and pressure …": measured values sent make a report.
    if (![...patterns.values()].some((ids) => ids.includes(r.id)) && hasAny(r.tokens, SEND_VERBS) && hits.some((h) => !h.field.type.startsWith("list") && !IDENTITY_ATTRIBUTES.has(h.field.name))) {
      patterns.set("telemetry", [...(patterns.get("telemetry") ?? []), r.id]);
    }
  }
  const sideOf = (head: string | undefined) => roleSide(head, roles);
  const operations = requirements.flatMap((r) => (patterns.get("command")?.includes(r.id) === true ? [] : operationsIn(r, sideOf)));
  const transportFromText = /\budp\b|\bdatagrams?\b/i.test(description) ? "udp" : /\bhttps?\b|\brest(ful)?\b/i.test(description) ? "http" : /\btcp\b|\bwebsockets?\b/i.test(description) ? "tcp" : undefined;
  const transport: Transport = transportOverride ?? request.network_protocol ?? transportFromText ?? "tcp";
  const transportSource = transportOverride !== undefined || request.network_protocol !== undefined ? "request" : transportFromText !== undefined ? "text" : "default";

  const commandReqs = requirements.filter((r) => patterns.get("command")?.includes(r.id));
  const commandsFromResponder = commandReqs.some((r) => responderCommands(r.tokens, roles));
  const commandActions = COMMAND_ACTIONS.filter((a) => commandReqs.some((r) => hasAny(r.tokens, a.cues))).map((a) => a.name);
  const transferReqs = requirements.filter((r) => patterns.get("transfer")?.includes(r.id));
  const uploads = transferReqs.some((r) => hasAny(r.tokens, ["upload", "backup", "send", "share", "submit", "push"]));
  const downloads = transferReqs.some((r) => hasAny(r.tokens, ["download", "fetch", "firmware", "ota", "retrieve", "get", "pull"])) || !uploads;
  const domain = DOMAIN_WORDS.find((d) => hasAny(allTokens, d.cues))?.name;

  return {
    description,
    transport,
    transportSource,
    requirements,
    patterns,
    features,
    roles,
    attributes,
    numbers: detectNumbers(requirements, new Set(patterns.get("telemetry") ?? [])),
    security: detectSecurity(requirements, DEVICE_ROLES.has(roles.initiator.name)),
    operations,
    interactions: detectInteractions(requirements, roles, new Set(patterns.get("telemetry") ?? [])),
    nouns: {
      group: joinedGroup(requirements) ?? firstNoun(allTokens, GROUP_NOUNS, "room").replace("chatroom", "room"),
      content: firstNoun(allTokens, CONTENT_NOUNS, "message").replace("chat", "message"),
      topic: firstNoun(allTokens, TOPIC_NOUNS, "topic"),
      push: PUSH_NOUNS.find((n) => firstIndexOf(allTokens, [n]) >= 0) ?? "notification",
      file: firstNoun(allTokens, FILE_NOUNS, "file"),
      lock: firstNoun(allTokens, LOCK_NOUNS, "lock"),
    },
    commandsFromResponder,
    commandActions,
    uploads,
    downloads,
    domain,
    allTokens,
  };
}

/** The role a subject noun names, when it names one. */
function roleSide(head: string | undefined, roles: RoleFacts): "initiator" | "responder" | undefined {
  if (head === undefined || head === "") return undefined;
  const t = tokenise(head);
  if (hasAny(t, roles.responder.cues) || (CENTRAL_NOUNS as readonly string[]).includes(head)) return "responder";
  if (hasAny(t, roles.initiator.cues)) return "initiator";
  return undefined;
}

/** The group noun right after "join" ("join a match lobby" → lobby: the
 *  head of the compound), when the description has one; otherwise the head
 *  of whatever is joined ("join a quiz session" → session). */
function joinedGroup(reqs: readonly RequirementDraft[]): string | undefined {
  const groups = new Set<string>(GROUP_NOUNS);
  let anyHead: string | undefined;
  for (const r of reqs) {
    for (const at of firstIndexOf(r.tokens, ["join"]) >= 0 ? [firstIndexOf(r.tokens, ["join"])] : []) {
      let i = at + 1;
      while (i < r.tokens.length && /^(a|an|the|their|its|one|live|voice|chat|public|private|new|multiple|named|game|trivia|auction)$/.test(r.tokens[i]?.word ?? "") && !groups.has(r.tokens[i]?.word ?? "")) i++;
      let head: string | undefined;
      let last: string | undefined;
      for (let k = i; k < r.tokens.length && k < i + 3; k++) {
        const w = r.tokens[k]?.word ?? "";
        if (/^(with|to|by|and|or|of|for|in|on|at|as|from|using|via|then|when|every|each)$/.test(w) || r.tokens[k]?.numeric === true) break;
        last = w.replace(/(ies)$/, "y").replace(/(?<!s)s$/, "");
      }
      while (i < r.tokens.length) {
        const w = r.tokens[i]?.word ?? "";
        const base = w.replace(/(ies)$/, "y").replace(/(?<!s)s$/, "");
        if (!groups.has(base) && !groups.has(w)) break;
        head = groups.has(base) ? base : w;
        i++;
      }
      if (head !== undefined) return head === "chatroom" ? "room" : head;
      anyHead ??= last;
    }
  }
  return anyHead !== undefined && /^[a-z]{3,}$/.test(anyHead) ? anyHead : undefined;
}

/** "The hub sends commands to devices", "devices receive commands from the
 *  server": the responder is the one that commands. */
function responderCommands(tokens: readonly Token[], roles: RoleFacts): boolean {
  const cmd = firstIndexOf(tokens, ["command", "instruct*", "actuat*", "turn", "control"]);
  if (cmd < 0) return false;
  const resp = firstIndexOf(tokens, roles.responder.cues);
  const init = firstIndexOf(tokens, roles.initiator.cues);
  if (resp >= 0 && resp < cmd && (init < 0 || resp < init)) return true;
  const after = tokens.slice(cmd);
  const fromAt = firstIndexOf(after, ["from"]);
  if (fromAt >= 0 && firstIndexOf(after.slice(fromAt + 1, fromAt + 4), roles.responder.cues) >= 0) return true;
  return init >= 0 && init < cmd && hasAny(tokens.slice(init, cmd + 1), ["receive", "accept", "execute", "obey"]);
}
