// The spec's behaviour section (docs/decisions/0009): examples/chat.yaml
// declares it and loads; every broken reference is reported with its code,
// its spec path and its line in the file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { parseSpecText } from "../../src/spec/parse.js";
import { formatSpecPath } from "../../src/spec/problems.js";

const CHAT = readFileSync(new URL("../../examples/chat.yaml", import.meta.url), "utf8");

/** Chat with its behaviour section changed by `edit`; the problems as `code at path`. */
function problems(edit: (behaviour: any) => void): string[] {
  const spec = parseYaml(CHAT);
  edit(spec.behaviour);
  const result = parseSpecText(stringify(spec), "chat.yaml");
  return result.ok ? [] : result.problems.map((p) => `${p.code} at ${formatSpecPath(p.path)}`);
}

describe("the behaviour section", () => {
  it("loads from examples/chat.yaml with its defaults filled in and one-name lists made lists", () => {
    const result = parseSpecText(CHAT, "examples/chat.yaml");
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    const behaviour = result.spec.behaviour;
    expect(behaviour?.session).toMatchObject({ identity: "Login.username", unique: "name_taken", ends: ["Logout"] });
    expect(behaviour?.groups.map((g) => [g.name, g.key, g.join.request, g.attributes.map((a) => a.grant)])).toEqual([["room", "room", "JoinRoom", ["first"]]]);
    expect(behaviour?.groups[0]?.events.map((e) => [e.on, e.send, e.to, e.record])).toEqual([
      ["SendMessage", "RoomMessage", "members", true],
      ["Typing", "MemberTyping", "others", false],
      ["join", "PresenceUpdate", "others", false],
      ["leave", "PresenceUpdate", "others", false],
      ["remove", "PresenceUpdate", "others", false],
    ]);
    expect(behaviour?.guards.map((g) => g.request)).toEqual([["SendMessage", "Typing"], ["KickUser"]]);
    expect(behaviour?.idempotent).toEqual([{ request: "SendMessage", key: "client_msg_id", remember: 1000 }]);
    expect(behaviour?.sequence).toEqual([]);
  });

  it("is optional: a spec without it has no behaviour", () => {
    const spec = parseYaml(CHAT);
    delete spec.behaviour;
    const result = parseSpecText(stringify(spec), "chat.yaml");
    expect(result.ok && result.spec.behaviour).toBe(undefined);
  });

  it.each<[string, (b: any) => void, string]>([
    ["an unknown join request", (b) => (b.groups[0].join.request = "Enter"), "behaviour-unknown-message at behaviour.groups[0].join.request"],
    ["a response as the join request", (b) => (b.groups[0].join.request = "JoinOk"), "behaviour-wrong-message at behaviour.groups[0].join.request"],
    ["a request as the event sent", (b) => (b.groups[0].events[0].send = "SendMessage"), "behaviour-wrong-message at behaviour.groups[0].events[0].send"],
    ["a key the join request lacks", (b) => (b.groups[0].key = "channel"), "behaviour-missing-key at behaviour.groups[0].join.request"],
    ["an attribute shown by a string", (b) => (b.groups[0].attributes[0].field = "Member.username"), "behaviour-wrong-type at behaviour.groups[0].attributes[0].field"],
    ["a replay field of another item", (b) => (b.groups[0].history.replay = ["ResumeOk.rooms"]), "behaviour-wrong-type at behaviour.groups[0].history.replay[0]"],
    ["capacity without its error", (b) => delete b.groups[0].join.full, "behaviour-incomplete at behaviour.groups[0].join"],
    ["a recorded event without history", (b) => delete b.groups[0].history, "behaviour-incomplete at behaviour.groups[0].events[0].record"],
    ["a set field the event lacks", (b) => (b.groups[0].events[2].set = { colour: "red" }), "behaviour-unknown-field at behaviour.groups[0].events[2].set.colour"],
    ["a remove member of another message", (b) => (b.groups[0].remove.member = "Login.username"), "behaviour-wrong-message at behaviour.groups[0].remove.member"],
    ["a guard on an unknown group", (b) => (b.guards[0].member = "channel"), "behaviour-unknown-group at behaviour.guards[0].member"],
    ["a guard on an unknown attribute", (b) => (b.guards[1].attribute = "owner"), "behaviour-unknown-attribute at behaviour.guards[1].attribute"],
    ["a guard with an undeclared error", (b) => (b.guards[0].error = "not_member"), "behaviour-unknown-error at behaviour.guards[0].error"],
    ["a guarded message without the key", (b) => (b.guards[0].request = ["SetStatus"]), "behaviour-missing-key at behaviour.guards[0].request[0]"],
    ["an idempotency key the request lacks", (b) => (b.idempotent[0].key = "msg_id"), "behaviour-unknown-field at behaviour.idempotent[0].key"],
    ["an identity outside the authentication request", (b) => (b.session.identity = "JoinRoom.room"), "behaviour-identity at behaviour.session.identity"],
    ["a token of another type than the one presented", (b) => (b.session.resume.token = ["LoginOk.server_time"]), "behaviour-wrong-type at behaviour.session.resume.token[0]"],
    ["a restored group that does not exist", (b) => (b.session.resume.restores = ["channel"]), "behaviour-unknown-group at behaviour.session.resume.restores[0]"],
    ["a replay point outside the resuming request", (b) => (b.session.resume.replay.after = "SendMessage.client_msg_id"), "behaviour-wrong-message at behaviour.session.resume.replay.after"],
    ["a replay without the history's id", (b) => delete b.groups[0].history.id, "behaviour-incomplete at behaviour.session.resume.replay"],
    ["a string as a sequence number", (b) => (b.sequence = [{ field: "Login.password" }]), "behaviour-wrong-type at behaviour.sequence[0].field"],
    ["two groups of one name", (b) => b.groups.push(structuredClone(b.groups[0])), "duplicate-name at behaviour.groups[1].name"],
    ["an unknown key", (b) => (b.groups[0].kick = {}), "unknown-key at behaviour.groups[0].kick"],
  ])("reports %s", (_, edit, expected) => {
    expect(problems(edit)).toContain(expected);
  });

  it("places a problem on its line of the file", () => {
    const broken = CHAT.replace("join: { request: JoinRoom,", "join: { request: Enter,");
    const result = parseSpecText(broken, "chat.yaml");
    const problem = result.ok ? undefined : result.problems.find((p) => p.code === "behaviour-unknown-message");
    const line = broken.split("\n").findIndex((l) => l.includes("request: Enter")) + 1;
    expect(problem?.position).toMatchObject({ file: "chat.yaml", line });
  });
});
