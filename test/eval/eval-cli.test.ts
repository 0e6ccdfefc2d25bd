// `protoforge eval` on real offline runs of the chat spec: two identical
// variants are found not different (p = 1, gate passed); a variant on a
// one-second clock is found worse, its regression named, the gate failed
// (exit 1); results.json and report.md agree with the run folders.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../agents/support/run-helpers.js";
import { cli } from "../cli/run-cli.js";

const CHAT = resolve("examples/chat.yaml");

const suite = (variants: string) => `name: trial
cases:
  - name: chat
    spec: ${CHAT}
    expect:
      status: [succeeded, layer-complete]
      conformanceFailures: 0
      concepts: [login, room]
variants:
${variants}
`;

interface Results {
  gatePassed: boolean;
  candidates: { candidate: string; regressions: string[]; paired: { pValue: number; regressed: number }; gateFailure?: string }[];
  runs: { case: string; variant: string; passed: boolean; status: string; dir: string }[];
}

describe("protoforge eval", () => {
  it(
    "finds identical variants not different and a hurried one worse, naming the regression",
    async () => {
      const dir = await tempDir("pf-eval-");
      const file = join(dir, "trial.yaml");
      await writeFile(file, suite("  offline: {}\n  again: {}\n  hurried:\n    timeout: 1\n"));
      const out = join(dir, "out");
      const run = await cli("eval", file, "--out", out, "--concurrency", "2", "--quiet");
      expect(run.code, run.err).toBe(1);
      const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as Results;
      expect(results.runs.map((r) => [r.variant, r.passed, r.status])).toEqual([
        ["offline", true, "layer-complete"],
        ["again", true, "layer-complete"],
        ["hurried", false, "timed-out"],
      ]);
      const [again, hurried] = results.candidates;
      expect([again?.candidate, again?.paired.pValue, again?.gateFailure]).toEqual(["again", 1, undefined]);
      expect([hurried?.candidate, hurried?.regressions, hurried?.gateFailure]).toEqual(["hurried", ["chat#1"], "hurried passes 100.0 points less than offline, more than the gate's 10.0 points"]);
      expect(results.gatePassed).toBe(false);
      // Each run is a normal run folder with its report.
      for (const r of results.runs) expect(JSON.parse(await readFile(join(out, r.dir, ".protoforge", "report.json"), "utf8")).status).toBe(r.status);
      const md = await readFile(join(out, "report.md"), "utf8");
      expect(md).toContain("- Regressed: `chat#1`");
      expect(run.out).toBe(md);
    },
    240_000,
  );

  it("refuses a suite with problems at their lines, a missing --out and a folder in use (exit 2)", async () => {
    const dir = await tempDir("pf-eval-");
    const file = join(dir, "bad.yaml");
    await writeFile(file, suite("  offline:\n    model: offline\n    colour: red\n"));
    const bad = await cli("eval", file, "--out", join(dir, "o1"));
    expect([bad.code, bad.err]).toEqual([2, `error [bad-suite]: ${file}:12:5: variants.offline.colour: unknown key \`colour\`\n`]);
    await writeFile(file, suite("  offline: {}\n"));
    expect((await cli("eval", file)).err).toBe("error [no-out]: give --out DIR: the runs and the reports are written there\n");
    const used = await cli("eval", file, "--out", dir);
    expect([used.code, used.err]).toEqual([2, `error [out-not-empty]: ${dir} is not empty; give a new folder for this eval's runs\n`]);
    const unknown = await cli("eval", file, "--out", join(dir, "o2"), "--variants", "offline,nope");
    expect([unknown.code, unknown.err]).toEqual([2, `error [bad-suite]: ${file}:1:1: variants: no variant \`nope\` (the suite has offline)\n`]);
  });
});

describe("protoforge eval --replay with cassettes that do not answer", () => {
  it("fails the gate and exits 2 naming the runs that could not run, instead of comparing failures that never ran", async () => {
    const dir = await tempDir("pf-eval-");
    const file = join(dir, "trial.yaml");
    await writeFile(file, suite("  offline: {}\n  again: {}\n"));
    const out = join(dir, "out");
    const run = await cli("eval", file, "--out", out, "--replay", join(dir, "no-cassettes"), "--quiet");
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(/^error \[runs-not-run\]: 2 of 2 runs could not run; the first: could not run \[\S+\]: /);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as Results & { notRun: string[] };
    expect(results.notRun).toEqual(["chat#1 offline", "chat#1 again"]);
    expect(results.gatePassed).toBe(false);
    expect(await readFile(join(out, "report.md"), "utf8")).toContain("Gate: **failed** — 2 runs could not run (chat#1 offline, chat#1 again), so no comparison is a verdict.");
  });
});
