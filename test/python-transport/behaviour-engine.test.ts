// The Python behaviour engine (docs/decisions/0009, step 4): behaviour.py and
// _behaviour.py only for a spec with a behaviour section, one method per
// planned message printed from the plan, the default handlers calling it, and
// a named error for a plan the engine cannot print yet. Conformance of the
// running engine: test/verify/conformance/generated-behaviour-python.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/behaviour/build-plan.js";
import { BehaviourEmitError } from "../../src/behaviour/emit-error.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { EXAMPLES, TRANSPORTS, example, text, transportFiles } from "./support.js";

const ENGINE = "python/src/chat/behaviour.py";
const STATE = "python/src/chat/_behaviour.py";

describe("the Python behaviour engine", () => {
  it("is generated only for a spec with a behaviour section", () => {
    for (const name of EXAMPLES) {
      const paths = transportFiles(example(name), "tcp").map((f) => f.path);
      const has = example(name).behaviour !== undefined;
      expect(paths.some((p) => p.endsWith("/behaviour.py")), name).toBe(has);
      expect(paths.some((p) => p.endsWith("/_behaviour.py")), name).toBe(has);
    }
  });

  it("has one method per planned message, and the handlers of those messages call it", () => {
    const spec = example("chat");
    for (const transport of TRANSPORTS) {
      const files = transportFiles(spec, transport);
      const engine = text(files, ENGINE);
      const handlers = text(files, "python/src/chat/handlers.py");
      const methods = [...engine.matchAll(/^ {4}async def (\w+)\(self, session: ServerSession/gm)].map((m) => m[1]);
      expect(methods).toEqual(["login", "resume", "logout", "join_room", "leave_room", "send_message", "typing", "kick_user"]);
      expect(buildPlan(spec).messages.map((m) => m.message)).toEqual(["Login", "Resume", "Logout", "JoinRoom", "LeaveRoom", "SendMessage", "Typing", "KickUser"]);
      expect(handlers).toContain("self.behaviour = Behaviour(clock)");
      expect(handlers).toContain("return await self.behaviour.kick_user(session, message)");
      expect(handlers).toContain("await self.behaviour.typing(session, message)");
      // SetStatus is not in the plan: it keeps the inferred default.
      expect(handlers).toMatch(/async def on_set_status[\s\S]*for group in sorted\(session\.groups\):/);
    }
  });

  it("prints each check with its declared error, in the plan's order", () => {
    const engine = text(transportFiles(example("chat"), "tcp"), ENGINE);
    const kick = engine.slice(engine.indexOf("async def kick_user"), engine.indexOf("async def session_ended"));
    expect(kick.indexOf("ErrorCode.NOT_A_MODERATOR")).toBeGreaterThan(0);
    expect(kick.indexOf("ErrorCode.NOT_A_MODERATOR")).toBeLessThan(kick.indexOf("ErrorCode.NOT_IN_ROOM"));
    expect(kick.indexOf("self.remove(")).toBeGreaterThan(kick.indexOf("Kicked("));
    expect(engine).toContain('if not self.identity_free(message.username):\n            return ErrorReply(code=ErrorCode.NAME_TAKEN, detail="name_taken")');
    expect(engine).toContain('if len(self.members("room", message.room)) >= 100:');
    expect(engine).toContain('if self.group_count("room", me.identity) >= 8:');
    expect(engine).toContain('self.join(me, "room", message.room, ("moderator",))');
    expect(engine).toContain("super().__init__(clock, resume_window_ms=120000, restores=(\"room\",))");
  });

  it("answers a retried idempotent request with the first answer, and records before it broadcasts", () => {
    const engine = text(transportFiles(example("chat"), "tcp"), ENGINE);
    const send = engine.slice(engine.indexOf("async def send_message"), engine.indexOf("async def typing"));
    expect(send).toContain('earlier = self.answered(me, "SendMessage", message.client_msg_id)');
    expect(send).toContain("if isinstance(earlier, MessageAccepted):\n            return earlier");
    expect(send).toContain('self.remember(me, "SendMessage", message.client_msg_id, answer, 1000)');
    expect(send.indexOf("recorded = self.record(")).toBeLessThan(send.indexOf('await self.send("room", message.room, event, "members", me.identity)'));
    expect(send).toContain("message_id=item.message_id");
  });

  it("tells the other members when a session ends, and replays after a resume's answer", () => {
    const engine = text(transportFiles(example("chat"), "tcp"), ENGINE);
    expect(engine).toMatch(/async def session_ended[\s\S]*if kind == "room" and isinstance\(key, str\):[\s\S]*change=PresenceChange\.LEFT/);
    expect(engine).toContain("replayed = self.missed(me, message.last_message_id)");
    expect(engine).toContain("for event in replayed:\n            session.push_after_answer(event)");
  });

  it("is deterministic, and the state module is the runtime copied verbatim", () => {
    const a = transportFiles(example("chat"), "udp");
    const b = transportFiles(example("chat"), "udp");
    expect(text(a, ENGINE)).toBe(text(b, ENGINE));
    expect(text(a, STATE)).toContain("class BehaviourState:");
    expect(text(a, STATE).startsWith("# Generated by protoforge")).toBe(true);
  });

  it("counts skipped sequence numbers, without a session section (sensor-telemetry with a sequence entry)", () => {
    const text0 = readFileSync("examples/sensor-telemetry.yaml", "utf8")
      .replace("min: 0, max: 100, optional: true }\n", "min: 0, max: 100, optional: true }\n      - { name: seq, type: uint32, doc: Report number. }\n")
      .replace("stored the reading. }\n", "stored the reading. }\n      - { name: missed, type: uint32, doc: Reports skipped. }\n")
      .replace("requirements:", "behaviour:\n  sequence:\n    - { field: Report.seq, gaps: ReportAck.missed }\n\nrequirements:");
    const parsed = parseSpecText(text0, "sensor-seq.yaml");
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
    const engine = text(transportFiles(parsed.spec, "tcp"), "python/src/sensor_telemetry/behaviour.py");
    expect(engine).toContain("super().__init__(clock, resume_window_ms=None, restores=())");
    expect(engine).toContain('gaps = self.sequence(me, "seq", message.seq)');
    expect(engine).toContain("missed=gaps");
  });

  it("refuses by name a plan kind it cannot print yet", () => {
    const spec = example("chat");
    const behaviour = spec.behaviour;
    if (behaviour === undefined) throw new Error("chat has a behaviour section");
    const withProgress = {
      ...spec,
      behaviour: { ...behaviour, progress: [{ name: "upload", id: "JoinOk.history", at: "SendMessage.client_msg_id", acknowledged: [], error: "invalid_request" }] },
    } as unknown as typeof spec;
    let caught: unknown;
    try {
      transportFiles(withProgress, "tcp");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BehaviourEmitError);
    expect((caught as BehaviourEmitError).code).toBe("unsupported-kind");
  });
});
