// The JavaScript profile's plan, pure: steps and their argv, the lock's
// packages and stamp, node versions.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { javascriptSteps, NODE_RESULTS_FILE } from "../../sandboxes/profiles/javascript.js";
import { nodeMajor } from "../../sandboxes/profiles/node-binary.js";
import { LockfileError, lockedPackages, lockStamp } from "../../sandboxes/profiles/npm-lock.js";

const ctx = { projectDir: "/out/javascript", cacheDir: "/var/cache/protoforge/javascript" };
const tools = { node: "/usr/bin/node", npmCli: "/usr/lib/node_modules/npm/bin/npm-cli.js" };

describe("javascriptSteps", () => {
  const steps = javascriptSteps(ctx, tools);

  it("installs offline from the read-only cache, type-checks, then tests", () => {
    expect(steps.map((s) => [s.step, s.name])).toEqual([
      ["install", "npm ci --offline"],
      ["typecheck", "tsc -p tsconfig.json"],
      ["test", "node --test"],
    ]);
  });

  it("runs npm ci --offline from the cache, with no scripts, audit, fund, notifier or log file", () => {
    expect(steps[0]?.argv).toEqual([
      "/usr/bin/node",
      "/usr/lib/node_modules/npm/bin/npm-cli.js",
      "ci",
      "--offline",
      "--cache",
      "/var/cache/protoforge/javascript",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--no-update-notifier",
      "--logs-max=0",
    ]);
  });

  it("runs the project's own tsc with plain output and parses it", () => {
    expect(steps[1]?.argv).toEqual(["/usr/bin/node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.json", "--pretty", "false"]);
    expect(steps[1]?.diagnostics?.("src/a.js(1,2): error TS2304: Cannot find name 'x'.")).toEqual([
      { severity: "error", code: "TS2304", message: "Cannot find name 'x'.", location: { file: "src/a.js", line: 1 } },
    ]);
  });

  it("gives every node step the environment that lets fetch's wasm parser start under the address-space limit", () => {
    for (const step of steps) expect(step.env, step.name).toEqual({ NODE_OPTIONS: "--disable-wasm-trap-handler" });
  });

  it("runs node --test with a per-test timeout, a JUnit report in a fresh results folder and the spec reporter on stdout", () => {
    const [sh, flag, script] = steps[2]?.argv ?? [];
    expect([sh, flag]).toEqual(["/bin/sh", "-c"]);
    expect(script).toBe(
      `mkdir -p .protoforge-results && rm -f ${NODE_RESULTS_FILE} && exec /usr/bin/node --test --test-timeout=60000 --test-reporter=junit --test-reporter-destination=${NODE_RESULTS_FILE} --test-reporter=spec --test-reporter-destination=stdout test/`,
    );
    expect(steps[2]?.cases).toBeTypeOf("function");
  });

  it("quotes a node path the shell would split", () => {
    const script = javascriptSteps(ctx, { ...tools, node: "/opt/my node/bin/node" })[2]?.argv[2];
    expect(script).toContain("exec '/opt/my node/bin/node' --test");
  });
});

describe("the lock", () => {
  it("lists the fixture's locked packages", async () => {
    const lock = await readFile("test/sandbox/fixtures/js-project/package-lock.json", "utf8");
    expect(lockedPackages(lock)).toEqual(["@types/node@20.19.43", "typescript@5.9.3", "undici-types@6.21.0"]);
    expect(lockStamp(lock)).toMatch(/^\.fetched-[0-9a-f]{16}$/);
    expect(lockStamp(lock)).not.toBe(lockStamp(`${lock} `));
  });

  it("names nested and aliased packages, skips links and the root", () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        "": { name: "x" },
        "node_modules/a": { version: "1.0.0" },
        "node_modules/a/node_modules/@s/b": { version: "2.0.0" },
        "node_modules/alias": { name: "real", version: "3.0.0" },
        "node_modules/linked": { link: true, resolved: "../linked" },
      },
    });
    expect(lockedPackages(lock)).toEqual(["@s/b@2.0.0", "a@1.0.0", "real@3.0.0"]);
  });

  it("refuses what is not a v2/v3 lock", () => {
    expect(() => lockedPackages("{")).toThrow(LockfileError);
    expect(() => lockedPackages('{"lockfileVersion":1,"dependencies":{}}')).toThrow(/lockfileVersion 2 or 3/);
  });
});

describe("nodeMajor", () => {
  it("reads node --version output", () => {
    expect(nodeMajor("v20.20.2\n")).toBe(20);
    expect(nodeMajor("22.1.0")).toBe(22);
    expect(nodeMajor("nope")).toBeNaN();
  });
});
