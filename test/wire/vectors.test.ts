// Golden vectors: deterministic, and what a driver in another language does
// with them (decode, compare, re-encode, expect the error code) passes.
import { describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../src/emit/generated-file.js";
import type { Spec } from "../../src/spec/model.js";
import { createCodec, generateVectors, VectorError, WIRE_ERROR_CODES } from "../../src/wire/index.js";
import { wireErrorOf } from "./support/errors.js";
import { allKindsSpec, EXAMPLE_FILES, exampleSpec, hex, oneFieldSpec } from "./support/specs.js";

interface Manifest {
  format: number;
  protocol: string;
  version: string;
  wireVersion: number;
  maxFrameBytes: number;
  valid: { name: string; message: string | null; control?: string; seq: number; flags: number; bin: string; json: string }[];
  invalid: { name: string; bin: string; error: string; message?: string; path?: string }[];
}

const specs: [string, Spec][] = [["all-kinds", allKindsSpec()], ...EXAMPLE_FILES.map((f): [string, Spec] => [f, exampleSpec(f)])];

function read(files: readonly GeneratedFile[]) {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const text = (path: string): string => {
    const c = byPath.get(`vectors/${path}`);
    if (typeof c !== "string") throw new Error(`no text file ${path}`);
    return c;
  };
  const bin = (path: string): Uint8Array => {
    const c = byPath.get(`vectors/${path}`);
    if (!(c instanceof Uint8Array)) throw new Error(`no binary file ${path}`);
    return c;
  };
  return { manifest: JSON.parse(text("manifest.json")) as Manifest, text, bin };
}

describe.each(specs)("vectors of %s", (_name, spec) => {
  const files = generateVectors(spec);
  const { manifest, text, bin } = read(files);
  const codec = createCodec(spec);

  it("are deterministic", () => {
    const again = generateVectors(spec);
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    again.forEach((f, i) => expect(f.content).toEqual(files[i]?.content));
  });

  it("list exactly the files generated, sorted by path", () => {
    const listed = ["manifest.json", ...manifest.valid.flatMap((c) => [c.bin, c.json]), ...manifest.invalid.map((c) => c.bin)].map((p) => `vectors/${p}`);
    expect([...listed].sort()).toEqual(files.map((f) => f.path));
    expect(files.map((f) => f.path)).toEqual([...files.map((f) => f.path)].sort());
  });

  it("have a well-formed manifest", () => {
    expect(manifest).toMatchObject({ format: 1, protocol: spec.protocol.name, version: spec.protocol.version, wireVersion: spec.protocol.wireVersion, maxFrameBytes: spec.security.maxFrameBytes });
    const names = [...manifest.valid, ...manifest.invalid].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/);
    for (const c of manifest.invalid) expect(WIRE_ERROR_CODES).toContain(c.error);
    expect(text("manifest.json").endsWith("}\n")).toBe(true);
  });

  it("cover every message with min and max cases, and the control frames", () => {
    for (const m of spec.messages) {
      const kebab = manifest.valid.filter((c) => c.message === m.name).map((c) => c.name.split(".")[1]);
      expect(kebab).toEqual(expect.arrayContaining(["min", "max"]));
      if (m.fields.some((f) => f.optional)) expect(kebab).toContain("optional-absent");
    }
    expect(manifest.valid.filter((c) => c.control).map((c) => c.name)).toEqual(["control.ack", "control.ack-response", "control.ping", "control.pong", "control.ping-seq-max"]);
    const seqs = manifest.valid.filter((c) => c.seq !== 0xffffffff).map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it("valid: decode to the JSON envelope and re-encode byte for byte", () => {
    for (const c of manifest.valid) {
      const frame = bin(c.bin);
      const jsonText = text(c.json);
      expect(jsonText).toBe(`${JSON.stringify(JSON.parse(jsonText), null, 2)}\n`);
      const envelope = JSON.parse(jsonText) as { type: string; seq: number; payload: unknown };
      const decoded = codec.decodeFrame(frame);
      expect(decoded.header).toMatchObject({ sequence: c.seq, flags: c.flags, payloadLength: frame.length - 14 });
      if (decoded.kind === "control") {
        expect(c.message).toBeNull();
        expect(envelope).toEqual({ type: decoded.control, seq: c.seq, payload: {} });
        continue;
      }
      expect(decoded.messageName).toBe(c.message);
      // JSON compared by value: the decoded frame maps to the stored envelope.
      expect(codec.toEnvelope({ messageName: decoded.messageName, seq: decoded.header.sequence, value: decoded.value })).toEqual(envelope);
      // And the envelope encodes to the stored frame.
      const fromJson = codec.fromEnvelope(envelope);
      expect(hex(codec.encodeFrame(fromJson.messageName, fromJson.value, { seq: fromJson.seq, flags: c.flags }))).toBe(hex(frame));
    }
  });

  it("invalid: fail with the recorded error", () => {
    for (const c of manifest.invalid) {
      const e = wireErrorOf(() => codec.decodeFrame(bin(c.bin)));
      expect({ name: c.name, code: e.code, message: e.messageName, path: e.path }).toEqual({ name: c.name, code: c.error, message: c.message, path: c.path });
    }
  });
});

describe("vectors of the sensor example", () => {
  const { manifest, bin } = read(generateVectors(exampleSpec("sensor-telemetry.yaml")));
  it("hold the expected cases", () => {
    const names = manifest.valid.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["report.min", "report.max", "report.optional-absent", "hello.non-ascii", "hello.reliable", "error-reply.non-ascii"]));
    const invalid = Object.fromEntries(manifest.invalid.map((c) => [c.name, c.error]));
    expect(invalid).toMatchObject({
      "header.truncated": "truncated",
      "header.bad-magic": "bad_magic",
      "header.wrong-version": "unsupported_version",
      "header.reserved-flag": "invalid_flags",
      "header.unknown-message": "unknown_message",
      "header.frame-too-large": "frame_too_large",
      "hello.truncated-payload": "truncated",
      "hello.trailing-bytes": "trailing_bytes",
      "hello.invalid-presence": "invalid_value",
      "report.unknown-enum": "invalid_value",
      "hello.invalid-utf8": "invalid_utf8",
      "hello-ack.above-max": "constraint_violated",
      "hello.too-long": "constraint_violated",
      "hello.pattern-mismatch": "constraint_violated",
    });
  });
  it("report.min is the smallest report, byte for byte", () => {
    // taken_at 0001-01-01T00:00:00Z, temperature -55, battery 0, status ok, humidity absent
    expect(hex(bin("valid/report.min.bin"))).toBe("5046 01 00 0003 00000008 00000010 ffffc77cedd32800 c25c0000 00 0000 00".replace(/ /g, ""));
  });
});

describe("vector generation errors", () => {
  it("reports a pattern it cannot satisfy", () => {
    const spec = oneFieldSpec("type: string, pattern: '(?=a)b'");
    expect(() => generateVectors(spec)).toThrow(VectorError);
    expect(() => generateVectors(spec)).toThrow(/M\.v: no sample string of 0\.\.Infinity bytes matches/);
  });
  it("reports a case that cannot fit in the frame", () => {
    const spec = oneFieldSpec("type: list<uint64>, minItems: 20", "[]", 64);
    expect(() => generateVectors(spec)).toThrow(/does not fit in maxFrameBytes 64/);
  });
  it("shrinks the largest case until it fits", () => {
    const spec = oneFieldSpec("type: list<string>, maxItems: 100, maxLength: 1000", "[]", 2048);
    const { manifest, bin } = read(generateVectors(spec));
    const max = manifest.valid.find((c) => c.name === "m.max");
    expect(max).toBeDefined();
    expect(bin(max?.bin ?? "").length).toBeLessThanOrEqual(2048);
  });
});
