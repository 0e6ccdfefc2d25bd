// `--log-level` of generate and resume: one of error, warn, info, debug;
// anything else is refused by the parser (exit 2, with the levels) before
// anything runs.
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

describe("--log-level", () => {
  it("refuses an unknown level with the list of levels, exit 2", async () => {
    for (const argv of [["generate", "a sensor sends readings", "--out", "unused", "--log-level", "nope"], ["resume", "unused", "--log-level", "nope"]]) {
      const run = await cli(...argv);
      expect([run.code, run.out], argv[0]).toEqual([2, ""]);
      expect(run.err, argv[0]).toContain("argument 'nope' is invalid. Allowed choices are error, warn, info, debug.");
    }
  });

  it("is listed in the help of generate and resume, with --quiet as its synonym", async () => {
    for (const command of ["generate", "resume"]) {
      const help = (await cli(command, "--help")).out.replace(/\s+/g, " ");
      expect(help, command).toContain("--log-level <level>");
      expect(help, command).toContain('(choices: "error", "warn", "info", "debug")');
      expect(help, command).toContain("--quiet no progress lines (--log-level error)");
    }
  });
});
