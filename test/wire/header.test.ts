import { describe, expect, it } from "vitest";
import {
  encodeHeader,
  FLAG_ACK,
  FLAG_PING,
  FLAG_PONG,
  FLAG_RELIABLE,
  FLAG_RESPONSE,
  flagsProblem,
  nextSequence,
  readHeader,
  retransmitDelays,
} from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { hex, unhex } from "./support/specs.js";

const limits = { wireVersion: 1, maxFrameBytes: 4096 };

describe("frame header", () => {
  it("is 14 bytes, big-endian, in the documented order", () => {
    const bytes = encodeHeader({ version: 1, flags: FLAG_RELIABLE, messageId: 0x1234, sequence: 0xdeadbeef, payloadLength: 0x0102 });
    expect(hex(bytes)).toBe("5046" + "01" + "01" + "1234" + "deadbeef" + "00000102");
    expect(readHeader(bytes, limits)).toEqual({ version: 1, flags: 1, messageId: 0x1234, sequence: 0xdeadbeef, payloadLength: 0x0102 });
  });

  it("checks magic, then version, then flags, then the frame limit", () => {
    expect(wireErrorOf(() => readHeader(unhex("5046010000010000000100000000").subarray(0, 13), limits)).code).toBe("truncated");
    expect(wireErrorOf(() => readHeader(unhex("4650 ff ff 0001 00000001 ffffffff"), limits)).code).toBe("bad_magic");
    expect(wireErrorOf(() => readHeader(unhex("5046 02 ff 0001 00000001 ffffffff"), limits)).code).toBe("unsupported_version");
    expect(wireErrorOf(() => readHeader(unhex("5046 01 ff 0001 00000001 ffffffff"), limits)).code).toBe("invalid_flags");
    expect(wireErrorOf(() => readHeader(unhex("5046 01 00 0001 00000001 ffffffff"), limits)).code).toBe("frame_too_large");
  });

  it("allows a frame of exactly maxFrameBytes and no more", () => {
    expect(readHeader(encodeHeader({ version: 1, flags: 0, messageId: 1, sequence: 1, payloadLength: 4096 - 14 }), limits).payloadLength).toBe(4082);
    expect(wireErrorOf(() => readHeader(encodeHeader({ version: 1, flags: 0, messageId: 1, sequence: 1, payloadLength: 4096 - 13 }), limits)).code).toBe("frame_too_large");
  });
});

describe("flags", () => {
  it.each([
    [0, undefined],
    [FLAG_RELIABLE, undefined],
    [FLAG_RESPONSE, undefined],
    [FLAG_RELIABLE | FLAG_RESPONSE, undefined],
    [FLAG_ACK, undefined],
    [FLAG_ACK | FLAG_RESPONSE, undefined],
    [FLAG_PING, undefined],
    [FLAG_PONG, undefined],
  ])("0x%s is valid", (flags, problem) => {
    expect(flagsProblem(flags)).toBe(problem);
  });
  it.each([0x20, 0x40, 0x80, FLAG_ACK | FLAG_PING, FLAG_PING | FLAG_PONG, FLAG_ACK | FLAG_RELIABLE, FLAG_PING | FLAG_RESPONSE, FLAG_PONG | FLAG_RESPONSE])("0x%s is invalid", (flags) => {
    expect(flagsProblem(flags)).toBeTypeOf("string");
  });
  it("only 0x1f and its valid subsets pass, of all 256 bytes", () => {
    const valid = Array.from({ length: 256 }, (_, i) => i).filter((f) => flagsProblem(f) === undefined);
    expect(valid).toEqual([0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x10]);
  });
});

describe("sequence numbers and retransmission", () => {
  it("count from 1 and wrap from 2^32-1 to 1", () => {
    expect(nextSequence(0)).toBe(1);
    expect(nextSequence(41)).toBe(42);
    expect(nextSequence(0xffffffff)).toBe(1);
  });
  it("back off exponentially up to the cap", () => {
    expect(retransmitDelays({ maxAttempts: 5, initialBackoffMs: 500, maxBackoffMs: 30000, multiplier: 2 })).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(retransmitDelays({ maxAttempts: 6, initialBackoffMs: 200, maxBackoffMs: 1000, multiplier: 3 })).toEqual([200, 600, 1000, 1000, 1000, 1000]);
    expect(retransmitDelays({ maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 1.5 })).toEqual([100, 150, 225, 338]);
    expect(retransmitDelays({ maxAttempts: 1, initialBackoffMs: 100, maxBackoffMs: 1000, multiplier: 2 })).toEqual([100]);
  });
});
