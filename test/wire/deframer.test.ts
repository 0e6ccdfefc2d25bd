import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCodec, createDeframer, encodeHeader, frameLimitsOf } from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { exampleSpec, hex } from "./support/specs.js";

const spec = exampleSpec("sensor-telemetry.yaml");
const codec = createCodec(spec);
const limits = frameLimitsOf(spec);
const frames = [
  codec.encodeFrame("Hello", { sensor_id: "s-1", api_key: "0123456789abcdef", firmware_version: "1.2" }, { seq: 1 }),
  codec.encodeControl("ping", 2),
  codec.encodeFrame("Report", { taken_at: 1714564800000n, temperature: 21.5, battery_percent: 80, status: "ok" }, { seq: 3 }),
  codec.encodeFrame("Goodbye", {}, { seq: 4 }),
];
const stream = Uint8Array.from(frames.flatMap((f) => [...f]));

const feed = (chunks: readonly Uint8Array[]): string[] => {
  const d = createDeframer(limits);
  const out = chunks.flatMap((c) => d.push(c)).map(hex);
  d.finish();
  expect(d.buffered).toBe(0);
  return out;
};

describe("stream deframer", () => {
  it("returns whole frames from one chunk", () => {
    expect(feed([stream])).toEqual(frames.map(hex));
  });

  it("handles a split at every point", () => {
    for (let i = 0; i <= stream.length; i++) {
      expect(feed([stream.subarray(0, i), stream.subarray(i)])).toEqual(frames.map(hex));
    }
  });

  it("handles two splits at every pair of points", () => {
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j++) {
        expect(feed([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)])).toEqual(frames.map(hex));
      }
    }
  });

  it("handles one byte at a time", () => {
    expect(feed(Array.from(stream, (b) => Uint8Array.of(b)))).toEqual(frames.map(hex));
  });

  it("handles any chunking", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, k) => stream.subarray(points[k], end));
        expect(feed(chunks)).toEqual(frames.map(hex));
      }),
    );
  });

  it("returns frames that decode", () => {
    const d = createDeframer(limits);
    const decoded = d.push(stream).map((f) => codec.decodeFrame(f));
    expect(decoded.map((f) => (f.kind === "message" ? f.messageName : f.control))).toEqual(["Hello", "ping", "Report", "Goodbye"]);
  });

  it("rejects a bad header as soon as it is complete, and stays failed", () => {
    const d = createDeframer(limits);
    expect(d.push(frames[0] as Uint8Array)).toHaveLength(1);
    const bad = encodeHeader({ version: 9, flags: 0, messageId: 1, sequence: 1, payloadLength: 0 });
    expect(d.push(bad.subarray(0, 13))).toEqual([]);
    expect(wireErrorOf(() => d.push(bad.subarray(13))).code).toBe("unsupported_version");
    expect(wireErrorOf(() => d.push(frames[1] as Uint8Array)).code).toBe("unsupported_version");
  });

  it("rejects an oversized length before any payload arrives", () => {
    const d = createDeframer(limits);
    const header = encodeHeader({ version: 1, flags: 0, messageId: 1, sequence: 1, payloadLength: 0xffffffff });
    expect(wireErrorOf(() => d.push(header)).code).toBe("frame_too_large");
    expect(d.buffered).toBeLessThanOrEqual(14);
  });

  it("rejects bad magic", () => {
    expect(wireErrorOf(() => createDeframer(limits).push(new Uint8Array(14).fill(0x41))).code).toBe("bad_magic");
  });

  it("reports a stream that ends inside a frame", () => {
    const d = createDeframer(limits);
    d.push(stream.subarray(0, 20));
    expect(d.buffered).toBe(20);
    expect(wireErrorOf(() => d.finish()).code).toBe("truncated");
  });

  it("returns copies that later chunks cannot change", () => {
    const d = createDeframer(limits);
    const chunk = (frames[1] as Uint8Array).slice();
    const [frame] = d.push(chunk);
    chunk.fill(0);
    expect(hex(frame as Uint8Array)).toBe(hex(frames[1] as Uint8Array));
  });
});
