// The batch plan: structure, names, inputs, defaults and durations checked
// up front, every problem at its line of RUNS.yaml, all of them at once.
import { describe, expect, it } from "vitest";
import { BatchPlanError, formatPlanProblem } from "../../src/batch/errors.js";
import { parsePlan } from "../../src/batch/plan.js";
import { DEFAULT_BUDGETS } from "../../src/run/budget.js";

/** The problems of a plan: thrown (YAML, structure) or handed on with the runs that have none. */
function problemsOf(text: string): string[] {
  try {
    const draft = parsePlan(text, "runs.yaml", "/plans");
    if (draft.problems.length === 0) throw new Error("the plan was accepted");
    return draft.problems.map(formatPlanProblem);
  } catch (e) {
    if (e instanceof BatchPlanError) return e.problems.map(formatPlanProblem);
    throw e;
  }
}

describe("parsePlan", () => {
  it("merges defaults, reads durations and makes paths absolute against the plan's folder", () => {
    const plan = parsePlan(
      [
        "defaults:",
        "  model: offline",
        "  languages: [python]",
        "  maxRounds: 3",
        "  timeout: 15m",
        "runs:",
        "  - name: sensor-py",
        "    description: sensors report temperature",
        "  - name: chat-js",
        "    spec: ../examples/chat.yaml",
        "    languages: javascript",
        "    transport: http",
        "    timeout: 90",
        "    maxTokens: 5000",
        "  - name: req",
        "    request: /abs/request.yaml",
        "",
      ].join("\n"),
      "runs.yaml",
      "/plans",
    );
    expect(plan.runs.map((r) => r.name)).toEqual(["sensor-py", "chat-js", "req"]);
    const [sensor, chat, req] = plan.runs;
    expect(sensor).toMatchObject({ input: { kind: "description", description: "sensors report temperature" }, languages: ["python"], model: { spec: "offline" } });
    expect(sensor?.budgets).toEqual({ maxRounds: 3, maxTokens: DEFAULT_BUDGETS.maxTokens, timeoutMs: 15 * 60_000 });
    expect(sensor?.transport).toBeUndefined();
    expect(chat).toMatchObject({ input: { kind: "spec", path: "/examples/chat.yaml", given: "../examples/chat.yaml" }, languages: ["javascript"], transport: "http" });
    expect(chat?.budgets).toEqual({ maxRounds: 3, maxTokens: 5000, timeoutMs: 90_000 });
    expect(req?.input).toEqual({ kind: "request", path: "/abs/request.yaml", given: "/abs/request.yaml" });
  });

  it("reports every problem at its line and column, sorted", () => {
    const problems = problemsOf(
      [
        "defaults:", // 1
        "  timeout: soon", // 2
        "runs:", // 3
        "  - name: a", // 4
        "    description: x", // 5
        "    spec: s.yaml", // 6
        "  - name: a", // 7
        "    description: y", // 8
        "    languages: [cpp]", // 9: a target language now, no problem
        "  - name: b", // 10
        "    description: z", // 11
        "    timeout: 0s", // 12
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([
      "runs.yaml:2:12: defaults.timeout: cannot read `soon` as a duration; write e.g. 90s, 15m, 1h or 1h30m",
      "runs.yaml:4:11: runs.0.name: give exactly one of description, request or spec",
      "runs.yaml:7:11: runs.1.name: the name `a` is taken by run 1; every run needs its own (it names its folder)",
      "runs.yaml:12:14: runs.2.timeout: `0s` is no time at all; give a positive duration",
    ]);
  });

  it("keeps the runs without problems and hands on the others' problems, so the input files' problems join them", () => {
    const draft = parsePlan(["runs:", "  - name: good", "    description: x", "  - name: bad", "    description: y", "    timeout: never", ""].join("\n"), "runs.yaml", "/p");
    expect(draft.runs.map((r) => r.name)).toEqual(["good"]);
    expect(draft.problems.map(formatPlanProblem)).toEqual(["runs.yaml:6:14: runs.1.timeout: cannot read `never` as a duration; write e.g. 90s, 15m, 1h or 1h30m"]);
  });

  it("takes the defaults' languages for every run, cpp among them", () => {
    const draft = parsePlan(["defaults:", "  languages: [python, cpp]", "runs:", "  - name: a", "    description: x", "  - name: b", "    description: y", ""].join("\n"), "runs.yaml", "/p");
    expect(draft.problems).toEqual([]);
    expect(draft.runs.map((r) => [r.name, r.languages])).toEqual([
      ["a", ["python", "cpp"]],
      ["b", ["python", "cpp"]],
    ]);
  });

  it("places schema problems (unknown keys, bad values, bad names) at their lines", () => {
    const problems = problemsOf(["runs:", "  - name: Sensor Py", "    description: x", "    transprt: udp", "  - name: ok", "    description: y", "    maxRounds: 0", "concurrency: 2", ""].join("\n"));
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^runs\.yaml:2:11: runs\.0\.name: a name of lowercase letters/);
    expect(problems[1]).toMatch(/^runs\.yaml:4:15: runs\.0\.transprt: unknown key `transprt`; the keys here are name, description, request, spec, languages, transport/);
    expect(problems[2]).toMatch(/^runs\.yaml:7:16: runs\.1\.maxRounds: /);
    expect(problems[3]).toMatch(/^runs\.yaml:8:14: concurrency: unknown key `concurrency`; the keys here are defaults, runs/);
  });

  it("refuses YAML that does not parse, at the line of the error", () => {
    const problems = problemsOf(["runs:", "  - name: a", "    description: [unclosed", ""].join("\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^runs\.yaml:[34]:\d+: /);
  });

  it("refuses a plan that is not a mapping, or has no runs", () => {
    expect(problemsOf("- a\n- b\n")).toEqual(["runs.yaml:1:1: a plan is a mapping with `runs:` (a list of runs) and optional `defaults:`"]);
    expect(problemsOf("runs: []\n")[0]).toMatch(/^runs\.yaml:1:7: runs: name at least one run/);
  });

  it("gives a located `problem` for the checks made after parsing (input files)", () => {
    const plan = parsePlan(["runs:", "  - name: a", "    spec: missing.yaml", ""].join("\n"), "runs.yaml", "/p");
    expect(formatPlanProblem(plan.problem(["runs", 0, "spec"], "cannot read missing.yaml: no such file"))).toBe("runs.yaml:3:11: runs.0.spec: cannot read missing.yaml: no such file");
  });
});
