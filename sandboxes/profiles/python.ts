// The Python toolchain: /usr/bin/python3 (a system interpreter, readable by
// the sandbox user), a virtual environment in the project, wheels from a
// read-only cache, then compileall, mypy --strict and pytest.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { readFileInside } from "../../src/read-inside.js";
import { parseDiagnostics } from "../results/diagnostics.js";
import { parseJUnitXml } from "../results/junit.js";
import { DependencyFetchError } from "./errors.js";
import type { ProfileContext, SandboxStep, ToolchainInfo, ToolchainProfile } from "./profile.js";
import { pathExists } from "../../src/path-exists.js";

export { DependencyFetchError } from "./errors.js";

const PYTHON_CANDIDATES = ["/usr/bin/python3", "/usr/local/bin/python3"];
const RESULTS_FILE = ".protoforge-results/pytest.xml";
const PROOF_RESULTS_FILE = ".protoforge-results/proof.xml";

async function findPython(): Promise<{ path: string; version: string } | undefined> {
  for (const path of PYTHON_CANDIDATES) {
    try {
      const { stdout } = await execa(path, ["-c", "import sys, venv; print('%d.%d.%d' % sys.version_info[:3])"]);
      const version = stdout.trim();
      const [major = 0, minor = 0] = version.split(".").map(Number);
      if (major === 3 && minor >= 10) return { path, version };
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Requirements of a project: build-system requires and every dependency, dev extras included. */
export async function pythonRequirements(projectDir: string, python: string): Promise<string[]> {
  const script = [
    "import json, sys, tomllib",
    "d = tomllib.load(open(sys.argv[1], 'rb'))",
    "p = d.get('project', {})",
    "reqs = list(d.get('build-system', {}).get('requires', [])) + list(p.get('dependencies', []))",
    "for extra in p.get('optional-dependencies', {}).values(): reqs += extra",
    "print(json.dumps(sorted(set(reqs))))",
  ].join("\n");
  const { stdout } = await execa(python, ["-c", script, join(projectDir, "pyproject.toml")]);
  return JSON.parse(stdout) as string[];
}

export const pythonProfile: ToolchainProfile = {
  language: "python",

  async detect(): Promise<ToolchainInfo> {
    const python = await findPython();
    return python
      ? { available: true, description: `Python ${python.version} (${python.path})` }
      : { available: false, description: "Python", reason: `no Python 3.10+ with venv at ${PYTHON_CANDIDATES.join(" or ")}` };
  },

  async prefetch(ctx: ProfileContext): Promise<void> {
    const python = await findPython();
    if (!python) throw new DependencyFetchError("python", [], "no Python 3.10+ interpreter");
    const requirements = await pythonRequirements(ctx.projectDir, python.path);
    // This step runs outside the sandbox, and pyproject.toml is in the folder
    // the tests may write: only index packages by name, and wheels only, so
    // pip never runs a build backend (a setup.py) here.
    const direct = requirements.filter((r) => r.includes("@") || r.includes("://"));
    if (direct.length > 0) throw new DependencyFetchError("python", requirements, `direct references are not fetched: ${direct.join(", ")}`);
    // A stamp per requirement set: once fetched, later runs need no network.
    const stamp = join(ctx.cacheDir, `.fetched-${createHash("sha256").update(requirements.join("\n")).digest("hex").slice(0, 16)}`);
    if (await pathExists(stamp)) return;
    const pip = await execa(python.path, ["-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--only-binary=:all:", "--dest", ctx.cacheDir, ...requirements], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
      reject: false,
    });
    if (pip.failed) throw new DependencyFetchError("python", requirements, pip.stderr.trim().split("\n").slice(-3).join(" "));
    await writeFile(stamp, `${requirements.join("\n")}\n`);
  },

  behaviourRun: pythonBehaviourRun,

  steps(ctx: ProfileContext): readonly SandboxStep[] {
    const venvPython = ".venv/bin/python";
    return [
      { step: "install", name: "virtual environment", argv: ["/usr/bin/python3", "-m", "venv", "--clear", ".venv"] },
      {
        step: "install",
        name: "pip install -e .[dev]",
        argv: [venvPython, "-m", "pip", "install", "--quiet", "--no-index", "--no-cache-dir", "--disable-pip-version-check", "--find-links", ctx.cacheDir, "-e", ".[dev]"],
        wallClockMs: 300_000,
      },
      { step: "compile", name: "compileall -W error", argv: [venvPython, "-W", "error", "-m", "compileall", "-q", "src", "tests"], diagnostics: compileDiagnostics },
      { step: "typecheck", name: "mypy --strict", argv: [venvPython, "-m", "mypy", "--strict", "--no-error-summary", "src", "tests"], diagnostics: parseDiagnostics },
      {
        step: "test",
        name: "pytest",
        argv: [venvPython, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1", `--junitxml=${RESULTS_FILE}`],
        wallClockMs: 600_000,
        cases: async () => parseJUnitXml((await readFileInside(ctx.projectDir, RESULTS_FILE)).toString("utf8")),
      },
    ];
  },
};

/** The project's interpreter, with the copy's sources ahead of the editable install on the path. */
export function pythonBehaviourRun(ctx: ProfileContext, workDir: string, tests: readonly string[]): SandboxStep {
  return {
    step: "test",
    name: "pytest (behaviour tests)",
    argv: [join(ctx.projectDir, ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1", `--junitxml=${PROOF_RESULTS_FILE}`, ...tests],
    env: { PYTHONPATH: join(workDir, "src"), PYTHONDONTWRITEBYTECODE: "1" },
    wallClockMs: 60_000,
    cases: async () => parseJUnitXml((await readFileInside(workDir, PROOF_RESULTS_FILE)).toString("utf8")),
  };
}

function compileDiagnostics(output: string): ReturnType<typeof parseDiagnostics> {
  return output
    .split("\n")
    .filter((l) => /Error|Warning/.test(l))
    .map((message) => ({ severity: "error" as const, message: message.trim() }));
}
