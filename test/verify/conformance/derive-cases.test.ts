// Case derivation from the spec alone: stable names, the families, the
// elements each case proves and the shape of its script.
import { describe, expect, it } from "vitest";
import { deriveServerCases, type ConformanceCase } from "../../../src/verify/conformance/index.js";
import { example } from "../../python-layer/support.js";

const byFamily = (cases: readonly ConformanceCase[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of cases) out[c.family] = (out[c.family] ?? 0) + 1;
  return out;
};
const named = (cases: readonly ConformanceCase[], name: string): ConformanceCase => {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no case ${name} among ${cases.map((x) => x.name).join(", ")}`);
  return c;
};
const kinds = (c: ConformanceCase): string[] => c.steps.map((s) => (s.kind === "send" ? `send ${s.describe}` : s.kind));

describe("deriveServerCases on chat", () => {
  const cases = deriveServerCases(example("chat"));

  it("has the families in these counts", () => {
    expect(byFamily(cases)).toEqual({ session: 9, state: 9, wire: 21, constraint: 25, "unknown-id": 2, flags: 1, role: 11, keepalive: 2 });
    expect(cases).toHaveLength(80);
  });

  it("is deterministic", () => {
    expect(deriveServerCases(example("chat")).map((c) => c.name)).toEqual(cases.map((c) => c.name));
  });

  it("takes every request of the initial state as the first one, Resume included", () => {
    const resume = named(cases, "session/Resume→ResumeOk|ErrorReply");
    expect(kinds(resume)).toEqual(["send Resume #1", "expect-answer"]);
    expect(resume.steps[1]).toMatchObject({ kind: "expect-answer", seq: 1, accept: [{ message: "ResumeOk" }, { message: "ErrorReply", notCodes: ["not_authenticated"] }] });
    expect(resume.proves).toContain("transition:server.awaiting_login/Resume");
    expect(named(cases, "session/Login→LoginOk|ErrorReply").proves).toContain("message:LoginOk");
  });

  it("walks the route to serving before the requests of serving", () => {
    const post = named(cases, "session/SendMessage→MessageAccepted|ErrorReply@serving");
    expect(kinds(post)).toEqual(["send Login #1", "expect-answer", "send SendMessage #2", "expect-answer"]);
    expect(post.steps[1]).toMatchObject({ accept: [{ message: "LoginOk" }], purpose: "to reach serving" });
    expect(kinds(named(cases, "session/Logout→close@serving"))).toEqual(["send Login #1", "expect-answer", "send Logout #2", "expect-close"]);
    expect(kinds(named(cases, "session/Typing@serving"))).toEqual(["send Login #1", "expect-answer", "send Typing #2", "expect-silence", "send JoinRoom #3", "expect-answer"]);
  });

  it("refuses requests a state does not allow with the code its doc names, and closes on oneways", () => {
    const early = named(cases, "state/SendMessage-before-Login");
    expect(early.steps[1]).toMatchObject({ kind: "expect-answer", accept: [{ message: "ErrorReply", codes: ["not_authenticated"] }] });
    expect(early.proves).toEqual(["state:server.awaiting_login", "message:SendMessage", "error:not_authenticated"]);
    expect(kinds(named(cases, "state/Typing-before-Login"))).toEqual(["send Typing #1", "expect-close"]);
    expect(named(cases, "state/Login-in-serving").steps[3]).toMatchObject({ accept: [{ message: "ErrorReply" }] });
  });

  it("closes on header errors, unknown ids, RESPONSE on a request and server-only messages; continues after payload errors", () => {
    for (const name of ["wire/bad_magic/closes", "wire/wrong_version/closes", "wire/reserved_flag/closes", "wire/frame_too_large/closes", "unknown-id/0", "unknown-id/6", "flags/RESPONSE-on-Login", "role/LoginOk-from-client", "role/ErrorReply-from-client"]) {
      expect(named(cases, name).steps.map((s) => s.kind), name).toEqual(["send", "expect-close"]);
    }
    const utf8 = named(cases, "wire/Login/invalid_utf8/continues");
    expect(kinds(utf8)[1]).toBe("send Login #2");
    expect(utf8.steps[2]).toMatchObject({ kind: "expect-answer", seq: 2, tolerate: { seq: 1, messages: ["ErrorReply"] } });
    expect(utf8.proves).toEqual(["wire:invalid_utf8", "vector:login.invalid-utf8"]);
    expect(utf8.transports).toEqual(["tcp"]);
  });

  it("breaks each constraint of each request field once, expecting the field's onInvalid, else the spec's default, then a working connection", () => {
    const text = named(cases, "constraint/SendMessage.text/maxLength");
    expect(text.proves).toEqual(["field:SendMessage.text", "error:message_too_long"]);
    expect(kinds(text)).toEqual(["send Login #1", "expect-answer", "send SendMessage #2 with text of 1001 bytes (maxLength 1000)", "expect-answer", "send SendMessage #3", "expect-answer"]);
    expect(text.steps[3]).toMatchObject({ kind: "expect-answer", seq: 2, accept: [{ message: "ErrorReply", codes: ["message_too_long"] }] });
    expect(text.steps[5]).toMatchObject({ kind: "expect-answer", seq: 3, accept: [{ message: "MessageAccepted" }, { message: "ErrorReply" }] });
    expect(text.transports).toEqual(["tcp"]);
    const username = named(cases, "constraint/Login.username/minLength");
    expect(kinds(username)).toEqual(["send Login #1 with username of 2 bytes (minLength 3)", "expect-answer", "send Login #2", "expect-answer"]);
    expect(username.steps[1]).toMatchObject({ accept: [{ message: "ErrorReply", codes: ["invalid_username"] }] });
    expect(named(cases, "constraint/Login.username/pattern").steps[0]).toMatchObject({ describe: 'Login #1 with username "ABC" (pattern /[a-z][a-z0-9_]*/)' });
    expect(named(cases, "constraint/JoinRoom.room/maxLength").proves).toEqual(["field:JoinRoom.room", "error:invalid_request"]);
    // Without a spec-wide default, any code but another field's mapping or a state's refusal code.
    const { onInvalid: _default, ...security } = example("chat").security;
    const open = deriveServerCases({ ...example("chat"), security }).find((c) => c.name === "constraint/JoinRoom.room/maxLength");
    expect(open?.proves).toEqual(["field:JoinRoom.room"]);
    expect(open?.steps[3]).toMatchObject({ accept: [{ message: "ErrorReply", notCodes: ["invalid_username", "message_too_long", "not_authenticated"] }] });
    // Fields of messages the server sends, and oneways, have no case.
    expect(cases.some((c) => c.name.startsWith("constraint/LoginOk.") || c.name.startsWith("constraint/Typing."))).toBe(false);
  });

  it("pings before and after authentication", () => {
    expect(kinds(named(cases, "keepalive/PING→PONG"))).toEqual(["send PING #1", "expect-pong"]);
    expect(kinds(named(cases, "keepalive/PING→PONG@serving"))).toEqual(["send Login #1", "expect-answer", "send PING #2", "expect-pong"]);
  });
});

describe("deriveServerCases on sensor-telemetry", () => {
  const cases = deriveServerCases(example("sensor-telemetry"));

  it("has the families in these counts", () => {
    expect(byFamily(cases)).toEqual({ session: 3, state: 3, wire: 20, constraint: 11, "unknown-id": 2, flags: 1, role: 3, keepalive: 2 });
  });

  it("names its cases after the sensor's messages and roles", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(["session/Hello→HelloAck|ErrorReply", "session/Report→ReportAck|ErrorReply@serving", "session/Goodbye→close@serving", "state/Report-before-Hello", "state/Goodbye-before-Hello", "state/Hello-in-serving", "role/HelloAck-from-sensor", "unknown-id/7"]),
    );
  });

  it("ends a constraint case on Hello with the error answer, since the machine ends the session there", () => {
    const hello = named(cases, "constraint/Hello.api_key/minLength");
    expect(kinds(hello)).toEqual(["send Hello #1 with api_key of 15 bytes (minLength 16)", "expect-answer"]);
    expect(hello.steps[1]).toMatchObject({ accept: [{ message: "ErrorReply", codes: ["invalid_reading"] }] });
    expect(kinds(named(cases, "constraint/Report.battery_percent/max"))).toEqual(["send Hello #1", "expect-answer", "send Report #2 with battery_percent 101 (max 100)", "expect-answer", "send Report #3", "expect-answer"]);
  });

  it("accepts a close after the error answer to a broken Hello, since the machine ends the session there", () => {
    expect(named(cases, "wire/Hello/too_long/continues").steps[2]).toMatchObject({ tolerate: { seq: 1, messages: ["ErrorReply"], thenClose: true } });
  });
});
