// Dependency fetching is the one step outside the sandbox, and it reads a
// pyproject.toml that the tests could have rewritten: it fetches index
// packages by name, as wheels, and never builds (runs) anything.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pythonProfile } from "../../sandboxes/profiles/python.js";
import { removeTempDirs, tempDir } from "../sandbox/helpers.js";

afterAll(removeTempDirs);

describe("the Python prefetch", () => {
  it("refuses a direct reference (a local path or URL pip would build as root) before calling pip", async () => {
    const project = await tempDir("prefetch");
    const cache = await tempDir("prefetch-cache");
    await writeFile(
      join(project, "pyproject.toml"),
      '[project]\nname = "x"\nversion = "1"\ndependencies = ["evil @ file:///tmp/evil-sdist", "pytest"]\n',
    );
    await expect(pythonProfile.prefetch({ projectDir: project, cacheDir: cache })).rejects.toMatchObject({
      code: "dependency-fetch-failed",
      message: expect.stringContaining("direct references are not fetched: evil @ file:///tmp/evil-sdist"),
    });
  });
});
