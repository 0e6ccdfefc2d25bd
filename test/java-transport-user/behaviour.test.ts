// The Java behaviour engine as files (src/emit/java/behaviour/): written only
// for a spec with a behaviour section, one synchronized method per planned
// message with its checks in the plan's order, the default server handlers
// calling it; a kind Java does not print yet fails generation with a named
// error. Compiling and running it is generated-behaviour-java.test.ts's.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/behaviour/build-plan.js";
import { createFileSet, type GeneratedFile } from "../../src/emit/index.js";
import { BehaviourEmitError } from "../../src/behaviour/emit-error.js";
import { buildJavaModel } from "../../src/emit/java/model.js";
import { javaAppFiles } from "../../src/emit/java/transport/app-files.js";
import type { Transport } from "../../src/emit/language.js";
import type { Spec } from "../../src/spec/model.js";
import { example } from "../python-layer/support.js";

const MAIN = "java/src/main/java/";
const ENGINE = "Behaviour.java";

function generate(spec: Spec, transport: Transport = "tcp"): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  javaAppFiles(files, buildJavaModel(spec), transport);
  return files.finish();
}

function text(files: readonly GeneratedFile[], name: string): string {
  const f = files.find((x) => x.path.startsWith(MAIN) && x.path.endsWith(`/${name}`));
  if (f === undefined) throw new Error(`no ${name}`);
  return String(f.content);
}

const between = (s: string, from: string, to: string): string => s.slice(s.indexOf(from), s.indexOf(to, s.indexOf(from)));

describe("the Java behaviour engine", () => {
  it("is written for chat over every transport, and for no spec without a behaviour section", () => {
    for (const name of ["chat", "sensor-telemetry", "file-transfer"] as const) {
      for (const transport of ["tcp", "udp", "http"] as const) {
        const names = generate(example(name), transport).map((f) => f.path.split("/").pop());
        const has = example(name).behaviour !== undefined;
        expect(names.includes(ENGINE), `${name} ${transport}`).toBe(has);
        expect(names.includes("BehaviourState.java"), `${name} ${transport}`).toBe(has);
      }
    }
  });

  it("has one synchronized method per planned message, and the default handlers call it", () => {
    const files = generate(example("chat"));
    const engine = text(files, ENGINE);
    const handlers = text(files, "ServerHandlers.java");
    const expected: Record<string, [string, string]> = {
      Login: ["login", "Message"],
      Resume: ["resume", "Message"],
      Logout: ["logout", "void"],
      JoinRoom: ["joinRoom", "Message"],
      LeaveRoom: ["leaveRoom", "Message"],
      SendMessage: ["sendMessage", "Message"],
      Typing: ["typing", "void"],
      KickUser: ["kickUser", "Message"],
    };
    expect(buildPlan(example("chat")).messages.map((m) => m.message)).toEqual(Object.keys(expected));
    for (const [message, [method, returns]] of Object.entries(expected)) {
      expect(engine).toContain(`public synchronized ${returns} ${method}(ServerSession session, ${message} message) {`);
      expect(handlers).toContain(`${returns === "void" ? "" : "return "}behaviour.${method}(session, message);`);
    }
    // SetStatus is not in the plan: its handler keeps the inferred default.
    expect(handlers).toContain("for (String group : new TreeSet<>(session.groups())) {");
    expect(handlers).toContain("this.behaviour = new Behaviour(clock);");
    expect(engine).toContain("this.state = new BehaviourState(this, 120000L, (kind, key) -> key, this::left);");
  });

  it("refuses a name a live session has, and resumes with a single-use token, its rooms and the missed events", () => {
    const engine = text(generate(example("chat")), ENGINE);
    const login = between(engine, "Message login(", "Message resume(");
    expect(login.indexOf("if (state.taken(message.username())) {")).toBeLessThan(login.indexOf("ErrorCode.NAME_TAKEN"));
    expect(login).toContain("state.issue(record, token(32))");
    const resume = between(engine, "Message resume(", "void logout(");
    expect(resume).toContain("BehaviourState.SessionRecord record = state.resumable(message.sessionToken());");
    expect(resume).toContain('state.resume(session, record, List.of("room"));');
    expect(resume).toContain('List<Message> replay = state.missed(record, List.of("room"), message.lastMessageId());');
    expect(resume).toContain("session.pushAfterAnswer(event);");
    expect(resume).toContain("restoredRoomGroups(record)");
  });

  it("prints KickUser's checks in the plan's order, each refusing with its declared error", () => {
    const engine = text(generate(example("chat")), ENGINE);
    const kick = between(engine, "Message kickUser(", "private void left(");
    const moderator = kick.indexOf("ErrorCode.NOT_A_MODERATOR");
    const target = kick.indexOf("ErrorCode.NOT_IN_ROOM");
    const notify = kick.indexOf("state.sendTo(target.record(), kicked);");
    const removal = kick.indexOf("state.leave(roomGroup, target.record());");
    expect([moderator, target, notify, removal].every((i) => i > 0)).toBe(true);
    expect(moderator < target && target < notify && notify < removal).toBe(true);
  });

  it("grants the moderator attribute to the first member and numbers the recorded history", () => {
    const engine = text(generate(example("chat")), ENGINE);
    expect(engine).toContain('state.join(roomGroup, record, roomGroup.size() == 0 ? List.of("moderator") : List.<String>of());');
    const send = between(engine, "Message sendMessage(", "void typing(");
    expect(send).toContain("long itemId = state.nextItemId();");
    expect(send).toContain("BehaviourState.HistoryEntry entry = state.record(roomGroup, 50, itemId, item);");
    expect(send).toContain("entry.event(roomMessage);");
  });

  it("keeps the answer of an idempotent request and looks it up before any check", () => {
    const engine = text(generate(example("chat")), ENGINE);
    const send = between(engine, "Message sendMessage(", "void typing(");
    expect(send.indexOf('state.answered(record, "SendMessage", message.clientMsgId())')).toBeLessThan(send.indexOf("ErrorCode.NOT_IN_ROOM"));
    expect(send).toContain('state.keep(record, "SendMessage", message.clientMsgId(), answer, 1000);');
  });

  it("fails with a named error on a kind it does not print yet (progress)", () => {
    const chat = example("chat");
    const behaviour = chat.behaviour;
    if (behaviour === undefined) throw new Error("chat has a behaviour section");
    const upload = { name: "upload", id: "MessageAccepted.message_id", at: "SendMessage.client_msg_id", acknowledged: [], error: "not_in_room" };
    expect(() => generate({ ...chat, behaviour: { ...behaviour, progress: [upload] } })).toThrow(BehaviourEmitError);
  });

  it("without remove.notMember, removes and tells only a member the request names", () => {
    const chat = example("chat");
    const behaviour = chat.behaviour;
    const room = behaviour?.groups[0];
    if (behaviour === undefined || room?.remove === undefined) throw new Error("chat has a room with remove");
    const { notMember: _none, ...remove } = room.remove;
    const engine = text(generate({ ...chat, behaviour: { ...behaviour, groups: [{ ...room, remove }] } }), ENGINE);
    const kick = between(engine, "Message kickUser(", "private void left(");
    expect(kick).toContain("BehaviourState.MemberState target = roomGroup.member(message.username());");
    expect(kick).not.toContain("ErrorCode.NOT_IN_ROOM");
    expect(kick.match(/if \(target != null\) \{/g)).toHaveLength(1);
  });
});
