// The isolation suite under bubblewrap, the mode of a host that has it.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { eventually, hostProcesses, uniqueToken } from "./helpers.js";
import { describeIsolatedRunner } from "./isolated-suite.js";

describeIsolatedRunner("bubblewrap");

describe("the premise of the tree-kill test", () => {
  it("killing only the direct child leaves the grandchild running", async () => {
    const token = uniqueToken();
    const child = spawn("sh", ["-c", `sleep ${token} & sleep ${token}`], { detached: true, stdio: "ignore" });
    try {
      expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 2, 2_000)).toBe(true);
      child.kill("SIGKILL"); // the naive kill
      await new Promise((r) => child.once("exit", r));
      expect((await hostProcesses("sleep", token)).length).toBe(2);
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }
    expect(await eventually(async () => (await hostProcesses("sleep", token)).length === 0, 2_000)).toBe(true);
  });
});
