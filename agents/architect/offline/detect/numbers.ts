// Timing, performance and size facts read from numbers: "every 30 seconds",
// "within 100 ms", "100 concurrent users per room", "1000 messages/second",
// "up to 4 KiB", "retry up to 5 times", "leases of 30 seconds".
import type { RequirementDraft } from "./requirements.js";
import { patternsIn } from "./patterns.js";
import { findCharRange, findQuantities, type Quantity } from "../text/quantities.js";
import { hasAny } from "../text/tokens.js";
import type { PatternId } from "../vocabulary/patterns.js";
import { RATE_LIMIT_CUES } from "../vocabulary/security.js";
import { GROUP_NOUNS } from "../vocabulary/nouns.js";

export interface Interval {
  readonly ms: number;
  readonly reqId: string;
  /** The periodic pattern the sentence is about, when there is one. */
  readonly subject: PatternId | "state" | undefined;
}

/** A limit on the size of something, by the noun it was said of. */
export interface SizeLimit {
  readonly subject: string;
  readonly bytes?: number;
  readonly minChars?: number;
  readonly maxChars?: number;
  readonly reqId: string;
}

export interface NumberFacts {
  readonly intervals: Interval[];
  latency?: { ms: number; reqId: string };
  timeout?: { ms: number; reqId: string };
  lease?: { ms: number; reqId: string };
  expiry?: { ms: number; reqId: string };
  reconnectWindow?: { ms: number; reqId: string };
  retries?: { attempts: number; reqId: string };
  maxConnections?: { count: number; reqId: string };
  groupCapacity?: { count: number; reqId: string };
  historyLimit?: { count: number; reqId: string };
  throughput?: { perSecond: number; reqId: string };
  rateLimit?: { perSecond: number; reqId: string };
  readonly sizes: SizeLimit[];
}

const PERIODIC: readonly PatternId[] = ["telemetry", "heartbeat", "discovery", "presence", "stream"];

/** Nouns a size or length can be said of, mapped to a subject key. */
const SIZE_SUBJECTS: readonly [RegExp, string][] = [
  [/\b(user ?names?|logins?|handles?|nicknames?)\b/, "username"],
  [/\b(passwords?)\b/, "password"],
  [/\b(chunks?|blocks?|pieces?|segments?)\b/, "chunk"],
  [/\b(files?|firmware|images?|uploads?|attachments?|backups?|photos?|videos?|blobs?|objects?)\b/, "file"],
  [/\b(frames?|packets?|datagrams?)\b/, "frame"],
  [/\b(values?|payloads?|bodies|body|records?)\b/, "payload"],
  [/\b(room names?|channel names?|topic names?|names?|titles?|keys?|topics?)\b/, "name"],
  [/\b(messages?|texts?|posts?|comments?|content|chat)\b/, "text"],
];

function subjectOf(q: Quantity): string | undefined {
  const after = q.after.replace(/^(per|each|for|of|a|an|the|in)\s+/, "");
  for (const [re, key] of SIZE_SUBJECTS) if (new RegExp(`^(?:[a-z]+\\s+)?${re.source}`).test(after)) return key;
  const before = q.before.split(/\s+/).slice(-6).join(" ");
  let best: { key: string; at: number } | undefined;
  for (const [re, key] of SIZE_SUBJECTS) {
    for (const m of before.matchAll(new RegExp(re.source, "g"))) if (best === undefined || m.index > best.at || (m.index === best.at && key.length > best.key.length)) best = { key, at: m.index };
  }
  return best?.key;
}

const has = (s: string, re: RegExp) => re.test(s);

/** `telemetryReqs`: requirements read as reports though no cue of the
 *  pattern occurs in them ("balloons transmit altitude …"). */
