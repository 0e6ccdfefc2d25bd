// The generated Java project's property-style decoder test (issue 14):
// DecoderPropertiesTest.java is copied from src/emit/java/runtime-test/ into
// every project's test sources with the protocol's package, the same bytes on
// every run, with fixed seeds and counts (JUnit 5 and java.util.Random, no
// jqwik: docs/targets/java-toolchain.md). Running it is the Java integration
// tests' and the sandbox's job; this file runs no JDK.
import { describe, expect, it } from "vitest";
import { javaLayerFiles } from "../../src/emit/java/index.js";
import type { GeneratedFile } from "../../src/emit/index.js";
import { example } from "../python-layer/support.js";

const TCP = { transport: "tcp" } as const;

function propertyTest(files: readonly GeneratedFile[], pkgDir: string): string {
  const path = `java/src/test/java/${pkgDir}/DecoderPropertiesTest.java`;
  const f = files.find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} among ${files.map((x) => x.path).join(", ")}`);
  return typeof f.content === "string" ? f.content : Buffer.from(f.content).toString("utf8");
}

describe("the Java decoder property test", () => {
  it("is printed into each project's test sources under the protocol's package, byte for byte the same on a second run", () => {
    const chat = propertyTest(javaLayerFiles(example("chat"), TCP), "dev/protoforge/chat");
    expect(propertyTest(javaLayerFiles(example("chat"), TCP), "dev/protoforge/chat")).toBe(chat);
    expect(chat).toContain("package dev.protoforge.chat;");
    expect(chat).toContain("class DecoderPropertiesTest {");
    const sensor = propertyTest(javaLayerFiles(example("sensor-telemetry"), TCP), "dev/protoforge/sensortelemetry");
    expect(sensor).toContain("package dev.protoforge.sensortelemetry;");
    // Below the header (spec name, package) the file is the same for every protocol: it needs no spec.
    const body = (text: string): string => text.slice(text.indexOf("\nimport "));
    expect(body(sensor)).toBe(body(chat));
    expect(body(chat).length).toBeGreaterThan(1000);
  });

  it("is deterministic by construction: fixed seeds and counts, no wall clock, no jqwik", () => {
    const text = propertyTest(javaLayerFiles(example("chat"), TCP), "dev/protoforge/chat");
    expect(text).toMatch(/private static final long SEED = 0x[0-9A-F_]+L;/);
    expect(text).toMatch(/private static final int MUTATIONS = [0-9_]+;/);
    expect(text).toMatch(/new Random\(SEED( \+ \d)?\)/);
    expect(text).not.toMatch(/new Random\(\)|currentTimeMillis|nanoTime|Instant\.now|jqwik|Math\.random/);
    // Every kind of failure other than a WireError is turned into a test failure.
    expect(text).toContain("catch (RuntimeException | Error e)");
  });
});
