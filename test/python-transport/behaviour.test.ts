// What the default behaviour and the generated tests make of the examples:
// broadcasts read from the spec's docs and names, groups from join/leave
// requests, error codes per refusal, the demo script from the session flow.
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/emit/transport-common/behaviour.js";
import { createContext } from "../../src/emit/python/transport/context.js";
import { scriptOf } from "../../src/emit/python/transport/demo-file.js";
import { planTests } from "../../src/emit/transport-common/test-plan.js";
import { example, text, transportFiles } from "./support.js";

const contextOf = (name: "chat" | "sensor-telemetry" | "file-transfer") => createContext(example(name), { transport: "tcp" });

describe("the default behaviour of the examples", () => {
  it("chat: rooms are groups, posts and presence are broadcast", () => {
    const b = analyse(contextOf("chat"));
    expect(b.auth?.name).toBe("Login");
    expect(b.credential?.name).toBe("password");
    expect(b.identity?.name).toBe("username");
    expect(b.groupKey?.name).toBe("room");
    expect([...b.joins]).toEqual(["JoinRoom"]);
    expect([...b.leaves]).toEqual(["LeaveRoom"]);
    const rules = Object.fromEntries([...b.broadcasts].map(([t, rs]) => [t, rs.map((r) => `${r.event}:${r.group}${r.includeSender ? "+sender" : ""}`)]));
    expect(rules).toEqual({
      JoinRoom: ["PresenceUpdate:field"],
      LeaveRoom: ["PresenceUpdate:field"],
      SendMessage: ["RoomMessage:field+sender"],
      SetStatus: ["PresenceUpdate:session-groups"],
      Typing: ["MemberTyping:field"],
      KickUser: ["PresenceUpdate:field", "Kicked:field"],
    });
    expect(b.broadcasts.get("JoinRoom")?.[0]?.enumChoices.get("change")).toBe("joined");
    expect(Object.fromEntries(b.codes)).toEqual({
      not_authenticated: "not_authenticated",
      out_of_order: "invalid_request",
      invalid: "invalid_request",
      rate_limited: "rate_limited",
      internal: "invalid_request",
    });
  });

  it("sensor-telemetry: no groups or broadcasts; the API key is the credential", () => {
    const b = analyse(contextOf("sensor-telemetry"));
    expect(b.credential?.name).toBe("api_key");
    expect(b.identity?.name).toBe("sensor_id");
    expect(b.groupKey).toBeUndefined();
    expect(b.broadcasts.size).toBe(0);
    expect(b.codes.get("rate_limited")).toBe("rate_limited");
    expect(b.codes.get("not_authenticated")).toBe("unauthorized");
  });

  it("the handlers answer from the request, the session's memory, the clock and fresh ids", () => {
    const handlers = text(transportFiles(example("file-transfer"), "tcp"), "python/src/file_transfer/handlers.py");
    expect(handlers).toContain("return Cancelled(upload_id=message.upload_id)");
    expect(handlers).toContain("offer = session.last(Offer)");
    expect(handlers).toMatch(/sha256=offer\.sha256 if offer is not None else b"/);
    expect(handlers).toMatch(/upload_id=self\.next_id\(\)/);
    expect(handlers).toContain("stored_at=self.clock()");
    const chat = text(transportFiles(example("chat"), "tcp"), "python/src/chat/handlers.py");
    // Chat declares its behaviour: the messages it governs call the engine (behaviour-engine.test.ts), the others keep the inference.
    expect(chat).toContain("return await self.behaviour.join_room(session, message)");
    expect(chat).toContain("for group in sorted(session.groups):");
  });

  it("the demo follows the session flow, sending during a pending request where the flow does", () => {
    const ctx = contextOf("chat");
    const script = scriptOf(ctx, analyse(ctx).flow).map((s) => `${s.kind}:${s.message}`);
    expect(script.slice(0, 6)).toEqual(["request:Login", "answer:LoginOk", "request:JoinRoom", "oneway:Typing", "oneway:SetStatus", "await:JoinOk"]);
  });

  it("the generated tests probe with the authentication request and know what the demo must do", () => {
    const ctx = contextOf("sensor-telemetry");
    const plan = planTests(ctx, analyse(ctx));
    expect(plan.probe?.request.name).toBe("Hello");
    expect(plan.probe?.ok.name).toBe("HelloAck");
    expect(plan.second?.name).toBe("Report");
    expect(plan.sent).toEqual(["Hello", "Report", "Goodbye"]);
    expect(plan.answers).toEqual(["HelloAck", "ReportAck"]);
    expect(plan.rateAnswerable).toBe(true);
    const chat = contextOf("chat");
    const chatPlan = planTests(chat, analyse(chat));
    expect(chatPlan.broadcast?.event.name).toBe("PresenceUpdate");
    expect(chatPlan.broadcast?.listener.map((m) => m.name)).toEqual(["Login", "JoinRoom"]);
  });
});
