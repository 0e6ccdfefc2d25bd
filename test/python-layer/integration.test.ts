// The generated Python project of the sensor example, for real: a fresh
// virtual environment, pip install -e '.[dev]' from a local wheel cache (no
// index), then the project's tests under pytest, mypy --strict on src and
// tests, and byte-compilation with warnings as errors.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pythonEmitter } from "../../src/emit/python/index.js";
import { PYTHON_PINS } from "../../src/emit/python/layer/package-files.js";
import { generateVectors } from "../../src/wire/index.js";
import { example, PYTHON } from "./support.js";

const WHEELS = [`pytest-${PYTHON_PINS.pytest}-`, `mypy-${PYTHON_PINS.mypy}-`, `setuptools-${PYTHON_PINS.setuptools}-`];

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "" } }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}

/** A folder holding the pinned wheels and their dependencies; fetched from PyPI once when missing. */
function wheelCache(): string {
  const cache = join(tmpdir(), "protoforge-pip-cache");
  const has = (dir: string): boolean => existsSync(dir) && WHEELS.every((prefix) => readdirSync(dir).some((f) => f.startsWith(prefix)));
  if (!has(cache)) {
    mkdirSync(cache, { recursive: true });
    run(PYTHON, ["-m", "pip", "download", "--quiet", "--dest", cache, `pytest==${PYTHON_PINS.pytest}`, `mypy==${PYTHON_PINS.mypy}`, `setuptools==${PYTHON_PINS.setuptools}`], cache);
  }
  return cache;
}

describe("the generated Python project of sensor-telemetry", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-python-layer-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("installs in a fresh venv, passes its tests, mypy --strict and compileall -W error", () => {
    const cache = wheelCache();
    const spec = example("sensor-telemetry");
    for (const file of [...pythonEmitter.generate(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    const project = join(out, "python");
    const bin = join(project, ".venv", "bin");
    run(PYTHON, ["-m", "venv", ".venv"], project);
    run(join(bin, "pip"), ["install", "--quiet", "--no-index", "--find-links", cache, "-e", ".[dev]"], project);

    const pytest = run(join(bin, "python"), ["-m", "pytest", "-q", "-p", "no:cacheprovider"], project);
    expect(pytest).toMatch(/\b\d+ passed\b/);
    expect(pytest).not.toMatch(/\b(failed|error|errors|skipped)\b/);
    for (const module of ["test_vectors", "test_validation", "test_machine", "test_json"]) expect(existsSync(join(project, "tests", `${module}.py`))).toBe(true);

    expect(run(join(bin, "mypy"), ["--strict", "src", "tests"], project)).toMatch(/^Success: no issues found/m);
    expect(run(join(bin, "python"), ["-W", "error", "-m", "compileall", "-q", "src", "tests"], project)).toBe("");
  }, 600_000);
});
