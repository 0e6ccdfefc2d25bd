// Exact bytes of every type, written out by hand from docs/wire-format.md.
// If one of these fails, either the codec or the document is wrong.
import { describe, expect, it } from "vitest";
import { createCodec } from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { allKindsSpec, hex, oneFieldSpec, unhex } from "./support/specs.js";

const codecFor = (fieldYaml: string, types?: string) => createCodec(types === undefined ? oneFieldSpec(fieldYaml) : oneFieldSpec(fieldYaml, types));
const bytesOf = (fieldYaml: string, v: unknown, types?: string): string => hex(codecFor(fieldYaml, types).encodePayload("M", { v } as never));
const valueOf = (fieldYaml: string, payloadHex: string, types?: string): unknown => codecFor(fieldYaml, types).decodePayload("M", unhex(payloadHex))["v"];
const errorOf = wireErrorOf;

describe("scalar encodings", () => {
  it.each([
    ["type: bool", false, "00"],
    ["type: bool", true, "01"],
    ["type: int8", -2, "fe"],
    ["type: int8", 127, "7f"],
    ["type: uint8", 200, "c8"],
    ["type: int16", -300, "fed4"],
    ["type: uint16", 65535, "ffff"],
    ["type: int32", 70000, "00011170"],
    ["type: int32", -1, "ffffffff"],
    ["type: uint32", 4294967295, "ffffffff"],
    ["type: int64", -1n, "ffffffffffffffff"],
    ["type: int64", -(2n ** 63n), "8000000000000000"],
    ["type: uint64", 2n ** 64n - 1n, "ffffffffffffffff"],
    ["type: uint64", 258n, "0000000000000102"],
    ["type: float32", 1.5, "3fc00000"],
    ["type: float32", -0, "80000000"],
    ["type: float64", -2.5, "c004000000000000"],
    ["type: float64", 0.1, "3fb999999999999a"],
    ["type: timestamp", 1700000000000n, "0000018bcfe56800"],
    ["type: timestamp", -1n, "ffffffffffffffff"],
    ["type: string", "", "00000000"],
    ["type: string", "hé", "0000000368c3a9"],
    ["type: string", "🌍", "00000004f09f8c8d"],
    ["type: string", "\uFEFFa", "00000004efbbbf61"],
    ["type: bytes", new Uint8Array([1, 2, 255]), "000000030102ff"],
    ["type: bytes", new Uint8Array(0), "00000000"],
  ])("%s %o -> %s", (field, value, expected) => {
    expect(bytesOf(field, value)).toBe(expected);
    expect(valueOf(field, expected)).toEqual(value);
  });

  it("rounds float32 values to the nearest float32", () => {
    expect(bytesOf("type: float32", 0.1)).toBe("3dcccccd");
    expect(valueOf("type: float32", "3dcccccd")).toBe(Math.fround(0.1));
  });

  it("keeps a leading byte order mark as a character", () => {
    expect(valueOf("type: string", "00000003efbbbf")).toBe("\uFEFF");
  });
});

describe("enum", () => {
  const types = "[ { kind: enum, name: E, doc: e., values: [ { name: low, value: 0, doc: l. }, { name: high, value: 513, doc: h. } ] } ]";
  it("is the declared value as uint16", () => {
    expect(bytesOf("type: E", "low", types)).toBe("0000");
    expect(bytesOf("type: E", "high", types)).toBe("0201");
    expect(valueOf("type: E", "0201", types)).toBe("high");
  });
  it("rejects undeclared values and names", () => {
    expect(errorOf(() => valueOf("type: E", "0001", types)).code).toBe("invalid_value");
    expect(errorOf(() => bytesOf("type: E", "middle", types)).code).toBe("invalid_value");
  });
});

describe("optional, list, struct", () => {
  it("optional: presence byte then the value", () => {
    expect(bytesOf("type: uint16, optional: true", undefined)).toBe("00");
    expect(bytesOf("type: uint16, optional: true", 7)).toBe("010007");
    expect(valueOf("type: uint16, optional: true", "00")).toBeUndefined();
    expect(codecFor("type: uint16, optional: true").decodePayload("M", unhex("00"))).toEqual({});
  });
  it("list: uint32 count then the items", () => {
    expect(bytesOf("type: list<uint8>", [])).toBe("00000000");
    expect(bytesOf("type: list<uint8>", [1, 2, 3])).toBe("00000003010203");
    expect(bytesOf("type: list<list<int8>>", [[-1], []])).toBe("0000000200000001ff00000000");
    expect(bytesOf("type: list<string>", ["a", ""])).toBe("00000002000000016100000000");
  });
  it("struct: its fields in order, no tags", () => {
    const types = "[ { kind: struct, name: P, doc: p., fields: [ { name: x, type: int16, doc: x. }, { name: note, type: string, doc: n., optional: true } ] } ]";
    expect(bytesOf("type: P", { x: -2 }, types)).toBe("fffe00");
    expect(bytesOf("type: P", { x: 1, note: "a" }, types)).toBe("00010100000001" + "61");
    expect(bytesOf("type: list<P>", [{ x: 1 }, { x: 2 }], types)).toBe("00000002000100000200");
  });
});

