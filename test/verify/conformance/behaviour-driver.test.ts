// The behaviour cases (family "behaviour", multi-peer, TCP) against the
// reference server and its behaviour engine, in-process: a correct engine
// passes every one; each plant turns one rule off and fails its cases, each
// with the reason it names.
import { afterEach, describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { deriveServerCases, judgeContextOf, runCases, selectCases, tcpOpener, type CaseResult } from "../../../src/verify/conformance/index.js";
import { frameLimitsOf } from "../../../src/wire/index.js";
import { example } from "../../python-layer/support.js";
import { type Plants, type RunningReference, startReferenceServer } from "./reference-server.js";

const TIMINGS = { answerMs: 1500, closeMs: 400, caseMs: 15_000 };
let running: RunningReference | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function conform(spec: Spec, plants: Plants = {}, pattern = "behaviour/*"): Promise<CaseResult[]> {
  running = await startReferenceServer(spec, plants);
  const cases = selectCases(deriveServerCases(spec, "tcp", { behaviour: true }), "tcp", pattern);
  return runCases(cases, tcpOpener({ kind: "direct", host: "127.0.0.1", port: running.port }, frameLimitsOf(spec)), judgeContextOf(spec), TIMINGS);
}

const failures = (results: readonly CaseResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.name);
const reasonOf = (results: readonly CaseResult[], name: string): string => results.find((r) => r.name === name)?.reason ?? "";

describe("behaviour cases against the reference server's behaviour engine", () => {
  it("a correct chat server passes every TCP case, the 21 behaviour cases after today's on the same server", async () => {
    const results = await conform(example("chat"), {}, "*");
    expect(results.map((r) => r.name)).toContain("behaviour/session-unique");
    expect(results.filter((r) => r.family === "behaviour")).toHaveLength(21);
    expect(results).toHaveLength(101);
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
  }, 30_000);
});

/** Per plant: the cases run (the ones it should fail, and neighbours it should not) and those that fail. */
const PLANTS: ReadonlyArray<readonly [keyof Plants, readonly string[], readonly string[]]> = [
  ["allowDuplicateIdentity", ["session-unique", "session-ends"], ["session-unique"]],
  ["skipGuards", ["guard-SendMessage-not-member", "guard-Typing-not-member", "guard-KickUser-attribute", "group-room-remove", "group-room-members"], ["group-room-remove", "guard-SendMessage-not-member", "guard-Typing-not-member", "guard-KickUser-attribute"]],
  ["postRetriesTwice", ["idempotent-SendMessage", "group-room-broadcast-SendMessage"], ["idempotent-SendMessage"]],
  ["echoEventsToSender", ["group-room-broadcast-SendMessage", "group-room-broadcast-Typing", "group-room-broadcast-join", "group-room-broadcast-leave", "group-room-broadcast-remove"], ["group-room-broadcast-Typing", "group-room-broadcast-join", "group-room-broadcast-leave", "group-room-broadcast-remove"]],
  ["noHistory", ["group-room-history", "group-room-members"], ["group-room-history"]],
  ["keepRemovedMember", ["group-room-remove", "group-room-broadcast-remove"], ["group-room-remove"]],
  ["noNotify", ["group-room-remove", "group-room-remove-not-member"], ["group-room-remove"]],
  ["reuseTokens", ["session-resume", "session-ends"], ["session-resume"]],
  ["noRestore", ["session-resume", "session-unique"], ["session-resume"]],
  ["noTakeover", ["session-takeover", "session-resume"], ["session-takeover"]],
];

/** The reason each plant's last failing case gives. */
const REASONS: Readonly<Record<string, RegExp>> = {
  allowDuplicateIdentity: /^step 4 \(peer 1\): expected ErrorReply\(name_taken\) answering Login #1 \(peer 1 logs in as alice\d+, peer 0's identity\), got LoginOk #1 /,
  skipGuards: /^step 10 \(peer 1\): expected ErrorReply\(not_a_moderator\) answering KickUser #3 \(peer 1, a member without moderator, sends KickUser\), got KickOk #3 /,
  postRetriesTwice: /^step 12 \(peer 0\): expected MessageAccepted answering SendMessage #4 \(peer 0 sends the same SendMessage again\), got MessageAccepted #4 .*: it differs from the earlier answer \(first\) /,
  echoEventsToSender: /^step 16 \(peer 1\): expected no PresenceUpdate with room "general\d+", change "kicked", username "alice\d+" \(to: others leaves out the member removed\), got PresenceUpdate #\d+ /,
  noHistory: /: history is \[\], expected 3 elements with \{"text":"Hello, everyone!"\}, \{"text":"Hello, everyone!2"\}, \{"text":"Hello, everyone!3"\}, in this order$/,
  keepRemovedMember: /\(peer 1\): expected no RoomMessage with room "general\d+", message\.text "Hello, everyone!\d*" \(peer 1 is no longer a member of general\d+\), got RoomMessage #\d+ /,
  reuseTokens: /^step 16 \(peer 3\): expected ErrorReply\(session_expired\) answering Resume #1 \(peer 3 presents peer 0's first token again \(tokens are single use\)\), got ResumeOk #1 /,
  noRestore: /^step 11 \(peer 2\): expected ResumeOk answering Resume #1 \(peer 2, a new connection, resumes peer 0's session with its token\), got ResumeOk #1 .*: rooms lacks \{"room":"general\d+"\}: it is \[\]$/,
  noTakeover: /^step 10 \(peer 2\): expected ResumeOk answering Resume #1 \(peer 2, a new connection, resumes peer 0's session while peer 0's connection is still open\), got ErrorReply #1 \{"code":"session_expired"/,
  noNotify: /\(peer 1\): expected Kicked with room "general\d+" \(peer 1 was removed from general\d+\), got none within 1500 ms; no Kicked arrived$/,
};

describe.concurrent("each behaviour plant fails its cases, with a reason that names the rule", () => {
  it.each(PLANTS)("%s", async (plant, run, failing) => {
    const spec = example("chat");
    const server = await startReferenceServer(spec, { [plant]: true });
    try {
      const names = new Set(run.map((n) => `behaviour/${n}`));
      const cases = deriveServerCases(spec, "tcp", { behaviour: true }).filter((c) => names.has(c.name));
      expect(cases).toHaveLength(run.length);
      const results = await runCases(cases, tcpOpener({ kind: "direct", host: "127.0.0.1", port: server.port }, frameLimitsOf(spec)), judgeContextOf(spec), TIMINGS);
      expect(failures(results)).toEqual(failing.map((n) => `behaviour/${n}`));
      expect(reasonOf(results, `behaviour/${failing.at(-1) ?? ""}`)).toMatch(REASONS[plant] ?? /never/);
    } finally {
      await server.close();
    }
  }, 30_000);
});
