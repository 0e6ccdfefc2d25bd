// The model check's two readings of the behaviour section (behaviour-readings.ts),
// on examples/chat.yaml and on copies of it with one machine transition changed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelCheck, type ModelCheckFinding } from "../../src/verify/model-check.js";
import { specFromYaml } from "./small-specs.js";

const CHAT = readFileSync(new URL("../../examples/chat.yaml", import.meta.url), "utf8");

/** chat.yaml with `from` replaced by `to` (exactly once, after the line starting `after`). */
function chatWith(after: string, from: string, to: string): string {
  const start = CHAT.indexOf(after);
  const at = CHAT.indexOf(from, start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(at).toBeGreaterThan(start);
  return `${CHAT.slice(0, at)}${to}${CHAT.slice(at + from.length)}`;
}

const ofKind = (findings: readonly ModelCheckFinding[], kind: string) => findings.filter((f) => f.kind === kind);

describe("the behaviour readings of the model check", () => {
  it("find nothing in examples/chat.yaml", () => {
    expect(modelCheck(specFromYaml(CHAT, "chat.yaml")).findings).toEqual([]);
  });

  it("a request the behaviour refuses, whose handling state cannot send the error answer: refusal-not-allowed at that state", () => {
    const text = chatWith("      - name: kicking", "          - { send: ErrorReply, to: serving }\n", "");
    const found = ofKind(modelCheck(specFromYaml(text, "chat.yaml")).findings, "refusal-not-allowed");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ role: "responder", state: "kicking", message: "ErrorReply", path: ["machines", "responder", "states", 7] });
    expect(found[0]?.summary).toBe("the behaviour section refuses `KickUser` with `ErrorReply` (not_a_moderator, not_in_room), but server in `kicking` has no `send ErrorReply`");
  });

  it("the initiator waiting for the answer cannot receive the error: refusal-not-allowed on its side", () => {
    const text = chatWith("      - name: awaiting_join", "          - { receive: ErrorReply, to: ready }\n", "");
    const found = ofKind(modelCheck(specFromYaml(text, "chat.yaml")).findings, "refusal-not-allowed");
    expect(found.map((f) => `${f.role} ${f.state}`)).toEqual(["initiator awaiting_join"]);
    expect(found[0]?.summary).toContain("refuses `JoinRoom` with `ErrorReply` (already_in_room, room_full, too_many_rooms)");
  });

  /** chat.yaml whose responder goes from Logout to a new state `logging_out` with these transitions. */
  const loggingOut = (transitions: string): string =>
    chatWith("      - name: serving", "          - { receive: Logout, to: closed }", "          - { receive: Logout, to: logging_out }").replace(
      "      - { name: closed, terminal: true, doc: Session ended by Logout; the connection is closed. }",
      `      - { name: logging_out, transitions: [${transitions}] }\n      - { name: closed, terminal: true, doc: Session ended by Logout; the connection is closed. }`,
    );

  it("a session end after which the server may still send group events: events-after-end at each such transition", () => {
    const text = loggingOut("{ send: RoomMessage, to: logging_out }, { send: Kicked, to: closed }");
    const found = ofKind(modelCheck(specFromYaml(text, "chat.yaml")).findings, "events-after-end");
    expect(found.map((f) => `${f.state} ${f.message}`)).toEqual(["logging_out RoomMessage", "logging_out Kicked"]);
    expect(found[0]).toMatchObject({ role: "responder", path: ["machines", "responder", "states", 8, "transitions", 0] });
    expect(found[0]?.summary).toBe("`Logout` ends the session (behaviour.session.ends: it leaves every group), but server in `logging_out` may still send `RoomMessage`, a group event, before a session opens again");
  });

  it("a session end whose next state sends events only after a new login is clean", () => {
    // From logging_out, events come again only after Login opened a session (checking_login → serving).
    const text = loggingOut("{ receive: Login, to: checking_login }, { receive: Logout, to: closed }");
    expect(ofKind(modelCheck(specFromYaml(text, "chat.yaml")).findings, "events-after-end")).toEqual([]);
  });
});
