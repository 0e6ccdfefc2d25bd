// Hostile bytes and JSON: the decoder throws only WireError, never another
// exception, never allocates beyond what the frame holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Spec } from "../../src/spec/model.js";
import { createCodec, createDeframer, encodeHeader, WireError } from "../../src/wire/index.js";
import { messageArbitrary } from "./support/arbitraries.js";
import { wireErrorOf } from "./support/errors.js";
import { allKindsSpec, EXAMPLE_FILES, exampleSpec } from "./support/specs.js";

const specs: [string, Spec][] = [["all-kinds", allKindsSpec()], ...EXAMPLE_FILES.map((f): [string, Spec] => [f, exampleSpec(f)])];

/** Decodes; returns the error code, or "ok". Anything but a WireError fails the test. */
function outcome(decode: () => unknown): string {
  try {
    decode();
    return "ok";
  } catch (e) {
    if (e instanceof WireError) return e.code;
    throw e;
  }
}

describe.each(specs)("hostile input for %s", (_name, spec) => {
  const codec = createCodec(spec);
  const version = spec.protocol.wireVersion;
  const validFrame = fc
    .constantFrom(...spec.messages.map((m) => m.name))
    .chain((name) => messageArbitrary(spec, name).map((value) => codec.encodeFrame(name, value, { seq: 1 })));

  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void outcome(() => codec.decodeFrame(bytes))), { numRuns: 2000 });
  });

  it("random payloads behind a valid header", () => {
    const ids = spec.messages.map((m) => m.id);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.constantFrom(0, 4), fc.uint8Array({ maxLength: 200 }), (id, flags, payload) => {
        const header = encodeHeader({ version, flags, messageId: id, sequence: 1, payloadLength: payload.length });
        outcome(() => codec.decodeFrame(Uint8Array.from([...header, ...payload])));
      }),
      { numRuns: 2000 },
    );
  });

  it("valid frames with mutated bytes", () => {
    const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(validFrame, fc.array(mutation, { minLength: 1, maxLength: 4 }), (frame, mutations) => {
        const bytes = frame.slice();
        for (const [at, b] of mutations) bytes[at % bytes.length] = b;
        outcome(() => codec.decodeFrame(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it("valid frames cut short or extended", () => {
    fc.assert(
      fc.property(validFrame, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), (frame, cut, extra) => {
        const n = cut % frame.length;
        expect(outcome(() => codec.decodeFrame(frame.subarray(0, n)))).toBe("truncated");
        expect(outcome(() => codec.decodeFrame(Uint8Array.from([...frame, ...extra])))).toBe("trailing_bytes");
      }),
      { numRuns: 300 },
    );
  });

  it("random JSON", () => {
    fc.assert(
      fc.property(fc.constantFrom(...spec.messages.map((m) => m.name)), fc.jsonValue(), (name, json) => void outcome(() => codec.fromJson(name, json))),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.jsonValue(), (json) => void outcome(() => codec.fromEnvelope(json))), { numRuns: 500 });
  });

  it("random streams through the deframer", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const d = createDeframer(codec.limits);
        outcome(() => {
          for (const c of chunks) for (const f of d.push(c)) outcome(() => codec.decodeFrame(f));
          d.finish();
        });
        expect(d.buffered).toBeLessThanOrEqual(codec.limits.maxFrameBytes);
      }),
      { numRuns: 500 },
    );
  });
});

