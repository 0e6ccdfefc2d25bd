// Family "behaviour" (pure): which cases chat's behaviour section derives, the
// shape of their multi-peer scripts, that specs and transports without it get
// exactly today's cases; the field checks; and the runner's peers (scripted
// links, no socket): events an answer's wait skips stay for an event step,
// answers an event's wait reads stay for the answer step.
import { describe, expect, it } from "vitest";
import { deriveServerCases, judgeContextOf, runCase, type ConformanceCase, type Link, type LinkEvent, type Step } from "../../../src/verify/conformance/index.js";
import { distinctValues } from "../../../src/verify/conformance/identity-pool.js";
import { isMultiPeer } from "../../../src/verify/conformance/run-case.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { fieldProblem } from "../../../src/verify/conformance/field-checks.js";
import { createCodec, FLAG_RESPONSE } from "../../../src/wire/index.js";
import type { WireObject } from "../../../src/wire/values.js";
import { example } from "../../python-layer/support.js";

const chat = example("chat");
const named = (cases: readonly ConformanceCase[], name: string): ConformanceCase => {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no case ${name}`);
  return c;
};
const shape = (c: ConformanceCase): string[] => c.steps.map((s) => `${s.peer ?? 0} ${s.kind === "send" ? `send ${s.describe}` : s.kind === "expect-event" || s.kind === "expect-no-event" ? `${s.kind} ${s.message}` : s.kind}`);

describe("behaviour cases of chat", () => {
  const all = deriveServerCases(chat, "tcp", { behaviour: true });
  const cases = all.filter((c) => c.family === "behaviour");

  it("are only derived when asked, after today's cases, which stay as they are", () => {
    const today = deriveServerCases(chat);
    expect(today.some((c) => c.family === "behaviour")).toBe(false);
    expect(all.slice(0, today.length)).toEqual(today);
    expect(all).toHaveLength(today.length + cases.length);
  });

  it("are these, over TCP only", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "behaviour/session-unique",
      "behaviour/session-ends",
      "behaviour/session-resume",
      "behaviour/session-takeover",
      "behaviour/group-room-members",
      "behaviour/group-room-already",
      "behaviour/group-room-full",
      "behaviour/group-room-per-session",
      "behaviour/group-room-leave-not-member",
      "behaviour/group-room-history",
      "behaviour/group-room-broadcast-SendMessage",
      "behaviour/group-room-broadcast-Typing",
      "behaviour/group-room-broadcast-join",
      "behaviour/group-room-broadcast-leave",
      "behaviour/group-room-broadcast-remove",
      "behaviour/group-room-remove",
      "behaviour/group-room-remove-not-member",
      "behaviour/guard-SendMessage-not-member",
      "behaviour/guard-Typing-not-member",
      "behaviour/guard-KickUser-attribute",
      "behaviour/idempotent-SendMessage",
    ]);
    for (const c of cases) expect(c.transports, c.name).toEqual(["tcp"]);
    expect(deriveServerCases(chat, "udp", { behaviour: true }).some((c) => c.family === "behaviour")).toBe(false);
    expect(deriveServerCases(chat, "http", { behaviour: true }).some((c) => c.family === "behaviour")).toBe(false);
  });

  it("run today's cases on one plain link each, as before: none of them is multi-peer", () => {
    for (const spec of [chat, example("sensor-telemetry"), example("file-transfer")]) {
      for (const transport of ["tcp", "udp", "http"] as const) expect(deriveServerCases(spec, transport).filter(isMultiPeer).map((c) => c.name)).toEqual([]);
    }
    // Behaviour cases of one connection and no checks of fields run on a plain link too.
    expect(cases.filter((c) => !isMultiPeer(c)).map((c) => c.name)).toEqual(["behaviour/group-room-already", "behaviour/group-room-per-session", "behaviour/group-room-leave-not-member"]);
  });

  it("a spec without a behaviour section derives exactly today's cases", () => {
    const sensor = example("sensor-telemetry");
    expect(deriveServerCases(sensor, "tcp", { behaviour: true })).toEqual(deriveServerCases(sensor));
    const { behaviour: _none, ...bare } = chat;
    expect(deriveServerCases(bare, "tcp", { behaviour: true })).toEqual(deriveServerCases(bare));
    // With sessions declared, the same cases log in under names of their own.
    expect(deriveServerCases(chat).map((c) => c.name)).toEqual(deriveServerCases(bare).map((c) => c.name));
  });

  it.each(["tcp", "udp", "http"] as const)("over %s, no two cases of any family log in under the same name, nor as the sample", (transport) => {
    const kit = createCaseKit(chat, transport);
    const owners = new Map<string, string>();
    for (const c of deriveServerCases(chat, transport, { behaviour: transport === "tcp" })) {
      for (const s of c.steps) {
        if (s.kind !== "send") continue;
        let f: ReturnType<typeof kit.codec.decodeFrame>;
        try {
          f = kit.codec.decodeFrame(s.bytes);
        } catch {
          continue; // a broken frame: it opens no session
        }
        if (f.kind !== "message" || f.messageName !== "Login") continue;
        const who = String(f.value["username"]);
        expect(who, c.name).not.toBe("alice");
        expect(owners.get(who) ?? c.name, `${who} in ${c.name} and ${owners.get(who) ?? ""}`).toBe(c.name);
        owners.set(who, c.name);
      }
    }
    expect(owners.size).toBeGreaterThan({ tcp: 130, udp: 20, http: 10 }[transport]);
  });

  it("give every case identities and rooms of its own, never the samples the other families use", () => {
    const logins = new Map<string, string>();
    const rooms = new Map<string, string>();
    const kit = createCaseKit(chat);
    const codec = kit.codec;
    for (const c of cases) {
      for (const s of c.steps) {
        if (s.kind !== "send") continue;
        const f = codec.decodeFrame(s.bytes);
        if (f.kind !== "message") continue;
        if (f.messageName === "Login") {
          const who = String(f.value["username"]);
          expect(who, c.name).not.toBe("alice");
          const owner = logins.get(who) ?? c.name;
          expect(owner, `${who} in ${c.name} and ${owner}`).toBe(c.name);
          logins.set(who, c.name);
        }
        if (f.messageName === "JoinRoom") {
          const room = String(f.value["room"]);
          expect(room, c.name).not.toBe("general");
          expect(rooms.get(room) ?? c.name, `${room} in ${c.name} and ${rooms.get(room) ?? ""}`).toBe(c.name);
          rooms.set(room, c.name);
        }
      }
    }
    expect(logins.size).toBeGreaterThan(130);
  });

  it("refuses a second login under a live identity, on a second peer", () => {
    const c = named(cases, "behaviour/session-unique");
    expect(shape(c)).toEqual(["0 send Login #1", "0 expect-answer", "1 send Login #1", "1 expect-answer"]);
    expect(c.steps[3]).toMatchObject({ kind: "expect-answer", peer: 1, seq: 1, accept: [{ message: "ErrorReply", codes: ["name_taken"] }] });
    expect(c.proves).toEqual(["behaviour:session.unique", "message:Login", "field:Login.username", "error:name_taken"]);
  });

  it("ends a session: the other member is told, the connection closes, the name is free again", () => {
    const c = named(cases, "behaviour/session-ends");
    expect(shape(c).slice(-6)).toEqual(["1 expect-answer", "0 send Logout #3", "0 expect-close", "1 expect-event PresenceUpdate", "2 send Login #1", "2 expect-answer"]);
    const event = c.steps.find((s) => s.kind === "expect-event");
    expect(event).toMatchObject({ fields: [{ kind: "equals", path: "room" }, { kind: "equals", path: "change", value: "left" }, { kind: "equals", path: "username" }] });
  });

  it("checks the members list of the second join: both identities, the first with the attribute", () => {
    const c = named(cases, "behaviour/group-room-members");
    const last = c.steps.at(-1);
    expect(last).toMatchObject({ kind: "expect-answer", peer: 1, accept: [{ message: "JoinOk" }] });
    const check = last?.kind === "expect-answer" ? last.check?.fields?.[0] : undefined;
    expect(check?.kind).toBe("contains");
    expect(check?.path).toBe("summary.members");
    expect(check?.kind === "contains" ? check.items.map((i) => i["is_moderator"]) : []).toEqual([true, false]);
  });

  it("resumes a lost session on a new connection with the token its login got: the room is back, the token is single use", () => {
    const c = named(cases, "behaviour/session-resume");
    expect(shape(c)).toEqual([
      "0 send Login #1", "0 expect-answer", "1 send Login #1", "1 expect-answer", "0 send JoinRoom #2", "0 expect-answer", "1 send JoinRoom #2", "1 expect-answer",
      "0 disconnect", "2 send Resume #1 with session_token from login", "2 expect-answer", "1 send SendMessage #3", "1 expect-answer", "2 expect-event RoomMessage", "3 send Resume #1 with session_token from login", "3 expect-answer",
    ]);
    expect(c.steps[1]).toMatchObject({ check: { capture: "login" } });
    expect(c.steps[9]).toMatchObject({ fill: [{ field: "session_token", capture: "login", path: "session_token" }] });
    expect(c.steps[10]).toMatchObject({ accept: [{ message: "ResumeOk" }], check: { fields: [{ kind: "equals", path: "username" }, { kind: "contains", path: "rooms" }] } });
    expect(c.steps[15]).toMatchObject({ accept: [{ message: "ErrorReply", codes: ["session_expired"] }] });
  });

  it("takes a session over when a resume presents its token while its connection is still open: the old connection is closed", () => {
    const c = named(cases, "behaviour/session-takeover");
    expect(c.transports).toEqual(["tcp"]);
    expect(shape(c)).toEqual([
      "0 send Login #1", "0 expect-answer", "1 send Login #1", "1 expect-answer", "0 send JoinRoom #2", "0 expect-answer", "1 send JoinRoom #2", "1 expect-answer",
      "2 send Resume #1 with session_token from login", "2 expect-answer", "0 expect-close", "1 send SendMessage #3", "1 expect-answer", "2 expect-event RoomMessage",
    ]);
    expect(c.steps[9]).toMatchObject({ accept: [{ message: "ResumeOk" }], check: { fields: [{ kind: "equals", path: "username" }, { kind: "contains", path: "rooms" }] } });
  });

  it("fills a room to its capacity with a peer each, then one more is refused", () => {
    const c = named(cases, "behaviour/group-room-full");
    expect(new Set(c.steps.map((s) => s.peer)).size).toBe(101);
    expect(c.steps.at(-1)).toMatchObject({ peer: 100, accept: [{ message: "ErrorReply", codes: ["room_full"] }] });
  });

  it("retries a post with the same key: the same answer, one event to the other member", () => {
    const c = named(cases, "behaviour/idempotent-SendMessage");
    const answers = c.steps.filter((s): s is Extract<Step, { kind: "expect-answer" }> => s.kind === "expect-answer" && s.request === "SendMessage");
    expect(answers.map((s) => s.check)).toEqual([{ capture: "first" }, { sameAs: "first" }]);
    const sends = c.steps.filter((s): s is Extract<Step, { kind: "send" }> => s.kind === "send" && s.describe.startsWith("SendMessage"));
    const codec = createCodec(chat);
    const payloads = sends.map((s) => codec.decodeFrame(s.bytes)).map((f) => (f.kind === "message" ? f.value : {}));
    expect(payloads[0]).toEqual(payloads[1]);
    expect(shape(c).slice(-2)).toEqual(["1 expect-event RoomMessage", "1 expect-no-event RoomMessage"]);
  });

  it("sends to others: the sender of Typing must get no MemberTyping; a post goes to the sender too", () => {
    expect(shape(named(cases, "behaviour/group-room-broadcast-Typing")).slice(-3)).toEqual(["0 send Typing #3", "1 expect-event MemberTyping", "0 expect-no-event MemberTyping"]);
    expect(shape(named(cases, "behaviour/group-room-broadcast-SendMessage")).slice(-2)).toEqual(["1 expect-event RoomMessage", "0 expect-event RoomMessage"]);
    const post = named(cases, "behaviour/group-room-broadcast-SendMessage").steps.at(-1);
    expect(post?.kind === "expect-event" ? post.fields.map((f) => f.path) : []).toEqual(["room", "message.text"]);
  });

  it("guards: a non-member's request gets the guard's error, a moderator-only request from a plain member too", () => {
    expect(named(cases, "behaviour/guard-SendMessage-not-member").steps.find((s) => s.kind === "expect-answer" && s.peer === 0 && s.request === "SendMessage")).toMatchObject({ accept: [{ message: "ErrorReply", codes: ["not_in_room"] }] });
    expect(named(cases, "behaviour/guard-KickUser-attribute").steps.at(-1)).toMatchObject({ peer: 1, request: "KickUser", accept: [{ message: "ErrorReply", codes: ["not_a_moderator"] }] });
  });
});

describe("distinctValues", () => {
  it("keeps each value within the field's constraints", () => {
    const kit = createCaseKit(chat);
    const names = distinctValues(kit, "Login", "username", 300);
    expect(new Set(names).size).toBe(300);
    for (const n of names) expect(String(n)).toMatch(/^[a-z][a-z0-9_]{2,31}$/);
    expect(distinctValues(kit, "SendMessage", "client_msg_id", 3)).toEqual([1n, 2n, 3n]);
  });
});

describe("fieldProblem", () => {
  const value: WireObject = { room: "r", n: 5n, summary: { members: [{ username: "a", is_moderator: true }, { username: "b", is_moderator: false }] } };
  it("compares numbers and bigints by value and walks paths", () => {
    expect(fieldProblem(value, [{ kind: "equals", path: "n", value: 5 }, { kind: "equals", path: "room", value: "r" }])).toBeUndefined();
    expect(fieldProblem(value, [{ kind: "equals", path: "summary.room", value: "r" }])).toBe('summary.room is nothing, expected "r"');
  });
  it("finds list elements by their fields, in any order or in this order", () => {
    expect(fieldProblem(value, [{ kind: "contains", path: "summary.members", items: [{ username: "b" }, { username: "a", is_moderator: true }] }])).toBeUndefined();
    expect(fieldProblem(value, [{ kind: "contains", path: "summary.members", items: [{ username: "b", is_moderator: true }] }])).toMatch(/^summary\.members lacks \{"username":"b","is_moderator":true\}: it is \[/);
    expect(fieldProblem(value, [{ kind: "excludes", path: "summary.members", items: [{ username: "a" }] }])).toMatch(/^summary\.members still has \{"username":"a"\}/);
    expect(fieldProblem(value, [{ kind: "ordered", path: "summary.members", items: [{ username: "b" }, { username: "a" }] }])).toMatch(/expected 2 elements with \{"username":"b"\}, \{"username":"a"\}, in this order$/);
    expect(fieldProblem(value, [{ kind: "ordered", path: "summary.members", items: [{ username: "a" }, { username: "b" }] }])).toBeUndefined();
  });
});

/** A link that hands out `frames` in order, then times out; sends are recorded. */
function scripted(frames: Uint8Array[]): Link & { sent: Uint8Array[] } {
  const queue: LinkEvent[] = frames.map((bytes) => ({ kind: "frame", bytes }));
  return {
    sent: [],
    send(bytes) {
      this.sent.push(bytes);
      return Promise.resolve();
    },
    next: (deadline) => Promise.resolve(queue.shift() ?? (Date.now() >= deadline ? { kind: "timeout" } : new Promise<LinkEvent>((r) => setTimeout(() => r({ kind: "timeout" }), Math.max(0, deadline - Date.now()))))),
    close: () => undefined,
  };
}

describe("the runner's peers", () => {
  const codec = createCodec(chat);
  const judge = judgeContextOf(chat);
  const timings = { answerMs: 100, closeMs: 100, caseMs: 2000 };
  const event = (text: string, seq: number) => codec.encodeFrame("RoomMessage", { room: "r", message: { message_id: 1n, sender: "bob", text, sent_at: 0n } }, { seq });
  const accepted = (seq: number) => codec.encodeFrame("MessageAccepted", { client_msg_id: 1n, message_id: 9n, sent_at: 0n }, { seq, flags: FLAG_RESPONSE });
  const send: Step = { kind: "send", bytes: codec.encodeFrame("SendMessage", { room: "r", client_msg_id: 1n, text: "hi" }, { seq: 1 }), describe: "SendMessage #1", peer: 0 };
  const answer: Step = { kind: "expect-answer", seq: 1, request: "SendMessage", accept: [{ message: "MessageAccepted" }], peer: 0 };
  const hi: Step = { kind: "expect-event", message: "RoomMessage", fields: [{ kind: "equals", path: "message.text", value: "hi" }], why: "the post", peer: 0 };
  const run = (steps: Step[], perPeer: Uint8Array[][]) => {
    let opened = 0;
    const c: ConformanceCase = { name: "t", family: "behaviour", proves: [], summary: "", transports: ["tcp"], steps };
    return runCase(c, () => Promise.resolve(scripted(perPeer[opened++] ?? [])), judge, timings);
  };

  it("keeps an event skipped by an answer's wait for the event step", async () => {
    expect(await run([send, answer, hi], [[event("hi", 1), accepted(1)]])).toMatchObject({ ok: true });
  });

  it("keeps an answer read by an event's wait for the answer step", async () => {
    expect(await run([send, hi, answer], [[accepted(1), event("hi", 1)]])).toMatchObject({ ok: true });
  });

  it("opens a link per peer when its first step runs, and names the peer in the reason", async () => {
    const other: Step = { ...hi, peer: 1, fields: [{ kind: "equals", path: "message.text", value: "bye" }] };
    const r = await run([send, answer, other], [[accepted(1)], [event("hi", 1)]]);
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('step 3 (peer 1): expected RoomMessage with message.text "bye" (the post), got none within 100 ms; got RoomMessage #1 {"room":"r","message":{"message_id":"1","sender":"bob","text":"hi","sent_at":"0"}} (message.text is "hi", expected "bye")');
  });

  it("fails expect-no-event on an event not taken yet, and passes once an event step took it", async () => {
    const none: Step = { kind: "expect-no-event", message: "RoomMessage", fields: [], ms: 50, why: "nothing more", peer: 0 };
    const failed = await run([send, answer, none], [[event("hi", 1), accepted(1)]]);
    expect(failed.reason).toMatch(/^step 3 \(peer 0\): expected no RoomMessage \(nothing more\), got RoomMessage #1 /);
    expect(await run([send, answer, hi, none], [[event("hi", 1), accepted(1)]])).toMatchObject({ ok: true });
  });

  it("compares an answer with one captured earlier, field for field", async () => {
    const first: Step = { ...answer, check: { capture: "first" } };
    const again: Step = { ...answer, seq: 2, check: { sameAs: "first" } };
    const send2: Step = { ...send, describe: "SendMessage #2" };
    const other = codec.encodeFrame("MessageAccepted", { client_msg_id: 1n, message_id: 10n, sent_at: 0n }, { seq: 2, flags: FLAG_RESPONSE });
    expect(await run([send, first, send2, again], [[accepted(1), codec.encodeFrame("MessageAccepted", { client_msg_id: 1n, message_id: 9n, sent_at: 0n }, { seq: 2, flags: FLAG_RESPONSE })]])).toMatchObject({ ok: true });
    const r = await run([send, first, send2, again], [[accepted(1), other]]);
    expect(r.reason).toMatch(/^step 4 \(peer 0\): expected MessageAccepted answering SendMessage #2, got MessageAccepted #2 .*: it differs from the earlier answer \(first\) \{"client_msg_id":1,"message_id":9,"sent_at":0\}$/);
  });
});
