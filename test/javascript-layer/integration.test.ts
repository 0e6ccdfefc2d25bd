// The generated JavaScript project for real, for every example spec and the
// reserved-word spec: written with its golden vectors, `tsc -p tsconfig.json`
// (protoforge's own TypeScript through a node_modules symlink) and
// `node --test` with the TAP reporter, which must pass with no failure.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { javascriptLayerFiles } from "../../src/emit/javascript/layer/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const NODE_MODULES = resolve(import.meta.dirname, "../../node_modules");

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}

describe("the generated JavaScript protocol layer", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-javascript-layer-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const [name, spec] of EVERY_SPEC()) {
    it(`${name}: tsc is clean and node --test passes`, () => {
      const root = join(out, name);
      for (const f of [...javascriptLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
        const path = join(root, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
      const project = join(root, "javascript");
      symlinkSync(NODE_MODULES, join(project, "node_modules"));
      expect(run(process.execPath, [join(NODE_MODULES, "typescript/bin/tsc"), "-p", "tsconfig.json"], project)).toBe("");
      const tap = run(process.execPath, ["--test", "--test-reporter=tap", "test/"], project);
      const count = (key: string): number => Number(new RegExp(`^# ${key} (\\d+)$`, "m").exec(tap)?.[1] ?? "-1");
      expect(count("pass")).toBeGreaterThan(50);
      expect(count("fail")).toBe(0);
      expect(count("cancelled")).toBe(0);
    }, 90_000);
  }
});
