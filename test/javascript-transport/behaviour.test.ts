// The JavaScript behaviour engine as files (src/emit/javascript/behaviour/):
// written only for a spec with a behaviour section, one method per planned
// message with its checks in the plan's order, the default handlers calling
// it; the demo's expected answers follow the plan; a kind JavaScript does not
// print yet fails generation with a named error.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/behaviour/build-plan.js";
import { demoOutcomes } from "../../src/behaviour/demo-outcomes.js";
import { BehaviourEmitError } from "../../src/behaviour/emit-error.js";
import { EXAMPLES, example, text, transportFiles, TRANSPORTS } from "./support.js";

const ENGINE = "javascript/src/behaviour.js";
const FILES = [ENGINE, "javascript/src/internal/behaviour-state.js", "javascript/types/behaviour.d.ts"];

describe("the JavaScript behaviour engine", () => {
  it("is written for chat over every transport, and for no spec without a behaviour section", () => {
    for (const name of EXAMPLES) {
      for (const transport of TRANSPORTS) {
        const paths = transportFiles(example(name), transport).map((f) => f.path);
        for (const path of FILES) expect(paths.includes(path), `${name} ${transport} ${path}`).toBe(example(name).behaviour !== undefined);
      }
    }
    const { behaviour: _none, ...bare } = example("chat");
    expect(transportFiles(bare, "tcp").map((f) => f.path).filter((p) => p.includes("behaviour"))).toEqual([]);
  });

  it("has one method per planned message, and the default handlers call it", () => {
    const files = transportFiles(example("chat"), "tcp");
    const engine = text(files, ENGINE);
    const handlers = text(files, "javascript/src/handlers.js");
    const expected: Record<string, string> = { Login: "login", Resume: "resume", Logout: "logout", JoinRoom: "joinRoom", LeaveRoom: "leaveRoom", SendMessage: "sendMessage", Typing: "typing", KickUser: "kickUser" };
    expect(buildPlan(example("chat")).messages.map((m) => m.message)).toEqual(Object.keys(expected));
    for (const method of Object.values(expected)) {
      expect(engine).toContain(`async ${method}(session, message) {`);
      expect(handlers).toMatch(new RegExp(`(return|await) this\\.behaviour\\.${method}\\(session, message\\);`));
    }
    // SetStatus is not in the plan: its handler keeps the inferred default.
    expect(handlers).toContain("for (const group of [...session.groups].sort()) {");
    expect(handlers).toContain("this.behaviour = new Behaviour({ clock: () => this.clock() });");
  });

  it("prints KickUser's checks in the plan's order, each refusing with its declared error", () => {
    const engine = text(transportFiles(example("chat"), "tcp"), ENGINE);
    const kick = engine.slice(engine.indexOf("async kickUser("), engine.indexOf("async #left("));
    const moderator = kick.indexOf("ErrorCode.NOT_A_MODERATOR");
    const target = kick.indexOf("ErrorCode.NOT_IN_ROOM");
    const notify = kick.indexOf("await this.state.sendTo(target.record, kicked);");
    const removal = kick.indexOf("this.state.leave(roomGroup, target.record);");
    expect([moderator, target, notify, removal].every((i) => i > 0)).toBe(true);
    expect(moderator < target && target < notify && notify < removal).toBe(true);
  });

  it("keeps the answer of an idempotent request and looks it up before any check", () => {
    const engine = text(transportFiles(example("chat"), "tcp"), ENGINE);
    const send = engine.slice(engine.indexOf("async sendMessage("), engine.indexOf("async typing("));
    expect(send.indexOf('this.state.answered(record, "SendMessage", message.clientMsgId)')).toBeLessThan(send.indexOf("ErrorCode.NOT_IN_ROOM"));
    expect(send).toContain('this.state.keep(record, "SendMessage", message.clientMsgId, answer, 1000);');
  });

  it("fails with a named error on a kind it does not print yet (progress)", () => {
    const chat = example("chat");
    const behaviour = chat.behaviour;
    if (behaviour === undefined) throw new Error("chat has a behaviour section");
    const upload = { name: "upload", id: "MessageAccepted.message_id", at: "SendMessage.client_msg_id", acknowledged: [], error: "not_in_room" };
    expect(() => transportFiles({ ...chat, behaviour: { ...behaviour, progress: [upload] } }, "tcp")).toThrow(BehaviourEmitError);
  });

  it("without remove.notMember, removes and tells only a member the request names", () => {
    const chat = example("chat");
    const behaviour = chat.behaviour;
    const room = behaviour?.groups[0];
    if (behaviour === undefined || room?.remove === undefined) throw new Error("chat has a room with remove");
    const { notMember: _none, ...remove } = room.remove;
    const lenient = { ...chat, behaviour: { ...behaviour, groups: [{ ...room, remove }] } };
    const engine = text(transportFiles(lenient, "tcp"), ENGINE);
    const kick = engine.slice(engine.indexOf("async kickUser("), engine.indexOf("async #left("));
    expect(kick).toContain("const target = roomGroup.members.get(message.username);");
    expect(kick).not.toContain("ErrorCode.NOT_IN_ROOM");
    expect(kick.match(/if \(target !== undefined\) \{/g)).toHaveLength(1);
  });

  it("counts the numbers a sequence skips into its gaps field", () => {
    const chat = example("chat");
    const behaviour = chat.behaviour;
    if (behaviour === undefined) throw new Error("chat has a behaviour section");
    const numbered = { ...chat, behaviour: { ...behaviour, sequence: [{ field: "SendMessage.client_msg_id", gaps: "MessageAccepted.message_id" }] } };
    const engine = text(transportFiles(numbered, "tcp"), ENGINE);
    expect(engine).toContain('const gaps = this.state.sequence(record, "SendMessage.client_msg_id", message.clientMsgId);');
    expect(engine).toContain("messageId: BigInt(gaps),");
  });
});

describe("demoOutcomes", () => {
  const chat = example("chat");
  const send = (message: string, value: Record<string, string | bigint | boolean>) => ({ message, value });
  const login = send("Login", { username: "alice", password: "correct horse" });

  it("answers one client as the plan does: a post after leaving and a kick of an absent user are refused", () => {
    const sends = [login, send("JoinRoom", { room: "general" }), send("Typing", { room: "general", active: true }), send("LeaveRoom", { room: "general" }), send("SendMessage", { room: "general", client_msg_id: 1n, text: "hi" }), send("KickUser", { room: "general", username: "bob" })];
    expect(demoOutcomes(chat, sends)).toEqual(["LoginOk", "JoinOk", "LeaveOk", "ErrorReply", "ErrorReply"]);
  });

  it("lets the first member, a moderator, kick itself unless each login takes a fresh identity", () => {
    const sends = [login, send("JoinRoom", { room: "general" }), send("KickUser", { room: "general", username: "alice" }), send("LeaveRoom", { room: "general" })];
    expect(demoOutcomes(chat, sends)).toEqual(["LoginOk", "JoinOk", "KickOk", "ErrorReply"]);
    expect(demoOutcomes(chat, sends, { freshIdentities: true })).toEqual(["LoginOk", "JoinOk", "ErrorReply", "LeaveOk"]);
  });
});
