import { describe, expect, it } from "vitest";
import { createCodec } from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { hex, oneFieldSpec, unhex } from "./support/specs.js";

const codec = (field: string) => createCodec(oneFieldSpec(field));
const encodes = (field: string, v: unknown): boolean => {
  const c = codec(field);
  try {
    c.encodePayload("M", { v } as never);
  } catch {
    expect(wireErrorOf(() => c.encodePayload("M", { v } as never)).code).toBe("constraint_violated");
    expect(wireErrorOf(() => c.toJson("M", { v } as never)).code).toBe("constraint_violated");
    return false;
  }
  return true;
};

describe("constraints on encode and in JSON", () => {
  it.each([
    ["type: uint8, min: 1, max: 10", 1, true],
    ["type: uint8, min: 1, max: 10", 10, true],
    ["type: uint8, min: 1, max: 10", 0, false],
    ["type: uint8, min: 1, max: 10", 11, false],
    ["type: int64, min: -5, max: 5", -5n, true],
    ["type: int64, min: -5, max: 5", 6n, false],
    ["type: timestamp, min: 0", -1n, false],
    ["type: timestamp, min: 0", 0n, true],
    ["type: float64, min: -1.5, max: 2.5", 2.5, true],
    ["type: float64, min: -1.5, max: 2.5", 2.5000000000000004, false],
    ["type: float32, max: 0.1", Math.fround(0.1), false],
    ["type: float32, max: 0.1", 0.09999999403953552, true],
    ["type: string, minLength: 2, maxLength: 4", "ab", true],
    ["type: string, minLength: 2, maxLength: 4", "a", false],
    ["type: string, minLength: 2, maxLength: 4", "abcde", false],
    ["type: string, maxLength: 4", "ü€", false],
    ["type: string, maxLength: 5", "ü€", true],
    ["type: string, pattern: '[a-z]+'", "abc", true],
    ["type: string, pattern: '[a-z]+'", "abc1", false],
    ["type: string, pattern: '[a-z]+'", "", false],
    ["type: string, pattern: 'a|b'", "ab", false],
    ["type: string, pattern: '.'", "🌍", true],
    ["type: bytes, maxLength: 2", new Uint8Array(2), true],
    ["type: bytes, maxLength: 2", new Uint8Array(3), false],
    ["type: list<uint8>, minItems: 1, maxItems: 2", [1], true],
    ["type: list<uint8>, minItems: 1, maxItems: 2", [], false],
    ["type: list<uint8>, minItems: 1, maxItems: 2", [1, 2, 3], false],
    ["type: list<uint8>, max: 5", [1, 5, 6], false],
    ["type: list<string>, maxLength: 1", ["a", "bb"], false],
    ["type: list<list<uint8>>, maxItems: 1, max: 3", [[1, 2, 3, 3]], true],
    ["type: list<list<uint8>>, maxItems: 1, max: 3", [[4]], false],
    ["type: list<list<uint8>>, maxItems: 1", [[], []], false],
  ])("%s with %o: %s", (field, v, ok) => {
    expect(encodes(field, v)).toBe(ok);
  });
  it("reports the element's path", () => {
    expect(wireErrorOf(() => codec("type: list<uint8>, max: 5").encodePayload("M", { v: [1, 9] })).path).toBe("M.v[1]");
  });
});

describe("constraints on decode", () => {
  it.each([
    ["type: uint8, min: 1", "00"],
    ["type: string, maxLength: 1", "000000026162"],
    ["type: string, pattern: '[a-z]+'", "0000000131"],
    ["type: list<uint8>, maxItems: 1", "000000020102"],
    ["type: float32, max: 2.5", hex(new Uint8Array(new Float32Array([2.5000002]).buffer).reverse())],
  ])("%s rejects %s", (field, payload) => {
    expect(wireErrorOf(() => codec(field).decodePayload("M", unhex(payload))).code).toBe("constraint_violated");
  });

  it("checks a length prefix against its bounds before reading the content", () => {
    // 3 bytes announced, but only 2 left and maxLength 1: the prefix is checked against the bytes left first.
    expect(wireErrorOf(() => codec("type: string, maxLength: 1").decodePayload("M", unhex("000000036162"))).code).toBe("truncated");
    // Content is not valid UTF-8, but the length breaks maxLength first.
    expect(wireErrorOf(() => codec("type: string, maxLength: 1").decodePayload("M", unhex("00000002ffff"))).code).toBe("constraint_violated");
    // Within bounds: invalid UTF-8 before the pattern.
    expect(wireErrorOf(() => codec("type: string, pattern: 'a'").decodePayload("M", unhex("00000001ff"))).code).toBe("invalid_utf8");
  });

  it("checks a list's count before its items", () => {
    expect(wireErrorOf(() => codec("type: list<bool>, maxItems: 1").decodePayload("M", unhex("000000020709"))).code).toBe("constraint_violated");
  });

  it("can be turned off to produce invalid test data", () => {
    const c = createCodec(oneFieldSpec("type: uint8, max: 1"), { checkConstraints: false });
    expect(hex(c.encodePayload("M", { v: 9 }))).toBe("09");
    expect(wireErrorOf(() => c.encodePayload("M", { v: 256 })).code).toBe("invalid_value");
  });
});
