import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/spec/load.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { formatProblem, SpecLoadError } from "../../src/spec/problems.js";
import { baseSpec } from "./base-spec.js";

describe("parsing and positions", () => {
  it("locates a problem at its line and column", () => {
    const text = [
      "protocol: { name: p, version: 1.0.0, description: d }",
      "roles: { initiator: { name: a }, responder: { name: b } }",
      "messages:",
      "  - name: Go",
      "    id: 1",
      "    from: a",
      "    kind: oneway",
      "    doc: Go.",
      "    fields:",
      "      - { name: n, type: nosuch, doc: N. }",
      "machines:",
      "  initiator: { initial: s, states: [ { name: s, transitions: [ { send: Go, to: s } ] } ] }",
      "  responder: { initial: s, states: [ { name: s, transitions: [ { receive: Go, to: s } ] } ] }",
    ].join("\n");
    const result = parseSpecText(text, "p.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem?.position).toEqual({ file: "p.yaml", line: 10, column: 26 });
    expect(formatProblem(problem!)).toBe(
      "p.yaml:10:26: error [unknown-type] messages[0].fields[0].type: unknown type `nosuch`: use bool, int8..int64, uint8..uint64, float32, float64, string, bytes, timestamp, a declared type name, or list<...>",
    );
  });

  it("reports YAML syntax errors with their position, not a stack trace", () => {
    const result = parseSpecText("protocol:\n  name: [unclosed\n", "bad.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.syntax).toBe(true);
    expect(result.problems[0]?.code).toBe("yaml-syntax");
    expect(result.problems[0]?.position?.file).toBe("bad.yaml");
    expect(result.problems[0]?.position?.line).toBeGreaterThanOrEqual(2);
  });

  it("reports duplicate YAML keys", () => {
    const result = parseSpecText("protocol: 1\nprotocol: 2\n", "dup.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/unique/i);
  });

  it("reads JSON as well as YAML", () => {
    const result = parseSpecText(JSON.stringify(baseSpec(), null, 2), "spec.json");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.spec.messages.map((m) => m.name)).toEqual(["Ask", "Answer", "Fail"]);
  });

  it("reports an empty document as missing sections", () => {
    const result = parseSpecText("", "empty.yaml");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain("missing-key");
  });

  it("throws a SpecLoadError naming a missing file", async () => {
    const error = await loadSpecFile("/nonexistent/spec.yaml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLoadError);
    expect((error as SpecLoadError).code).toBe("file-not-found");
    expect((error as SpecLoadError).message).toContain("/nonexistent/spec.yaml");
  });

  it("loads a file and carries all problems in the error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pf-spec-"));
    const file = join(dir, "s.yaml");
    await writeFile(file, "protocol: { name: Bad, version: 1, description: x }\n");
    const error = (await loadSpecFile(file).catch((e: unknown) => e)) as SpecLoadError;
    expect(error.code).toBe("invalid-spec");
    expect(error.problems.length).toBeGreaterThanOrEqual(4);
    expect(error.message).toContain(`${file}:1:`);
  });
});

describe("normalisation", () => {
  it("resolves roles, types and the ErrorCode enum", () => {
    const result = parseSpecText(JSON.stringify(baseSpec()), "spec.json");
    if (!result.ok) throw new Error("base spec must be valid");
    const { spec } = result;
    expect(spec.protocol.wireVersion).toBe(1);
    expect(spec.messages[1]?.from).toBe("responder");
    expect(spec.messages[0]?.fields[1]?.type).toEqual({ kind: "list", of: { kind: "struct", name: "Point" } });
    expect(spec.messages[1]?.fields[0]?.type).toEqual({ kind: "enum", name: "Mood" });
    expect(spec.types.map((t) => t.name)).toEqual(["Mood", "Point", "ErrorCode"]);
    expect(spec.machines.initiator.states[0]?.transitions[0]).toEqual({ action: "send", message: "Ask", to: "waiting" });
    expect(spec.timing.retry.maxAttempts).toBe(3);
    expect(spec.security.maxFrameBytes).toBe(65536);
  });
});
