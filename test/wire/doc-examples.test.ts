// The worked examples of docs/wire-format.md section 8, byte for byte.
import { describe, expect, it } from "vitest";
import { createCodec, FLAG_RELIABLE } from "../../src/wire/index.js";
import { exampleSpec, hex, unhex } from "./support/specs.js";

const codec = createCodec(exampleSpec("sensor-telemetry.yaml"));
const report = { taken_at: 1714564800000n, temperature: 21.5, battery_percent: 80, status: "degraded", humidity: 40.25 };

describe("docs/wire-format.md examples", () => {
  it("Hello", () => {
    const frame = codec.encodeFrame("Hello", { sensor_id: "s-1", api_key: "0123456789abcdef", firmware_version: "1.2" }, { seq: 1 });
    expect(hex(frame)).toBe(hex(unhex("50 46 01 00 00 01 00 00 00 01 00 00 00 23  00 00 00 03 73 2d 31  00 00 00 10 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  01 00 00 00 03 31 2e 32")));
  });

  it("Report, reliable", () => {
    const frame = codec.encodeFrame("Report", report, { seq: 2, flags: FLAG_RELIABLE });
    expect(hex(frame)).toBe(hex(unhex("50 46 01 01 00 03 00 00 00 02 00 00 00 14  00 00 01 8f 34 06 9e 00  41 ac 00 00  50  00 01  01 42 21 00 00")));
  });

  it("ErrorReply answering sequence 2", () => {
    const frame = codec.encodeFrame("ErrorReply", { code: "rate_limited", detail: "Grüße", retry_after_ms: 1000 }, { seq: 2 });
    expect(hex(frame)).toBe(hex(unhex("50 46 01 04 00 05 00 00 00 02 00 00 00 12  00 03  00 00 00 07 47 72 c3 bc c3 9f 65  01 00 00 03 e8")));
  });

  it("control frames", () => {
    expect(hex(codec.encodeControl("ack", 9))).toBe("5046010200000000000900000000");
    expect(hex(codec.encodeControl("ack", 9, { response: true })).slice(6, 8)).toBe("06");
  });

  it("the envelope", () => {
    const text = JSON.stringify(codec.toEnvelope({ messageName: "Report", seq: 2, value: report }));
    expect(JSON.parse(text)).toEqual(
      JSON.parse('{"type": "Report", "seq": 2, "payload": {"taken_at": "1714564800000", "temperature": 21.5, "battery_percent": 80, "status": "degraded", "humidity": 40.25}}'),
    );
  });
});
