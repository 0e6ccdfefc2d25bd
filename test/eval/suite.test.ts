import { describe, expect, it } from "vitest";
import { EvalSuiteError, parseSuite, selectVariants } from "../../src/eval/suite.js";

const SUITE = `name: smoke
cases:
  - name: sensor
    description: Sensors report temperature every 30 seconds.
    expect:
      status: [succeeded, layer-complete]
      concepts: [temperature]
  - name: chat
    spec: ../../examples/chat.yaml
    languages: [python, javascript]
    transport: udp
variants:
  baseline: {}
  tight:
    maxRounds: 1
    timeout: 60
`;

function problems(text: string): string[] {
  try {
    parseSuite(text, "s.yaml");
  } catch (e) {
    if (e instanceof EvalSuiteError) return e.problems.map((p) => `${p.line}: ${p.path.join(".")}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("eval suite", () => {
  it("reads cases and variants with their defaults", () => {
    const s = parseSuite(SUITE, "s.yaml");
    expect(s.cases.map((c) => [c.name, c.languages, c.transport, c.expect.status])).toEqual([
      ["sensor", ["python"], "tcp", ["succeeded", "layer-complete"]],
      ["chat", ["python", "javascript"], "udp", ["succeeded"]],
    ]);
    expect(s.variants["baseline"]?.model).toBe("offline");
    expect(s.variants["tight"]).toEqual({ model: "offline", maxRounds: 1, timeout: 60 });
    expect(s.gate).toEqual({ maxDrop: 0.1, alpha: 0.05 });
  });

  it("names every problem at its line", () => {
    const bad = SUITE.replace("transport: udp", "transport: quic").replace("maxRounds: 1", "maxRounds: 0\n    colour: red");
    expect(problems(bad)).toEqual([
      '11: cases.1.transport: Invalid option: expected one of "tcp"|"udp"|"http"',
      "15: variants.tight.maxRounds: Too small: expected number to be >=1",
      "16: variants.tight.colour: unknown key `colour`",
    ]);
    const both = SUITE.replace("    spec: ../../examples/chat.yaml\n", "    spec: ../../examples/chat.yaml\n    description: both\n");
    expect(problems(both)).toEqual(["8: cases.1: give exactly one of description, request or spec"]);
  });

  it("refuses a YAML syntax error and duplicate case names", () => {
    expect(problems("name: x\ncases: [")[0]).toMatch(/^2: : /);
    expect(problems(SUITE.replace("name: chat", "name: sensor"))).toEqual(["3: cases: case names must differ"]);
  });

  it("selects variants in the order given, the first the baseline, and refuses unknown ones", () => {
    const s = parseSuite(SUITE, "s.yaml");
    expect(selectVariants(s, undefined, "s.yaml")).toEqual(["baseline", "tight"]);
    expect(selectVariants(s, ["tight", "baseline"], "s.yaml")).toEqual(["tight", "baseline"]);
    expect(() => selectVariants(s, ["nope"], "s.yaml")).toThrow(/no variant `nope` \(the suite has baseline, tight\)/);
  });
});
