// The behaviour plan (docs/decisions/0009) derived from a spec's behaviour
// section: for chat, every check, effect and built field in order; and the
// rules that choose them, each shown changing when its declaration changes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { buildPlan } from "../../src/behaviour/build-plan.js";
import { describePlan } from "../../src/behaviour/describe-plan.js";
import { parseSpecText } from "../../src/spec/parse.js";
import type { Spec } from "../../src/spec/model.js";

const CHAT = readFileSync(new URL("../../examples/chat.yaml", import.meta.url), "utf8");

/** Chat, its behaviour section changed by `edit`. */
function chat(edit: (behaviour: any) => void = () => {}): Spec {
  const input = parseYaml(CHAT);
  edit(input.behaviour);
  const result = parseSpecText(stringify(input), "chat.yaml");
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.spec;
}

const plan = (spec: Spec) => describePlan(buildPlan(spec));
const linesOf = (spec: Spec, message: string): string[] => {
  const all = plan(spec);
  const start = all.indexOf(message);
  const end = all.findIndex((l, i) => i > start && !l.startsWith("  "));
  return all.slice(start, end < 0 ? undefined : end);
};

describe("the behaviour plan", () => {
  it("gives chat's messages their checks, effects and answers, in order", () => {
    expect(plan(chat())).toEqual([
      "Login",
      "  check no live session is username, else name_taken",
      "  open the session as username",
      "  answer LoginOk(session_token=new token, resume_window_ms=120000 ms)",
      "Resume",
      "  check session_token is a live token, else session_expired",
      "  resume the session with its rooms",
      "  after the answer, send the recorded events newer than last_message_id",
      "  answer ResumeOk(session_token=new token, username=who it is about, rooms=each room {room=key, members=members[username, is_moderator:moderator], is_moderator=moderator?}, replayed_count=replayed count)",
      "Logout",
      "  end the session",
      "JoinRoom",
      "  check the sender is not yet in the room, else already_in_room",
      "  check the room has fewer than 100 members, else room_full",
      "  check the sender is in fewer than 8 rooms, else too_many_rooms",
      "  join the room",
      "  send PresenceUpdate(room=key, username=who it is about, change=\"joined\") to the other members (not the sender)",
      "  answer JoinOk(summary={room=key, members=members[username, is_moderator:moderator], is_moderator=moderator?}, history=history)",
      "LeaveRoom",
      "  check the sender is in the room named by room, else not_in_room",
      "  leave the room",
      "  send PresenceUpdate(room=key, username=who it is about, change=\"left\") to the other members (not the sender)",
      "  answer LeaveOk(room=key)",
      "SendMessage (idempotent on client_msg_id, last 1000)",
      "  check the sender is in the room named by room, else not_in_room",
      "  record ChatMessage(message_id=next id, sender=who acted, text=request.text) in the room's last 50",
      "  send RoomMessage(room=key, message=item) to the members",
      "  answer MessageAccepted(client_msg_id=request.client_msg_id, message_id=item.message_id, sent_at=item.sent_at)",
      "Typing",
      "  check the sender is in the room named by room, else not_in_room",
      "  send MemberTyping(room=key, username=who it is about, active=request.active) to the other members (not the sender)",
      "KickUser",
      "  check the sender is moderator of the room named by room, else not_a_moderator",
      "  check username is in the room, else not_in_room",
      "  send Kicked(room=key, moderator=who acted, reason=request.reason) to the member it is about",
      "  remove username from the room",
      "  send PresenceUpdate(room=key, username=request.username, change=\"kicked\") to the other members (not the target)",
      "  answer KickOk(room=key, username=request.username)",
      "session end",
      "  send PresenceUpdate(room=key, username=who it is about, change=\"left\") to the other members (not the sender)",
    ]);
  });

  it("is empty for a spec without a behaviour section", () => {
    const input = parseYaml(CHAT);
    delete input.behaviour;
    const result = parseSpecText(stringify(input), "chat.yaml");
    expect(result.ok && buildPlan(result.spec)).toEqual({ messages: [], onSessionEnd: [] });
  });

  it("binds the answer to the recorded item only when the event records it", () => {
    const unrecorded = chat((b) => {
      b.groups[0].events[0].record = false;
    });
    expect(linesOf(unrecorded, "SendMessage (idempotent on client_msg_id, last 1000)")).toEqual([
      "SendMessage (idempotent on client_msg_id, last 1000)",
      "  check the sender is in the room named by room, else not_in_room",
      // The message is built field by field instead: no id from the history.
      "  send RoomMessage(room=key, message={sender=who acted, text=request.text}) to the members",
      "  answer MessageAccepted(client_msg_id=request.client_msg_id)",
    ]);
  });

  it("runs guards before the group's own refusals, in declaration order", () => {
    const guardedJoin = chat((b) => b.guards.unshift({ request: "JoinRoom", member: "room", error: "not_in_room" }));
    expect(linesOf(guardedJoin, "JoinRoom").slice(1, 3)).toEqual([
      "  check the sender is in the room named by room, else not_in_room",
      "  check the sender is not yet in the room, else already_in_room",
    ]);
  });

  it("fills identity fields only when the session declares who a session is", () => {
    const anonymous = chat((b) => delete b.session);
    expect(linesOf(anonymous, "Typing")).toEqual([
      "Typing",
      "  check the sender is in the room named by room, else not_in_room",
      "  send MemberTyping(room=key, active=request.active) to the other members (not the sender)",
    ]);
    expect(plan(anonymous)).not.toContain("Login");
  });

  it("sends a leave's events for every group when the session ends, and none without them", () => {
    expect(buildPlan(chat()).onSessionEnd).toHaveLength(1);
    expect(buildPlan(chat((b) => b.groups[0].events.splice(3, 1))).onSessionEnd).toEqual([]);
  });
});
