import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProjectFiles } from "../../src/run/output-folder.js";
import { OutputDirError } from "../../src/run/write-files.js";

const temp = () => mkdtemp(join(tmpdir(), "pf-out-"));

describe("output folder", () => {
  it("refuses a non-empty folder protoforge did not create, and writes nothing", async () => {
    const dir = await temp();
    await writeFile(join(dir, "notes.txt"), "mine");
    const error = await writeProjectFiles(dir, [{ path: "a.txt", content: "x" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputDirError);
    expect((error as OutputDirError).code).toBe("not-ours");
    expect((error as OutputDirError).message).toContain("nothing was written");
    await expect(readFile(join(dir, "a.txt"))).rejects.toThrow();
    expect(await readFile(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it("writes into a new folder, then rewrites its own files on the next run", async () => {
    const dir = join(await temp(), "out");
    await writeProjectFiles(dir, [{ path: "python/a.py", content: "one" }]);
    const report = await writeProjectFiles(dir, [{ path: "python/a.py", content: "two" }]);
    expect(report.written).toEqual(["python/a.py"]);
    expect(await readFile(join(dir, "python/a.py"), "utf8")).toBe("two");
  });

  it("keeps files the user owns once they exist", async () => {
    const dir = await temp();
    await writeProjectFiles(dir, [{ path: "python/handlers.py", content: "default", ownership: "user" }]);
    await writeFile(join(dir, "python/handlers.py"), "edited by the user");
    const report = await writeProjectFiles(dir, [{ path: "python/handlers.py", content: "default", ownership: "user" }]);
    expect(report.kept).toEqual(["python/handlers.py"]);
    expect(await readFile(join(dir, "python/handlers.py"), "utf8")).toBe("edited by the user");
  });

  it("removes generated files the new spec no longer produces, never user files", async () => {
    const dir = await temp();
    await writeProjectFiles(dir, [
      { path: "vectors/valid/old.bin", content: new Uint8Array([1]) },
      { path: "python/handlers.py", content: "h", ownership: "user" },
    ]);
    const report = await writeProjectFiles(dir, [{ path: "vectors/valid/new.bin", content: new Uint8Array([2]) }]);
    expect(report.removed).toEqual(["vectors/valid/old.bin"]);
    await expect(readFile(join(dir, "vectors/valid/old.bin"))).rejects.toThrow();
    expect(await readFile(join(dir, "python/handlers.py"), "utf8")).toBe("h");
  });

  it("refuses paths that escape the folder", async () => {
    const dir = await temp();
    await mkdir(join(dir, "x"));
    const error = await writeProjectFiles(join(dir, "x"), [{ path: "../evil.txt", content: "x" }]).catch((e: unknown) => e);
    expect((error as OutputDirError).code).toBe("path-escape");
  });
});
