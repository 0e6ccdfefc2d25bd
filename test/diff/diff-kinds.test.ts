// Table-driven: one edit of a small spec per row, and exactly the changes
// `diff` must report for it (kind, where it breaks, where it is).
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../src/diff/diff-specs.js";
import type { Spec } from "../../src/spec/model.js";
import { baseSpec, parse, type Json } from "../spec/base-spec.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- the rows edit plain YAML trees */
function specOf(edit: (s: any) => void = () => {}): Spec {
  const json: Json = structuredClone(baseSpec());
  edit(json);
  const result = parse(json);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n"));
  return result.spec;
}

const ask = (s: any) => s.messages[0];
const answer = (s: any) => s.messages[1];
const point = (s: any) => s.types[1];
const mood = (s: any) => s.types[0];
const client = (s: any) => s.machines.initiator;

/** One edit of the base spec per side (none: the base itself); each expected change as `kind breaks label`, breaks joined by + or `-` when compatible. */
interface Row {
  readonly name: string;
  readonly old?: (s: any) => void;
  readonly new?: (s: any) => void;
  readonly expected: readonly string[];
}

const hello = (from: "client" | "server", kind: string) => (s: any) => {
  s.messages.push({ name: "Hello", id: 9, from, kind, doc: "Hi.", fields: [] });
  const [sender, receiver] = from === "client" ? [client(s), s.machines.responder] : [s.machines.responder, client(s)];
  sender.states[0].transitions.push({ send: "Hello", to: "idle" });
  receiver.states[0].transitions.push({ receive: "Hello", to: "idle" });
};
const fieldType = (pick: (s: any) => any, type: string) => (s: any) => (pick(s).type = type);
const x = (s: any) => point(s).fields[0];
const text = (s: any) => ask(s).fields[0];
const renameAnswer = (fields?: unknown[]) => (s: any) => {
  answer(s).name = "Reply";
  if (fields !== undefined) answer(s).fields = fields;
  ask(s).responses = ["Reply"];
  client(s).states[1].transitions[0].receive = "Reply";
  s.machines.responder.states[1].transitions[0].send = "Reply";
  s.requirements[0].tracedTo = ["message:Reply"];
};
const RENAMED_ANSWER_STEPS = [
  "response-removed behaviour messages.Ask.responses",
  "response-added - messages.Ask.responses",
  "transition-removed behaviour machines.initiator.waiting.receive.Answer",
  "transition-added - machines.initiator.waiting.receive.Reply",
  "transition-removed behaviour machines.responder.answering.send.Answer",
  "transition-added - machines.responder.answering.send.Reply",
];
const busy = (s: any) => s.errors.push({ name: "busy", code: 2, doc: "Busy." });

