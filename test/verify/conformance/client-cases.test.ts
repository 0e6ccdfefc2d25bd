// Client case derivation (stable names, counts, twists, bounds), the client
// machine as the server sees it (messages in flight), and the judge's rules
// on how a client ends. Pure.
import { describe, expect, it } from "vitest";
import { ClientMachineTracker, type ClientCase, ConnectionJudge, deriveClientCases, judgeClientRun, representativeCode } from "../../../src/verify/conformance/client/index.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { example } from "../../python-layer/support.js";

const chat = example("chat");

describe("deriveClientCases", () => {
  it("derives the chat cases with stable names", () => {
    expect(deriveClientCases(chat).map((c) => c.name)).toEqual([
      "client/session/happy-path",
      "client/error/Login",
      "client/error/JoinRoom",
      "client/error/LeaveRoom",
      "client/error/SendMessage",
      "client/error/KickUser",
      "client/event/RoomMessage",
      "client/event/PresenceUpdate",
      "client/event/MemberTyping",
      "client/event/Kicked",
      "client/event/RoomMessage-while-JoinRoom",
      "client/event/PresenceUpdate-while-JoinRoom",
      "client/event/MemberTyping-while-JoinRoom",
      "client/event/Kicked-while-JoinRoom",
      "client/keepalive/ping",
      "client/wire/garbage",
      "client/answer/wrong-message",
      "client/close/mid-session",
      "client/timeout/no-answer",
    ]);
  });

  it.each([
    ["sensor-telemetry", 8],
    ["file-transfer", 12],
  ] as const)("derives %s: %i cases, no event case (the server pushes none)", (name, count) => {
    const cases = deriveClientCases(example(name));
    expect(cases).toHaveLength(count);
    expect(cases.filter((c) => c.family === "event")).toEqual([]);
  });

  it("answers each request of the flow with a code the spec ties to it, never a refusal code", () => {
    const kit = createCaseKit(chat);
    expect(["Login", "JoinRoom", "SendMessage", "KickUser"].map((r) => representativeCode(kit, r))).toEqual(["invalid_username", "room_not_found", "message_too_long", "not_a_moderator"]);
    expect(representativeCode(createCaseKit(example("sensor-telemetry")), "Report")).toBe("invalid_reading");
    const login = deriveClientCases(chat).find((c) => c.name === "client/error/Login");
    expect(login?.proves).toEqual(["message:Login", "message:ErrorReply", "error:invalid_username", "transition:client.logging_in/ErrorReply"]);
    const during = deriveClientCases(chat).find((c) => c.name === "client/event/Kicked-while-JoinRoom");
    expect(during?.twist).toEqual({ kind: "event-while", request: "JoinRoom", event: "Kicked" });
    expect(during?.proves).toEqual(["message:Kicked", "state:server.joining", "transition:client.awaiting_join/Kicked"]);
  });

  it("bounds the timeout case by the spec's request timeout plus the margin", () => {
    const timeout = deriveClientCases(chat, { endMs: 1000, timeoutMarginMs: 2000 }).find((c) => c.name === "client/timeout/no-answer");
    expect(timeout?.outcome).toEqual({ kind: "stops", withinMs: 5000 + 2000, why: "of Login" });
    const shortened = deriveClientCases(chat, { endMs: 1000, timeoutMarginMs: 2000, requestTimeoutMs: 500 }).find((c) => c.name === "client/timeout/no-answer");
    expect(shortened?.outcome).toMatchObject({ withinMs: 2500 });
  });
});

describe("ClientMachineTracker", () => {
  it("allows a send after an answer still in flight, and refuses one no prefix allows", () => {
    const t = new ClientMachineTracker(chat);
    expect(t.clientSent("Login")).toBeUndefined();
    t.serverSent("LoginOk");
    t.serverSent("RoomMessage");
    expect(t.clientSent("JoinRoom")).toBeUndefined(); // after reading LoginOk
    expect(t.clientSent("Typing")).toBeUndefined();
    expect(t.clientSent("LeaveRoom")).toBe("LeaveRoom in awaiting_join (or after receiving RoomMessage), which does not allow it (allowed: Typing, SetStatus)");
    expect(t.state).toBe("awaiting_join");
  });

  it("refuses anything after a terminal state", () => {
    const t = new ClientMachineTracker(chat);
    t.clientSent("Login");
    t.serverSent("LoginOk");
    expect(t.clientSent("Logout")).toBeUndefined();
    expect(t.clientSent("SetStatus")).toBe("SetStatus in closed, which does not allow it (allowed: nothing, a terminal state)");
  });
});

describe("judgeClientRun", () => {
  const stops: ClientCase = { name: "client/wire/garbage", family: "wire", proves: [], summary: "", transports: ["tcp"], twist: { kind: "garbage", request: "Login" }, outcome: { kind: "stops", withinMs: 3000, why: "of the bad magic" } };
  const base = { limitMs: 30_000, connections: [], afterTwistMs: 10 };

  it("calls a Python or Node stack trace a crash, whatever the exit code", () => {
    const py = judgeClientRun(stops, chat.machines.initiator, { ...base, exit: { code: 1, signal: null, killed: false }, output: "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: x\n" });
    expect(py).toBe("crashed: its output has a stack trace (Traceback (most recent call last):); its last line: ValueError: x");
    const node = judgeClientRun(stops, chat.machines.initiator, { ...base, exit: { code: 1, signal: null, killed: false }, output: "Error: boom\n    at Socket.<anonymous> (file:///x/demo/client.js:10:5)\n" });
    expect(node).toMatch(/^crashed: its output has a stack trace \(at Socket\.<anonymous> \(file:\/\/\/x\/demo\/client\.js:10:5\)\)/);
  });

  it("fails a client that exits 0 after garbage without saying it stopped, and passes one that says so", () => {
    const exit = { code: 0, signal: null, killed: false };
    const connections = [{ judge: new ConnectionJudge(createCaseKit(chat)), closed: true }];
    expect(judgeClientRun(stops, chat.machines.initiator, { ...base, connections, exit, output: "done: sent 1\n" })).toBe("exited 0 with no `stopped:` or `error` line, as if the session had completed; its last line: done: sent 1");
    expect(judgeClientRun(stops, chat.machines.initiator, { ...base, connections, exit, output: "stopped: bad frame header\ndone: sent 1\n" })).toBeUndefined();
  });

  it("names the bound a killed client missed", () => {
    expect(judgeClientRun(stops, chat.machines.initiator, { ...base, exit: { code: null, signal: "SIGKILL", killed: true }, output: "" })).toBe("did not end within 3000 ms of the bad magic; killed; it printed nothing");
  });
});
