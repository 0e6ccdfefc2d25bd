// UDP case derivation from the spec alone: the families and their counts,
// UDP frames (RELIABLE on reliable messages), drops instead of closes, and the
// shapes of the UDP families of their own.
import { describe, expect, it } from "vitest";
import { deriveServerCases, type ConformanceCase } from "../../../src/verify/conformance/index.js";
import { FLAG_RELIABLE, FLAG_RESPONSE } from "../../../src/wire/index.js";
import { example } from "../../python-layer/support.js";

const named = (cases: readonly ConformanceCase[], name: string): ConformanceCase => {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no case ${name}`);
  return c;
};
const kinds = (c: ConformanceCase): string[] => c.steps.map((s) => (s.kind === "send" ? `send ${s.describe}` : s.kind));
const flagsOfSend = (c: ConformanceCase, index: number): number => {
  const s = c.steps[index];
  if (s?.kind !== "send") throw new Error(`step ${index} of ${c.name} is not a send`);
  return s.bytes[3] ?? -1;
};

describe("deriveServerCases(spec, 'udp') on chat", () => {
  const cases = deriveServerCases(example("chat"), "udp");

  it("has the families in these counts, every case for UDP only and none waiting for a close", () => {
    const byFamily: Record<string, number> = {};
    for (const c of cases) byFamily[c.family] = (byFamily[c.family] ?? 0) + 1;
    expect(byFamily).toEqual({ session: 9, state: 9, wire: 25, "unknown-id": 2, flags: 1, constraint: 25, role: 11, keepalive: 2, ack: 8, duplicate: 6 });
    expect(cases.every((c) => c.transports.length === 1 && c.transports[0] === "udp")).toBe(true);
    expect(cases.some((c) => c.steps.some((s) => s.kind === "expect-close"))).toBe(false);
  });

  it("sends reliable messages with RELIABLE and the others without", () => {
    const typing = named(cases, "session/Typing@serving");
    expect(kinds(typing)).toEqual(["send Login #1 (RELIABLE)", "expect-answer", "send Typing #2", "expect-silence", "send JoinRoom #3 (RELIABLE)", "expect-answer"]);
    expect(flagsOfSend(typing, 0)).toBe(FLAG_RELIABLE);
    expect(flagsOfSend(typing, 2)).toBe(0);
  });

  it("ends the session on Logout instead of waiting for a close: the next Login is a new session", () => {
    expect(kinds(named(cases, "session/Logout→end@serving"))).toEqual(["send Login #1 (RELIABLE)", "expect-answer", "send Logout #2 (RELIABLE)", "expect-silence", "send Login #3 (RELIABLE)", "expect-answer"]);
    expect(named(cases, "session/Logout→end@serving").steps[5]).toMatchObject({ accept: [{ message: "LoginOk" }] });
  });

  it("drops a datagram that is not one frame without an ACK, then probes", () => {
    const magic = named(cases, "wire/bad_magic/dropped");
    expect(kinds(magic)).toEqual(["send invalid datagram header.bad-magic (bad_magic) with RELIABLE", "expect-silence", "expect-none", "send Login #2 (RELIABLE)", "expect-answer"]);
    expect(magic.steps[2]).toMatchObject({ kind: "expect-none", control: "ack", seq: 1 });
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["wire/empty/dropped", "wire/truncated/dropped", "wire/frame/extra_byte/dropped", "wire/Login/truncated_payload/dropped"]));
  });

  it("ACKs a sound frame it cannot take, RESPONSE mirrored, then drops it", () => {
    const flags = named(cases, "flags/RESPONSE-on-Login");
    expect(flagsOfSend(flags, 0)).toBe(FLAG_RELIABLE | FLAG_RESPONSE);
    expect(flags.steps[1]).toMatchObject({ kind: "expect-ack", seq: 1, response: true });
    expect(kinds(named(cases, "unknown-id/6"))).toEqual(["send invalid datagram header.unknown-message (unknown_message) with RELIABLE", "expect-ack", "expect-silence", "send Login #2 (RELIABLE)", "expect-answer"]);
    expect(kinds(named(cases, "wire/Login/invalid_utf8/continues"))).toEqual(["send invalid datagram login.invalid-utf8 (invalid_utf8 at Login.username) with RELIABLE", "expect-ack", "send Login #2 (RELIABLE)", "expect-answer"]);
  });

  it("drops a server message from the client inside a session and checks the session survived", () => {
    const kicked = named(cases, "role/Kicked-from-client");
    expect(kinds(kicked)).toEqual(["send Login #1 (RELIABLE)", "expect-answer", "send Kicked #2 (RELIABLE)", "expect-ack", "expect-silence", "send JoinRoom #3 (RELIABLE)", "expect-answer"]);
    expect(kicked.steps[6]).toMatchObject({ accept: [{ message: "JoinOk" }, { message: "ErrorReply", notCodes: ["not_authenticated"] }] });
  });

  it("checks ACKs and duplicates of reliable messages", () => {
    expect(kinds(named(cases, "udp/ack/Logout"))).toEqual(["send Login #1 (RELIABLE)", "expect-answer", "send Logout #2 (RELIABLE)", "expect-ack"]);
    expect(kinds(named(cases, "udp/duplicate/JoinRoom"))).toEqual([
      "send Login #1 (RELIABLE)",
      "expect-answer",
      "send JoinRoom #2 (RELIABLE)",
      "expect-ack",
      "expect-answer",
      "send JoinRoom #2 (RELIABLE) again",
      "expect-ack",
      "expect-same-answer",
      "expect-silence",
    ]);
    expect(cases.some((c) => c.name === "udp/ack/Typing" || c.name === "udp/duplicate/Logout")).toBe(false);
  });

  it("leaves the TCP cases as they were", () => {
    expect(deriveServerCases(example("chat")).find((c) => c.name === "session/Logout→close@serving")).toBeDefined();
    expect(kinds(named(deriveServerCases(example("chat")), "session/Typing@serving"))[0]).toBe("send Login #1");
  });
});