export function detectNumbers(reqs: readonly RequirementDraft[], telemetryReqs: ReadonlySet<string> = new Set()): NumberFacts {
  const facts: NumberFacts = { intervals: [], sizes: [] };
  for (const r of reqs) {
    const lower = r.text.toLowerCase();
    const patterns = patternsIn(r.tokens);
    const subject: Interval["subject"] = /\b(game|world|board) state\b|\bstate updates?\b|\bsnapshots?\b|\bticks?\b/.test(lower)
      ? "state"
      : (PERIODIC.find((p) => patterns.includes(p)) ?? (telemetryReqs.has(r.id) ? "telemetry" : undefined));
    const rateLimited = hasAny(r.tokens, RATE_LIMIT_CUES);
    const charRange = findCharRange(r.text);
    for (const q of findQuantities(r.text)) {
      const b = q.before;
      switch (q.kind) {
        case "duration":
          if (has(b, /\b(every|each|once|interval|periodically|at least once)\b(?!.*\b(within|after)\b)/) || /\bevery\b/.test(lower.slice(Math.max(0, q.at - 8), q.at + 1))) {
            facts.intervals.push({ ms: q.value, reqId: r.id, subject });
          } else if (has(lower, /\b(lease|lock)s?\b/) && has(lower, /\b(expire|ttl|lease|last|hold|held|valid|timeout)\w*/)) {
            facts.lease ??= { ms: q.value, reqId: r.id };
          } else if (has(b, /\b(reconnect|resume)\w*\b.*$/) || (has(lower, /\b(reconnect|resum)\w*/) && has(b, /\bwithin\b|\bfor\b|\bup to\b/))) {
            facts.reconnectWindow ??= { ms: q.value, reqId: r.id };
          } else if (has(b, /\b(timeout|time out|times out|timed out)\b/) || (has(lower, /\btime ?outs?\b|\btimes? out\b/) && has(b, /\b(after|of)\b/))) {
            facts.timeout ??= { ms: q.value, reqId: r.id };
          } else if (has(lower, /\b(expire|expiry|ttl|time to live|idle)\w*/)) {
            facts.expiry ??= { ms: q.value, reqId: r.id };
          } else if (has(b, /\b(within|under|below|less than|at most|no more than|in)\b/) || has(lower, /\blatency\b/)) {
            facts.latency ??= { ms: q.value, reqId: r.id };
          } else if (subject !== undefined && has(lower, /\bevery\b/)) {
            facts.intervals.push({ ms: q.value, reqId: r.id, subject });
          }
          break;
        case "rate":
          if (rateLimited) facts.rateLimit ??= { perSecond: q.value, reqId: r.id };
          else if ((q.noun === "updates" || q.noun === "frames" || q.noun === "ticks" || q.noun === "snapshots" || q.noun === "times") && subject !== undefined) {
            facts.intervals.push({ ms: Math.max(1, Math.round(1000 / q.value)), reqId: r.id, subject });
          } else facts.throughput = { perSecond: Math.max(facts.throughput?.perSecond ?? 0, q.value), reqId: facts.throughput?.reqId ?? r.id };
          break;
        case "count": {
          const noun = q.noun ?? "";
          const groupWords = GROUP_NOUNS.join("|");
          const perGroup =
            new RegExp(`^(?:per|in each|in a|in one|for each|each)\\s+(?:\\w+\\s+)?(?:${groupWords})`).test(q.after) ||
            new RegExp(`\\b(?:${groupWords})(?:e?s)?\\b(?:\\s+\\w+){0,3}$`).test(q.before.split(/\s+/).slice(-5).join(" "));
          if (/^(attempts|retries|times)$/.test(noun)) {
            if (has(lower, /\bretr(y|ies|ied)\b|\bresend|\bretransmit/)) facts.retries ??= { attempts: Math.min(100, Math.max(1, q.value)), reqId: r.id };
          } else if (/^(messages|entries|items|readings)$/.test(noun) && has(lower, /\b(last|history|recent|previous|past|keep|stores?)\b/)) {
            facts.historyLimit ??= { count: q.value, reqId: r.id };
          } else if (/^(users|clients|connections|players|devices|sensors|participants|members|nodes|subscribers|peers|cameras|vehicles|workers|sessions|spectators|viewers)$/.test(noun)) {
            if (perGroup) facts.groupCapacity ??= { count: q.value, reqId: r.id };
            else facts.maxConnections = { count: Math.max(facts.maxConnections?.count ?? 0, q.value), reqId: facts.maxConnections?.reqId ?? r.id };
          }
          break;
        }
        case "size": {
          const subjectKey = subjectOf(q) ?? "payload";
          facts.sizes.push({ subject: subjectKey, bytes: q.value, reqId: r.id });
          break;
        }
        case "chars": {
          const subjectKey = subjectOf(q) ?? "text";
          if (charRange !== undefined && Math.abs(charRange.at - q.at) < 24) facts.sizes.push({ subject: subjectKey, minChars: charRange.min, maxChars: charRange.max, reqId: r.id });
          else facts.sizes.push({ subject: subjectKey, maxChars: q.value, reqId: r.id });
          break;
        }
      }
    }
  }
  return facts;
}
