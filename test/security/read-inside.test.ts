// Files that sandboxed code could have written are read only when they
// really lie inside their folder: a result file, or a folder above it,
// swapped for a symlink to a secret is not followed.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileSha256, readText } from "../../agents/shared/workspace.js";
import { readFileInside } from "../../src/read-inside.js";
import { removeTempDirs, tempDir } from "../sandbox/helpers.js";

afterAll(removeTempDirs);

describe("readFileInside", () => {
  it("reads a file inside, and refuses a symlink out, a symlinked folder out, and a path with ..", async () => {
    const secretDir = await tempDir("secret");
    await writeFile(join(secretDir, "id_rsa"), "PRIVATE KEY");
    const out = await tempDir("project");
    await mkdir(join(out, "python/.protoforge-results"), { recursive: true });
    await writeFile(join(out, "python/ok.txt"), "fine");
    await symlink(join(secretDir, "id_rsa"), join(out, "python/.protoforge-results/junit.xml"));
    await symlink(secretDir, join(out, "python/tests"));
    await writeFile(join(out, "python/inner.txt"), "inner");
    await symlink("inner.txt", join(out, "python/alias.txt")); // a link that stays inside is fine

    expect((await readFileInside(join(out, "python"), "ok.txt")).toString()).toBe("fine");
    expect((await readFileInside(join(out, "python"), "alias.txt")).toString()).toBe("inner");
    await expect(readFileInside(join(out, "python"), ".protoforge-results/junit.xml")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFileInside(join(out, "python"), "tests/id_rsa")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFileInside(join(out, "python"), "../../" + secretDir.split("/").pop() + "/id_rsa")).rejects.toMatchObject({ code: "ENOENT" });

    // what the reviewer and the locked-file check read: nothing of the secret
    expect(await readText(out, "python/tests/id_rsa")).toBeUndefined();
    expect(await fileSha256(out, "python/.protoforge-results/junit.xml")).toBeUndefined();
    expect(await readText(out, "python/ok.txt")).toBe("fine");
  });
});
