import { describe, expect, it } from "vitest";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import { DesignError } from "../../agents/architect/offline/errors.js";
import { parseDesignRequest } from "../../agents/architect/request.js";
import { parseSpecText } from "../../src/spec/parse.js";
import { modelCheck } from "../../src/verify/model-check.js";

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DesignError ? e.code : `not a DesignError: ${String(e)}`;
  }
  return undefined;
};

describe("designSpec", () => {
  it("refuses a description that names no protocol", () => {
    expect(codeOf(() => designSpec({ description: "hello" }))).toBe("no-protocol");
    expect(codeOf(() => designSpec({ description: "" }))).toBe("no-protocol");
    expect(codeOf(() => designSpec({ description: "   \n " }))).toBe("no-protocol");
  });

  it("is deterministic: the same description gives the same bytes", () => {
    const d = "Players join lobbies, send moves and get state updates 10 times per second; they log in with a password and reconnect after drops.";
    expect(designSpec({ description: d }).specYaml).toBe(designSpec({ description: d }).specYaml);
  });

  it("writes YAML that parses back to the same spec", () => {
    const r = designSpec({ description: "Clients upload files in 64 KiB chunks with checksums and resume." });
    const parsed = parseSpecText(r.specYaml, "x.yaml");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.spec).toEqual(r.spec);
  });

  it("lists its assumptions in the spec and the summary", () => {
    const r = designSpec({ description: "Sensors report temperature every 30 seconds." });
    expect(r.spec.assumptions.length).toBeGreaterThan(0);
    expect(r.spec.assumptions).toEqual([...r.assumptions]);
    for (const a of r.assumptions) expect(r.summary).toContain(a);
    expect(r.summary).toMatch(/roles: sensor \(initiator\) -> server \(responder\)/);
    expect(r.summary).toMatch(/timing: /);
    expect(r.summary).toMatch(/security: /);
  });

  it("traces every requirement it can to parts of the spec that resolve", () => {
    const r = designSpec({ description: "Users log in with a password. Users join rooms and send messages. Rate limiting applies." });
    expect(r.spec.requirements.map((q) => q.tracedTo.length > 0)).toEqual([true, true, true]);
  });

  it("designs for the transport: UDP makes requests reliable and frames small", () => {
    const r = designSpec({ description: "Sensors report temperature every minute." }, { transport: "udp" });
    expect(r.spec.messages.find((m) => m.name === "Hello")?.reliable).toBe(true);
    expect(r.spec.security.maxFrameBytes).toBeLessThanOrEqual(2048);
    expect(r.transport).toBe("udp");
  });

  it("builds machines that validate and pass the model check, with commands both ways", () => {
    for (const description of [
      "The hub sends commands to bulbs that must be retried until acknowledged; bulbs report power usage every minute and send a heartbeat.",
      "Users send commands to robots through the server, subscribe to status alerts on topics, and hold locks on rooms.",
      "Clients discover servers by broadcast, log in with a token, reconnect and resume sessions, and stream video.",
    ]) {
      const { spec } = designSpec({ description });
      const findings = modelCheck(spec).findings;
      expect(findings, `${description}\n${findings.map((f) => f.summary).join("\n")}`).toEqual([]);
    }
  });
});

describe("request file", () => {
  it("accepts the seed document's fields", () => {
    const r = parseDesignRequest(
      "description: chat rooms\nnetwork_protocol: TCP\nprogramming_language: python\nperformance_requirements: { max_latency_ms: 100, max_concurrent_users: 1000, message_throughput: 1000 messages/second }\nsecurity_requirements: [user_authentication]\nadditional_features: [typing_indicators]\noutput_directory: ./out\n",
    );
    expect(r).toMatchObject({ network_protocol: "tcp", programming_language: "python", performance_requirements: { max_concurrent_users: 1000 } });
  });

  it("names unknown fields in a request-invalid error", () => {
    let error: unknown;
    try {
      parseDesignRequest("description: chat\ncolour: blue\nperformance_requirements: { max_latency: 5 }\n", "req.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DesignError);
    const e = error as DesignError;
    expect(e.code).toBe("request-invalid");
    expect(e.message).toContain("unknown field `colour`");
    expect(e.message).toContain("unknown field `performance_requirements.max_latency`");
  });

  it("requires a description", () => {
    expect(codeOf(() => parseDesignRequest("network_protocol: udp\n"))).toBe("request-invalid");
  });
});

describe("constraints fit the final field type", () => {
  it("drops text constraints from a field that a unit turned into a number", async () => {
    const { fitConstraints } = await import("../../agents/architect/offline/compose.js");
    expect(fitConstraints({ name: "price", type: "int64", doc: "Price.", maxLength: 64, pattern: "[a-z]+", min: 0, unit: "cents" })).toEqual({
      name: "price",
      type: "int64",
      doc: "Price.",
      min: 0,
      unit: "cents",
    });
    expect(fitConstraints({ name: "tags", type: "list<string>", doc: "Tags.", maxLength: 32, maxItems: 8, min: 1 })).toEqual({ name: "tags", type: "list<string>", doc: "Tags.", maxLength: 32, maxItems: 8 });
  });
});
