import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/run/history/read-history.js";
import { cli } from "../cli/run-cli.js";
import { sampleRun, tempDir } from "./helpers.js";

describe("protoforge history", () => {
  it("prints the steps as a table from git alone", async () => {
    const { dir, hashes } = await sampleRun();
    const { code, out, err } = await cli("history", dir);
    expect(code).toBe(0);
    expect(err).toBe("");
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^round {2}agent +what +tests +tokens {2}commit$/);
    expect(lines[1]).toMatch(/^-+( {2}-+){5}$/);
    expect(lines).toHaveLength(2 + 6 + 1);
    expect(lines[2]).toMatch(new RegExp(`^ {4}1 {2}architect {2}designed the spec from the description +not run +2100 {2}${hashes[0]?.slice(0, 7)}$`));
    expect(lines[4]).toMatch(/^ {4}1 {2}tester +ran python: 2 failing +10 passed, 2 failed +0 {2}[0-9a-f]{7}$/);
    expect(lines[7]).toMatch(new RegExp(`^ {4}2 {2}reviewer +approved +not run +900 {2}${hashes[5]?.slice(0, 7)}$`));
    expect(lines[8]).toBe("6 steps in 2 rounds, 10230 tokens");
  });

  it("--json prints the steps as an array", async () => {
    const { dir } = await sampleRun();
    const { code, out } = await cli("history", dir, "--json");
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as unknown[];
    expect(parsed).toEqual(await readHistory(dir));
    expect(parsed[2]).toMatchObject({ round: 1, agent: "tester", tests: { passed: 10, failed: 2 }, tokens: 0 });
  });

  it("refuses a folder that is not a run with a clear error and exit 2", async () => {
    const dir = await tempDir();
    const { code, out, err } = await cli("history", dir);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(`${dir} is not a protoforge run: it is not a git repository\n`);
  });

  it("refuses a missing folder with exit 2, in --json mode too", async () => {
    const dir = join(await tempDir(), "nope");
    const { code, out, err } = await cli("history", dir, "--json");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`${dir} does not exist`);
  });

  it("is listed in the help", async () => {
    const { out } = await cli("--help");
    expect(out).toMatch(/history \[options\] <dir>/);
  });
});
