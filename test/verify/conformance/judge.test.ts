// Judging the server's frames (pure): events are skipped, answers are matched
// by sequence number, message and error code; and --case patterns.
import { describe, expect, it } from "vitest";
import { casePattern, judgeAnswer, judgeContextOf, type Step } from "../../../src/verify/conformance/index.js";
import { createCodec } from "../../../src/wire/index.js";
import { example } from "../../python-layer/support.js";

const spec = example("chat");
const codec = createCodec(spec);
const ctx = judgeContextOf(spec);
const frame = (bytes: Uint8Array) => codec.decodeFrame(bytes);
const errorReply = (code: string, seq: number) => frame(codec.encodeFrame("ErrorReply", { code, detail: "no" }, { seq }));
const step: Extract<Step, { kind: "expect-answer" }> = {
  kind: "expect-answer",
  seq: 2,
  request: "SendMessage",
  accept: [{ message: "ErrorReply", codes: ["not_authenticated"] }],
  tolerate: { seq: 1, messages: ["ErrorReply"] },
};

describe("judgeAnswer", () => {
  it("passes the expected answer with the expected code", () => {
    expect(judgeAnswer(ctx, step, errorReply("not_authenticated", 2))).toEqual({ kind: "pass" });
  });

  it("names expected and got when the code differs", () => {
    expect(judgeAnswer(ctx, step, errorReply("invalid_request", 2))).toEqual({
      kind: "fail",
      reason: 'expected ErrorReply(not_authenticated) answering SendMessage #2, got ErrorReply #2 {"code":"invalid_request","detail":"no"}: code invalid_request, expected not_authenticated',
    });
  });

  it("refuses a code the state reserves for requests it does not allow", () => {
    const resume: typeof step = { kind: "expect-answer", seq: 1, request: "Resume", accept: [{ message: "ResumeOk" }, { message: "ErrorReply", notCodes: ["not_authenticated"], notCodesWhy: "reserved" }] };
    expect(judgeAnswer(ctx, resume, errorReply("session_expired", 1))).toEqual({ kind: "pass" });
    expect(judgeAnswer(ctx, resume, errorReply("not_authenticated", 1))).toMatchObject({ kind: "fail", reason: expect.stringMatching(/: code not_authenticated: reserved$/) });
  });

  it("skips events and control frames, tolerates the error answer to the broken frame", () => {
    const event = frame(codec.encodeFrame("MemberTyping", { room: "general", username: "bob", active: true }, { seq: 9 }));
    expect(judgeAnswer(ctx, step, event)).toEqual({ kind: "skip" });
    expect(judgeAnswer(ctx, step, frame(codec.encodeControl("ping", 3)))).toEqual({ kind: "skip" });
    expect(judgeAnswer(ctx, step, errorReply("invalid_request", 1))).toEqual({ kind: "tolerated" });
  });

  it("fails on an answer to another sequence number or of another message", () => {
    expect(judgeAnswer(ctx, step, errorReply("not_authenticated", 7))).toMatchObject({ kind: "fail", reason: expect.stringContaining("an answer to a sequence number no request of this case used") });
    const wrong = frame(codec.encodeFrame("LeaveOk", { room: "general" }, { seq: 2 }));
    expect(judgeAnswer(ctx, step, wrong)).toEqual({ kind: "fail", reason: 'expected ErrorReply(not_authenticated) answering SendMessage #2, got LeaveOk #2 {"room":"general"}' });
  });
});

describe("casePattern", () => {
  it("matches a part of the name without *, the whole name with *", () => {
    expect(casePattern("Login")("state/SendMessage-before-Login")).toBe(true);
    expect(casePattern("wire/*")("wire/bad_magic/closes")).toBe(true);
    expect(casePattern("wire/*")("unknown-id/0")).toBe(false);
    expect(casePattern("session/Resume→*")("session/Resume→ResumeOk|ErrorReply")).toBe(true);
    expect(casePattern("*|*")("session/Login→LoginOk|ErrorReply")).toBe(true);
  });
});
