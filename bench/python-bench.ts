// Benchmark of the generated Python project of examples/chat.yaml (TCP): the
// codec against Python's json module, and the generated TCP server's round
// trips and latency with 1, 10 and 100 loopback clients next to a raw asyncio
// baseline. Generates the project (with its vectors) into a temporary folder,
// installs it into a fresh venv from the local wheel cache (no index), copies
// bench/python/bench_codec_and_tcp.py next to it and runs that; the Python
// script prints the tables. Fixed iteration counts, no assertions.
// Run with `npm run build && npm run bench:python`.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pythonEmitter } from "../src/emit/python/index.js";
import { PYTHON_PINS } from "../src/emit/python/layer/package-files.js";
import { parseSpecText } from "../src/spec/parse.js";
import { generateVectors } from "../src/wire/index.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = "bench_codec_and_tcp.py";
const WHEELS = [`pytest-${PYTHON_PINS.pytest}-`, `mypy-${PYTHON_PINS.mypy}-`, `setuptools-${PYTHON_PINS.setuptools}-`];

/** The repository root: the nearest folder above this module holding package.json (works from bench/ and dist/bench/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("no package.json above the benchmark");
    dir = parent;
  }
  return dir;
}

function run(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout?.toString() ?? ""}\n${e.stderr?.toString() ?? ""}`);
  }
}

/** A folder holding the pinned wheels and their dependencies; fetched from PyPI once when missing (as the integration tests do). */
function wheelCache(): string {
  const cache = join(tmpdir(), "protoforge-pip-cache");
  const has = (dir: string): boolean => existsSync(dir) && WHEELS.every((prefix) => readdirSync(dir).some((f) => f.startsWith(prefix)));
  if (!has(cache)) {
    mkdirSync(cache, { recursive: true });
    run(PYTHON, ["-m", "pip", "download", "--quiet", "--dest", cache, `pytest==${PYTHON_PINS.pytest}`, `mypy==${PYTHON_PINS.mypy}`, `setuptools==${PYTHON_PINS.setuptools}`], cache);
  }
  return cache;
}

function main(): number {
  const root = repoRoot();
  const specFile = join(root, "examples", "chat.yaml");
  const parsed = parseSpecText(readFileSync(specFile, "utf8"), specFile);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n"));
  const spec = parsed.spec;

  const out = mkdtempSync(join(tmpdir(), "protoforge-bench-python-"));
  try {
    const started = performance.now();
    const files = [...pythonEmitter.generate(spec, { transport: "tcp" }), ...generateVectors(spec)];
    for (const file of files) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    const project = join(out, "python");
    const script = join(out, SCRIPT);
    copyFileSync(join(root, "bench", "python", SCRIPT), script);

    const cache = wheelCache();
    const bin = join(project, ".venv", "bin");
    run(PYTHON, ["-m", "venv", ".venv"], project);
    run(join(bin, "pip"), ["install", "--quiet", "--no-index", "--find-links", cache, "."], project);
    const setup = (performance.now() - started) / 1000;
    console.log(`generated ${files.length} files of ${spec.protocol.name} ${spec.protocol.version} (tcp) into ${out}, installed into a fresh venv in ${setup.toFixed(1)} s`);
    console.log("");

    const result = spawnSync(join(bin, "python"), [script], { cwd: out, stdio: "inherit", timeout: 300_000 });
    if (result.error) throw result.error;
    return result.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

process.exitCode = main();