describe("a whole frame", () => {
  it("matches the example in docs/wire-format.md", () => {
    const codec = createCodec(allKindsSpec());
    const frame = codec.encodeFrame(
      "Scalars",
      {
        b: true,
        i8: -2,
        i16: -300,
        i32: 70000,
        i64: -1n,
        u8: 200,
        u16: 65535,
        u32: 4294967295,
        u64: 2n ** 64n - 1n,
        f32: 1.5,
        f64: -2.5,
        s: "hé",
        raw: new Uint8Array([1, 2, 3]),
        at: 1700000000000n,
        color: "blue",
      },
      { seq: 7 },
    );
    const expected = [
      "5046 02 00 0001 00000007 00000043", // header: PF, version 2, flags 0, id 1, seq 7, 67 payload bytes
      "01", // b
      "fe", // i8
      "fed4", // i16
      "00011170", // i32
      "ffffffffffffffff", // i64
      "c8", // u8
      "ffff", // u16
      "ffffffff", // u32
      "ffffffffffffffff", // u64
      "3fc00000", // f32
      "c004000000000000", // f64
      "00000003 68c3a9", // s
      "00000003 010203", // raw
      "0000018bcfe56800", // at
      "012c", // color blue = 300
    ].join("");
    expect(hex(frame)).toBe(expected.replace(/\s+/g, ""));
    const decoded = codec.decodeFrame(frame);
    expect(decoded.kind === "message" && decoded.messageName).toBe("Scalars");
  });

  it("control frames are 14 bytes with message id 0", () => {
    const codec = createCodec(allKindsSpec());
    expect(hex(codec.encodeControl("ack", 9))).toBe("5046020200000000000900000000");
    expect(hex(codec.encodeControl("ack", 9, { response: true }))).toBe("5046020600000000000900000000");
    expect(hex(codec.encodeControl("ping", 1))).toBe("5046020800000000000100000000");
    expect(hex(codec.encodeControl("pong", 1))).toBe("5046021000000000000100000000");
    expect(codec.decodeFrame(unhex("5046021000000000000100000000"))).toMatchObject({ kind: "control", control: "pong" });
  });
});

describe("refusing to encode what cannot be decoded", () => {
  it.each([
    ["type: int8", 128],
    ["type: int8", 1.5],
    ["type: uint8", -1],
    ["type: uint32", 2 ** 32],
    ["type: int32", "1"],
    ["type: int64", 1],
    ["type: int64", 2n ** 63n],
    ["type: uint64", -1n],
    ["type: timestamp", 5],
    ["type: float32", Number.NaN],
    ["type: float64", Number.POSITIVE_INFINITY],
    ["type: float32", 1e39],
    ["type: bool", 1],
    ["type: string", 5],
    ["type: bytes", [1, 2]],
    ["type: list<uint8>", "abc"],
    ["type: uint8", undefined],
    ["type: uint8", null],
  ])("%s %o", (field, value) => {
    expect(errorOf(() => bytesOf(field, value)).code).toBe("invalid_value");
  });

  it("refuses lone surrogates as invalid_utf8", () => {
    const e = errorOf(() => bytesOf("type: string", "a\uD800b"));
    expect(e.code).toBe("invalid_utf8");
    expect(e.path).toBe("M.v");
  });
});

describe("decoding hostile payloads", () => {
  it.each([
    ["type: bool", "02", "invalid_value"],
    ["type: bool", "", "truncated"],
    ["type: uint16", "01", "truncated"],
    ["type: uint16, optional: true", "02", "invalid_value"],
    ["type: float32", "7fc00000", "invalid_value"],
    ["type: float64", "fff0000000000000", "invalid_value"],
    ["type: string", "00000002c328", "invalid_utf8"],
    ["type: string", "00000002c0af", "invalid_utf8"],
    ["type: string", "00000003eda080", "invalid_utf8"],
    ["type: string", "00000004f4908080", "invalid_utf8"],
    ["type: string", "00000001e6", "invalid_utf8"],
    ["type: string", "000000056162", "truncated"],
    ["type: bytes", "ffffffff", "truncated"],
    ["type: list<uint8>", "ffffffff00", "truncated"],
    ["type: uint8", "0102", "trailing_bytes"],
  ])("%s %s -> %s", (field, payload, code) => {
    expect(errorOf(() => valueOf(field, payload)).code).toBe(code);
  });

  it("locates errors by path", () => {
    const types = "[ { kind: struct, name: P, doc: p., fields: [ { name: ok, type: bool, doc: x. } ] } ]";
    const e = errorOf(() => valueOf("type: list<P>", "00000003 01 00 07", types));
    expect(e).toMatchObject({ code: "invalid_value", path: "M.v[2].ok", messageName: "M" });
    expect(e.message).toBe("M.v[2].ok: bool byte 0x07, expected 0x00 or 0x01");
  });
});
