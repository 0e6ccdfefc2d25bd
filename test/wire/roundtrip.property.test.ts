// Property: every valid value survives binary and JSON round trips, and
// both paths agree (binary -> JSON -> binary gives the same bytes).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Spec } from "../../src/spec/model.js";
import { createCodec } from "../../src/wire/index.js";
import { messageArbitrary } from "./support/arbitraries.js";
import { allKindsSpec, EXAMPLE_FILES, exampleSpec, hex } from "./support/specs.js";

const specs: [string, Spec][] = [["all-kinds", allKindsSpec()], ...EXAMPLE_FILES.map((f): [string, Spec] => [f, exampleSpec(f)])];

describe.each(specs)("round trips of %s", (_name, spec) => {
  const codec = createCodec(spec);
  it.each(spec.messages.map((m) => [m.name, m] as const))("%s", (name, message) => {
    fc.assert(
      fc.property(messageArbitrary(spec, name), fc.integer({ min: 1, max: 0xffffffff }), (value, seq) => {
        const frame = codec.encodeFrame(name, value, { seq });
        const decoded = codec.decodeFrame(frame);
        expect(decoded).toMatchObject({ kind: "message", messageName: name, header: { sequence: seq, messageId: message.id } });
        if (decoded.kind !== "message") return;
        expect(decoded.value).toEqual(value);
        expect(hex(codec.encodeFrame(name, decoded.value, { seq }))).toBe(hex(frame));

        const text = codec.toJsonText(name, value);
        const fromJson = codec.fromJson(name, JSON.parse(text));
        expect(fromJson).toEqual(value);
        expect(hex(codec.encodePayload(name, fromJson))).toBe(hex(codec.encodePayload(name, value)));
        expect(codec.toJsonText(name, fromJson)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