describe("length-prefix bombs", () => {
  const codec = createCodec(allKindsSpec());
  const frameWith = (id: number, payload: number[]): Uint8Array =>
    Uint8Array.from([...encodeHeader({ version: 2, flags: 0, messageId: id, sequence: 1, payloadLength: payload.length }), ...payload]);

  it("a list count of 0xFFFFFFFF is rejected before anything is allocated", () => {
    // Nested: shape.color (2 bytes), then shape.points count = 0xFFFFFFFF.
    const frame = frameWith(2, [0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x00]);
    const before = process.memoryUsage().arrayBuffers;
    const e = wireErrorOf(() => codec.decodeFrame(frame));
    expect(e).toMatchObject({ code: "truncated", path: "Nested.shape.points" });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  it("a string length of 0xFFFFFFFF is rejected", () => {
    // Scalars up to s: 1+1+2+4+8+1+2+4+8+4+8 = 43 bytes, then the string length.
    const frame = frameWith(1, [...new Array<number>(43).fill(0), 0xff, 0xff, 0xff, 0xff, 0x61]);
    expect(wireErrorOf(() => codec.decodeFrame(frame))).toMatchObject({ code: "truncated", path: "Scalars.s" });
  });

  it("a frame length over the limit is rejected before the payload is read", () => {
    const header = encodeHeader({ version: 2, flags: 0, messageId: 1, sequence: 1, payloadLength: 0xffffffff });
    expect(wireErrorOf(() => codec.decodeFrame(header)).code).toBe("frame_too_large");
  });

  it("nested counts are each bounded by the bytes left", () => {
    // grid: list<list<int16>>: outer count 3 (maxItems 3), inner count 0x7FFFFFFF.
    const value = { shape: { color: "red", points: [] }, shapes: [], grid: [[1]], tags: [], bits: [] };
    const frame = codec.encodeFrame("Nested", value, { seq: 1 });
    // shape: color 2 + points count 4 + origin presence 1; shapes count 4; grid count 4; then grid[0]'s count.
    const at = 14 + 2 + 4 + 1 + 4 + 4;
    const bytes = frame.slice();
    new DataView(bytes.buffer).setUint32(at, 0x7fffffff);
    expect(wireErrorOf(() => codec.decodeFrame(bytes))).toMatchObject({ code: "truncated", path: "Nested.grid[0]" });
  });
});

describe("encoding limits", () => {
  it("refuses to encode a frame over maxFrameBytes", () => {
    const codec = createCodec(allKindsSpec());
    expect(codec.encodeFrame("NestedReply", { ok: true }, { seq: 1 })).toHaveLength(16);
    // Scalars without s and raw take 53 bytes; with both length prefixes, 14 + 61 + len(s).
    const value = { b: true, i8: 0, i16: 0, i32: 0, i64: 0n, u8: 0, u16: 0, u32: 0, u64: 0n, f32: 0, f64: 0, s: "", raw: new Uint8Array(0), at: 0n, color: "red" };
    expect(codec.encodeFrame("Scalars", { ...value, s: "x".repeat(8192 - 75) }, { seq: 1 })).toHaveLength(8192);
    expect(wireErrorOf(() => codec.encodeFrame("Scalars", { ...value, s: "x".repeat(8193 - 75) }, { seq: 1 })).code).toBe("frame_too_large");
    expect(wireErrorOf(() => codec.encodeFrame("Scalars", { ...value, s: "ü".repeat(4100) }, { seq: 1 })).code).toBe("frame_too_large");
    expect(wireErrorOf(() => codec.encodePayload("Scalars", { ...value, s: "x".repeat(100_000) })).code).toBe("frame_too_large");
  });

  it("refuses bad sequence numbers, flags and message names", () => {
    const codec = createCodec(allKindsSpec());
    expect(wireErrorOf(() => codec.encodeFrame("NestedReply", { ok: true }, { seq: 2 ** 32 })).code).toBe("invalid_value");
    expect(wireErrorOf(() => codec.encodeFrame("NestedReply", { ok: true }, { seq: 1, flags: 0 })).code).toBe("invalid_flags");
    expect(wireErrorOf(() => codec.encodeFrame("Empty", {}, { seq: 1, flags: 0x40 })).code).toBe("invalid_flags");
    expect(wireErrorOf(() => codec.encodeFrame("Empty", {}, { seq: 1, flags: 0x08 })).code).toBe("invalid_flags");
    expect(wireErrorOf(() => codec.encodeFrame("Nope", {}, { seq: 1 })).code).toBe("unknown_message");
    expect(wireErrorOf(() => codec.encodeControl("ping", 1, { response: true })).code).toBe("invalid_flags");
  });
});
