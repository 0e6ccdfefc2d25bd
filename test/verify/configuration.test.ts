import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeConfiguration, encodeConfiguration, inboxHead, inboxLength, stateOf, successorKey } from "../../src/verify/configuration.js";

const index = fc.integer({ min: 0, max: 300 });
const inbox = fc.array(index, { maxLength: 5 });

describe("configuration keys", () => {
  it("round-trip", () => {
    fc.assert(
      fc.property(index, index, inbox, inbox, (s0, s1, in0, in1) => {
        const c = { states: [s0, s1] as const, inboxes: [in0, in1] as const };
        expect(decodeConfiguration(encodeConfiguration(c))).toEqual({ states: [s0, s1], inboxes: [in0, in1] });
      }),
    );
  });

  it("tell apart the same messages on different channels", () => {
    const a = encodeConfiguration({ states: [0, 0], inboxes: [[1], []] });
    const b = encodeConfiguration({ states: [0, 0], inboxes: [[], [1]] });
    expect(a).not.toBe(b);
  });

  it("are read and advanced without decoding", () => {
    fc.assert(
      fc.property(index, index, inbox, inbox, fc.constantFrom(0 as const, 1 as const), index, fc.boolean(), fc.option(index, { nil: -1 }), (s0, s1, in0, in1, role, to, pop, push) => {
        const key = encodeConfiguration({ states: [s0, s1], inboxes: [in0, in1] });
        const own = role === 0 ? in0 : in1;
        const peer = role === 0 ? in1 : in0;
        expect([stateOf(key, role), inboxLength(key, role), inboxHead(key, role)]).toEqual([role === 0 ? s0 : s1, own.length, own[0] ?? -1]);
        const nextOwn = pop ? own.slice(1) : own;
        const nextPeer = push >= 0 ? [...peer, push] : peer;
        const expected = role === 0
          ? { states: [to, s1] as const, inboxes: [nextOwn, nextPeer] as const }
          : { states: [s0, to] as const, inboxes: [nextPeer, nextOwn] as const };
        expect(successorKey(key, role, to, pop, push)).toBe(encodeConfiguration(expected));
      }),
    );
  });
});
