import { describe, expect, it } from "vitest";
import { createCodec, formatJson } from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { allKindsSpec, oneFieldSpec, specFromText } from "./support/specs.js";

const oneFieldYaml = `
protocol: { name: proto, version: 1.0.0, description: One field. }
roles: { initiator: { name: a }, responder: { name: b } }
messages:
  - { name: M, id: 1, from: a, kind: oneway, doc: One field., fields: [ { name: v, type: uint8, optional: true, doc: The field. } ] }
machines:
  initiator: { initial: s, states: [ { name: s, transitions: [ { send: M, to: s } ] } ] }
  responder: { initial: s, states: [ { name: s, transitions: [ { receive: M, to: s } ] } ] }
`;

const codec = createCodec(allKindsSpec());
const scalars = {
  b: true,
  i8: -2,
  i16: -300,
  i32: 70000,
  i64: -(2n ** 63n),
  u8: 200,
  u16: 65535,
  u32: 4294967295,
  u64: 2n ** 64n - 1n,
  f32: 0.1,
  f64: 0.1,
  s: "Grüße 🌍",
  raw: new Uint8Array([0xfb, 0xff, 0x00]),
  at: 1714564800000n,
  color: "blue",
};

describe("JSON mapping", () => {
  it("maps every scalar kind", () => {
    expect(codec.toJson("Scalars", scalars)).toEqual({
      b: true,
      i8: -2,
      i16: -300,
      i32: 70000,
      i64: "-9223372036854775808",
      u8: 200,
      u16: 65535,
      u32: 4294967295,
      u64: "18446744073709551615",
      f32: Math.fround(0.1),
      f64: 0.1,
      s: "Grüße 🌍",
      raw: "+/8A",
      at: "1714564800000",
      color: "blue",
    });
  });

  it("writes stable text with keys in declaration order", () => {
    const text = codec.toJsonText("Scalars", scalars);
    expect(text).toBe(
      '{"b":true,"i8":-2,"i16":-300,"i32":70000,"i64":"-9223372036854775808","u8":200,"u16":65535,"u32":4294967295,' +
        '"u64":"18446744073709551615","f32":0.10000000149011612,"f64":0.1,"s":"Grüße 🌍","raw":"+/8A","at":"1714564800000","color":"blue"}',
    );
    const reordered = Object.fromEntries(Object.entries(scalars).reverse());
    expect(codec.toJsonText("Scalars", reordered)).toBe(text);
  });

  it("reads back what it writes", () => {
    const back = codec.fromJson("Scalars", JSON.parse(codec.toJsonText("Scalars", scalars)));
    expect(back).toEqual({ ...scalars, f32: Math.fround(0.1) });
  });

  it("maps structs, lists and optionals; omits absent optionals, reads null as absent", () => {
    const value = { shape: { color: "red", points: [{ x: 1, y: 2 }] }, shapes: [], grid: [[1, -1], []], tags: ["a"], bits: [true, false] };
    const json = codec.toJson("Nested", value);
    expect(json).toEqual({ shape: { color: "red", points: [{ x: 1, y: 2 }] }, shapes: [], grid: [[1, -1], []], tags: ["a"], bits: [true, false] });
    expect(codec.fromJson("Nested", { ...json, maybe_point: null, blobs: null })).toEqual(value);
  });

  it("puts a frame in an envelope", () => {
    const env = codec.toEnvelope({ messageName: "NestedReply", seq: 12, value: { ok: true } });
    expect(formatJson(env)).toBe('{"type":"NestedReply","seq":12,"payload":{"ok":true}}');
    expect(codec.fromEnvelope(JSON.parse(formatJson(env)))).toEqual({ messageName: "NestedReply", seq: 12, value: { ok: true } });
  });

  it.each([
    [{ type: "NestedReply", seq: 1 }, "invalid_value"],
    [{ type: "Nope", seq: 1, payload: {} }, "unknown_message"],
    [{ type: "NestedReply", seq: -1, payload: { ok: true } }, "invalid_value"],
    [{ type: "NestedReply", seq: 1, payload: { ok: true }, extra: 1 }, "invalid_value"],
    [[], "invalid_value"],
  ])("rejects the envelope %j", (env, code) => {
    expect(wireErrorOf(() => codec.fromEnvelope(env)).code).toBe(code);
  });

  it("pretty-prints like JSON.stringify and keeps -0", () => {
    const v = { a: [1, { b: null }], c: {}, d: [], e: "x" };
    expect(formatJson(v, 2)).toBe(JSON.stringify(v, null, 2));
    expect(formatJson(-0)).toBe("-0");
    expect(formatJson(1e21)).toBe("1e+21");
  });
});

