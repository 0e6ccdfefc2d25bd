import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelCheck } from "../../src/verify/model-check.js";
import { specFromYaml, UNSPECIFIED_YAML } from "./small-specs.js";

const chat = specFromYaml(readFileSync(new URL("./fixtures/chat.yaml", import.meta.url), "utf8"), "chat.yaml");

describe("modelCheck: channelBound", () => {
  it("explores more configurations as channels hold more messages", () => {
    const counts = [1, 2, 3].map((channelBound) => {
      const r = modelCheck(specFromYaml(UNSPECIFIED_YAML), { channelBound });
      return [r.channelBound, r.configurations, r.moves];
    });
    expect(counts).toEqual([
      [1, 15, 20],
      [2, 23, 35],
      [3, 32, 51],
    ]);
  });

  it("defaults to 2", () => {
    expect(modelCheck(chat).channelBound).toBe(2);
    expect(modelCheck(chat).configurations).toBe(modelCheck(chat, { channelBound: 2 }).configurations);
  });
});

describe("modelCheck: maxConfigurations", () => {
  it("stops at the limit and says the result is partial", () => {
    const report = modelCheck(chat, { maxConfigurations: 10 });
    expect(report.configurations).toBe(10);
    expect(report.complete).toBe(false);
    const last = report.findings.at(-1);
    expect(last).toEqual({
      kind: "incomplete",
      summary:
        "exploration stopped at maxConfigurations (10); findings cover only the explored configurations, and a dead transition may still be taken beyond them",
      path: [],
      trace: [],
    });
    expect(report.findings.filter((f) => f.kind === "incomplete")).toHaveLength(1);
  });

  it("is complete when the limit is exactly the number of reachable configurations", () => {
    expect(modelCheck(chat, { maxConfigurations: 159 })).toMatchObject({ configurations: 159, complete: true, findings: [] });
    expect(modelCheck(chat, { maxConfigurations: 158 })).toMatchObject({ configurations: 158, complete: false });
  });
});

describe("modelCheck: options", () => {
  it.each([
    [{ channelBound: 0 }],
    [{ channelBound: 1.5 }],
    [{ channelBound: 70_000 }],
    [{ maxConfigurations: 0 }],
    [{ maxConfigurations: Number.NaN }],
  ])("rejects %j", (options) => {
    expect(() => modelCheck(chat, options)).toThrow(RangeError);
  });
});
