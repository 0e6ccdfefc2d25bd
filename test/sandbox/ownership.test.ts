// Lending the output folder to uid 65534 and giving it back: only what is
// inside the folder changes hands, links never carry a loan outside it, and a
// folder a crashed run left lent goes back to a sensible owner.
import { chown, link, lstat, mkdir, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lendToSandbox } from "../../sandboxes/isolation/ownership.js";
import { isRoot, removeTempDirs, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

describe.runIf(isRoot)("lending the writable dir to the sandbox user", () => {
  it("lends the folder's own files, not what links point at, and gives everything back", async () => {
    const parent = await tempDir("loan");
    const outside = join(parent, "outside.txt");
    await writeFile(outside, "not the sandbox's");
    const dir = join(parent, "out");
    await mkdir(join(dir, "sub"), { recursive: true });
    await writeFile(join(dir, "sub", "own.txt"), "mine");
    await symlink(outside, join(dir, "symlink"));
    await link(outside, join(dir, "hardlink"));

    const giveBack = await lendToSandbox(dir);
    expect((await stat(dir)).uid).toBe(65534);
    expect((await stat(join(dir, "sub", "own.txt"))).uid).toBe(65534);
    expect((await lstat(join(dir, "symlink"))).uid).toBe(65534); // the link itself
    expect((await stat(outside)).uid).toBe(0); // not what it points at, nor a second name for it

    await writeFile(join(dir, "sub", "new.txt"), "made during the run");
    await chown(join(dir, "sub", "new.txt"), 65534, 65534);
    await giveBack();
    for (const p of [dir, join(dir, "sub"), join(dir, "sub", "own.txt"), join(dir, "sub", "new.txt"), outside]) {
      expect((await stat(p)).uid, p).toBe(0);
    }
    expect((await lstat(join(dir, "symlink"))).uid).toBe(0);
  });

  it("gives a folder left lent by a crashed run to its parent's owner", async () => {
    const parent = await tempDir("crashed");
    const dir = join(parent, "out");
    await mkdir(dir);
    await chown(dir, 65534, 65534);
    const giveBack = await lendToSandbox(dir);
    await giveBack();
    expect((await stat(dir)).uid).toBe(0);
  });
});