const ROWS: readonly Row[] = [
  { name: "protocol renamed", new: (s) => (s.protocol.name = "pong"), expected: ["protocol-renamed - protocol.name"] },
  { name: "frame limit lowered", new: (s) => (s.security = { maxFrameBytes: 1024 }), expected: ["frame-limit-lowered wire security.maxFrameBytes"] },
  { name: "frame limit raised", new: (s) => (s.security = { maxFrameBytes: 131072 }), expected: ["frame-limit-raised - security.maxFrameBytes"] },
  { name: "rate limit added", new: (s) => (s.security = { rateLimit: { messagesPerSecond: 5, burst: 10 } }), expected: ["rate-limit-tightened behaviour security.rateLimit"] },
  { name: "rate limit removed", old: (s) => (s.security = { rateLimit: { messagesPerSecond: 5, burst: 10 } }), expected: ["rate-limit-loosened - security.rateLimit"] },
  { name: "authentication changed", new: (s) => (s.security = { authentication: { mode: "token", message: "Ask" } }), expected: ["authentication-changed behaviour security.authentication"] },
  { name: "timing changed", new: (s) => (s.timing = { requestTimeoutMs: 9000 }), expected: ["timing-changed - timing.requestTimeoutMs"] },
  {
    name: "message added",
    new: hello("client", "oneway"),
    expected: ["message-added - messages.Hello", "transition-added - machines.initiator.idle.send.Hello", "transition-added - machines.responder.idle.receive.Hello"],
  },
  {
    name: "message removed",
    old: hello("client", "oneway"),
    expected: ["message-removed wire+json+behaviour messages.Hello", "transition-removed behaviour machines.initiator.idle.send.Hello", "transition-removed behaviour machines.responder.idle.receive.Hello"],
  },
  { name: "message renamed (same id and payload)", new: renameAnswer(), expected: ["message-renamed json messages.Reply", ...RENAMED_ANSWER_STEPS] },
  { name: "message id reused by another payload", new: renameAnswer([{ name: "text", type: "string", doc: "Text." }]), expected: ["message-id-reused wire+json+behaviour messages.Reply", ...RENAMED_ANSWER_STEPS] },
  { name: "message renumbered", new: (s) => (answer(s).id = 20), expected: ["message-renumbered wire messages.Answer.id"] },
  { name: "message kind changed, no RESPONSE flag involved", old: hello("server", "oneway"), new: hello("server", "event"), expected: ["message-kind-changed behaviour messages.Hello.kind"] },
  {
    name: "message direction changed",
    old: hello("client", "oneway"),
    new: hello("server", "oneway"),
    expected: [
      "message-direction-changed behaviour messages.Hello.from",
      "transition-removed behaviour machines.initiator.idle.send.Hello",
      "transition-added - machines.initiator.idle.receive.Hello",
      "transition-removed behaviour machines.responder.idle.receive.Hello",
      "transition-added - machines.responder.idle.send.Hello",
    ],
  },
  {
    name: "error answer changed",
    new: (s) => {
      delete ask(s).error;
      ask(s).responses = ["Answer", "Fail"];
    },
    expected: ["response-added - messages.Ask.responses", "error-answer-changed behaviour messages.Ask.error"],
  },
  { name: "required field added", new: (s) => answer(s).fields.push({ name: "why", type: "string", doc: "Why." }), expected: ["field-added wire+json messages.Answer.fields.why"] },
  { name: "optional field added", new: (s) => answer(s).fields.push({ name: "why", type: "string", doc: "Why.", optional: true }), expected: ["field-added wire messages.Answer.fields.why"] },
  { name: "field removed", new: (s) => ask(s).fields.pop(), expected: ["field-removed wire+json messages.Ask.fields.where"] },
  { name: "fields reordered", new: (s) => ask(s).fields.reverse(), expected: ["field-moved wire messages.Ask.fields.where", "field-moved wire messages.Ask.fields.text"] },
  { name: "field renamed", new: (s) => (text(s).name = "question"), expected: ["field-renamed json messages.Ask.fields.question"] },
  { name: "int narrowed", new: fieldType(x, "int16"), expected: ["field-type-changed wire+json types.Point.fields.x.type"] },
  { name: "int widened to 64 bits (a JSON string)", new: fieldType(x, "int64"), expected: ["field-type-changed wire+json types.Point.fields.x.type"] },
  { name: "int widened, JSON still a number", old: fieldType(x, "int16"), expected: ["field-type-changed wire types.Point.fields.x.type"] },
  { name: "int64 read as a timestamp: same bytes, same JSON", old: fieldType(x, "int64"), new: fieldType(x, "timestamp"), expected: ["field-type-changed - types.Point.fields.x.type"] },
  { name: "unsigned to signed of the same width", old: fieldType(x, "uint32"), expected: ["field-type-changed wire+json types.Point.fields.x.type"] },
  { name: "int16 to float32: exact in JSON", old: fieldType(x, "int16"), new: fieldType(x, "float32"), expected: ["field-type-changed wire types.Point.fields.x.type"] },
  { name: "string to bytes", new: fieldType(text, "bytes"), expected: ["field-type-changed json messages.Ask.fields.text.type"] },
  { name: "bytes to string", old: fieldType(text, "bytes"), expected: ["field-type-changed wire+json messages.Ask.fields.text.type"] },
  { name: "field made optional", new: (s) => (answer(s).fields[0].optional = true), expected: ["field-made-optional wire messages.Answer.fields.mood.optional"] },
  { name: "field made required", old: (s) => (answer(s).fields[0].optional = true), expected: ["field-made-required wire+json messages.Answer.fields.mood.optional"] },
  { name: "maxLength tightened", new: (s) => (text(s).maxLength = 50), expected: ["constraint-tightened wire+json messages.Ask.fields.text.maxLength"] },
  { name: "maxLength loosened", new: (s) => (text(s).maxLength = 500), expected: ["constraint-loosened - messages.Ask.fields.text.maxLength"] },
  { name: "minLength added", new: (s) => (text(s).minLength = 1), expected: ["constraint-tightened wire+json messages.Ask.fields.text.minLength"] },
  { name: "min raised", old: (s) => (x(s).min = 0), new: (s) => (x(s).min = 5), expected: ["constraint-tightened wire+json types.Point.fields.x.min"] },
  { name: "pattern added", new: (s) => (text(s).pattern = "[a-z]+"), expected: ["constraint-tightened wire+json messages.Ask.fields.text.pattern"] },
  { name: "pattern changed", old: (s) => (text(s).pattern = "[a-z]+"), new: (s) => (text(s).pattern = "[a-z0-9]+"), expected: ["constraint-tightened wire+json messages.Ask.fields.text.pattern"] },
  { name: "maxItems removed", new: (s) => delete ask(s).fields[1].maxItems, expected: ["constraint-loosened - messages.Ask.fields.where.maxItems"] },
  { name: "unit changed", new: (s) => (x(s).unit = "m"), expected: ["unit-changed behaviour types.Point.fields.x.unit"] },
  { name: "enum value added", new: (s) => mood(s).values.push({ name: "meh", value: 2, doc: "Meh." }), expected: ["enum-value-added - types.Mood.values.meh"] },
  { name: "enum value removed", new: (s) => mood(s).values.pop(), expected: ["enum-value-removed wire+json types.Mood.values.bad"] },
  { name: "enum value renumbered", new: (s) => (mood(s).values[1].value = 7), expected: ["enum-value-renumbered wire types.Mood.values.bad"] },
  { name: "enum value renamed", new: (s) => (mood(s).values[1].name = "poor"), expected: ["enum-value-renamed json types.Mood.values.poor"] },
  { name: "error added", new: busy, expected: ["error-added - errors.busy"] },
  { name: "error removed", old: busy, expected: ["error-removed wire+json errors.busy"] },
  { name: "error renumbered", new: (s) => (s.errors[0].code = 5), expected: ["error-renumbered wire errors.confused"] },
  {
    name: "initial state changed",
    new: (s) => {
      client(s).states.push({ name: "start", transitions: [{ send: "Ask", to: "waiting" }] });
      client(s).initial = "start";
      client(s).states[1].transitions[1].to = "idle";
    },
    expected: ["initial-state-changed behaviour machines.initiator.initial", "transition-retargeted behaviour machines.initiator.waiting.receive.Fail.to", "state-added - machines.initiator.start"],
  },
  {
    name: "state removed",
    old: (s) => {
      client(s).states.push({ name: "failed", terminal: true });
      client(s).states[1].transitions[1].to = "failed";
    },
    expected: ["transition-retargeted behaviour machines.initiator.waiting.receive.Fail.to", "state-removed behaviour machines.initiator.failed"],
  },
  { name: "transition retargeted", new: (s) => (client(s).states[1].transitions[1].to = "idle"), expected: ["transition-retargeted behaviour machines.initiator.waiting.receive.Fail.to"] },
];

const show = (s: Spec, t: Spec) => diffSpecs(s, t).changes.map((c) => `${c.kind} ${c.breaks.length === 0 ? "-" : c.breaks.join("+")} ${c.at.label}`);

describe("diff: each kind of change, classified", () => {
  it("the same spec has no change and needs no new version", () => {
    const d = diffSpecs(specOf(), specOf());
    expect(d.changes).toEqual([]);
    expect(d.version).toMatchObject({ required: "none", ok: true, lowest: "1.0.0" });
  });

  it.each(ROWS.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    expect(show(specOf(row.old), specOf(row.new))).toEqual(row.expected);
  });

  it("covers at least 25 kinds of change, each breaking or compatible as its row says", () => {
    const kinds = new Set(ROWS.flatMap((r) => r.expected.map((e) => e.split(" ")[0])));
    expect(kinds.size).toBeGreaterThanOrEqual(25);
  });
});