describe("JSON input checks", () => {
  const one = (field: string) => createCodec(oneFieldSpec(field));
  it.each([
    ["type: int64", 5],
    ["type: int64", "5.0"],
    ["type: int64", "05"],
    ["type: int64", "-0"],
    ["type: int64", " 5"],
    ["type: int64", "9223372036854775808"],
    ["type: uint64", "-1"],
    ["type: uint64", "123456789012345678901"],
    ["type: timestamp", 1714564800000],
    ["type: uint8", 256],
    ["type: uint8", 1.5],
    ["type: uint8", "1"],
    ["type: bool", 0],
    ["type: float32", "1.0"],
    ["type: float32", 1e39],
    ["type: bytes", "AQI"],
    ["type: bytes", "AQI=="],
    ["type: bytes", "AQJ="],
    ["type: bytes", "AQ-_"],
    ["type: bytes", " AQI="],
    ["type: string", 5],
    ["type: list<uint8>", {}],
    ["type: uint8", null],
  ])("%s rejects %j", (field, json) => {
    expect(wireErrorOf(() => one(field).fromJson("M", { v: json })).code).toBe("invalid_value");
  });

  it("accepts integral JSON numbers and canonical base64", () => {
    expect(one("type: uint8").fromJson("M", JSON.parse('{"v": 5.0}'))).toEqual({ v: 5 });
    expect(one("type: bytes").fromJson("M", { v: "AQI=" })).toEqual({ v: new Uint8Array([1, 2]) });
    expect(one("type: bytes").fromJson("M", { v: "" })).toEqual({ v: new Uint8Array(0) });
    expect(one("type: int64").fromJson("M", { v: "-9223372036854775808" })).toEqual({ v: -(2n ** 63n) });
  });

  it("rejects unknown and missing keys, and lone surrogates", () => {
    expect(wireErrorOf(() => one("type: uint8").fromJson("M", { v: 1, w: 2 }))).toMatchObject({ code: "invalid_value", path: "M.w" });
    expect(wireErrorOf(() => one("type: uint8").fromJson("M", {}))).toMatchObject({ code: "invalid_value", path: "M.v" });
    expect(wireErrorOf(() => one("type: string").fromJson("M", JSON.parse('{"v": "\\ud800"}'))).code).toBe("invalid_utf8");
  });

  it("locates errors in nested values", () => {
    const e = wireErrorOf(() => codec.fromJson("Nested", { shape: { color: "red", points: [{ x: 1, y: 2 }, { x: 1, y: "2" }] }, shapes: [], grid: [], tags: [], bits: [] }));
    expect(e).toMatchObject({ code: "invalid_value", path: "Nested.shape.points[1].y" });
  });

  it("treats a field named like an Object.prototype property as absent unless it is an own property", () => {
    const text = oneFieldYaml.replace("name: v,", "name: constructor,");
    const c = createCodec(specFromText(text));
    expect(c.toJson("M", {})).toEqual({});
    expect(c.encodePayload("M", {})).toEqual(new Uint8Array([0]));
    expect(c.decodePayload("M", new Uint8Array([1, 7]))).toEqual({ constructor: 7 });
  });
});
