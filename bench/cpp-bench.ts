// Benchmark of the generated C++ project of examples/chat.yaml (TCP): the
// codec against nlohmann-json and protobuf's C++ library, and TCP round trips
// and latency with 1, 10 and 100 loopback clients against a raw asio echo
// server (and the generated TCP server, once the project has one). Generates
// the project into a temporary folder, configures bench/cpp/CMakeLists.txt
// with it as a subdirectory (Release, -O2; dependencies from the
// distribution: nlohmann-json3-dev, libasio-dev, libprotobuf-dev and
// protobuf-compiler for the protobuf rows), builds it with Ninja and runs
// cpp_bench, which prints the tables. Fixed iteration counts, no assertions.
// Run with `npm run build && npm run bench:cpp` (PROTOFORGE_BENCH_JOBS: build
// jobs, default 2).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedFile } from "../src/emit/index.js";
import { cppEmitter, cppLayerFiles } from "../src/emit/cpp/index.js";
import { CppTransportError } from "../src/emit/cpp/transport/errors.js";
import type { Spec } from "../src/spec/model.js";
import { parseSpecText } from "../src/spec/parse.js";

/** A step of the benchmark's build that failed: which one, and what the tool said. */
export class CppBenchStepError extends Error {
  readonly code = "CPP_BENCH_STEP_FAILED";
  constructor(
    readonly step: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${step} failed in ${where}: ${detail}`);
    this.name = "CppBenchStepError";
  }
}

/** The tools the build needs, with the Debian package that has each. */
const TOOLS: readonly (readonly [string, string])[] = [
  ["cmake", "cmake"],
  ["ninja", "ninja-build"],
  ["g++", "g++"],
];

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

/**
 * The generated project over TCP; while the C++ TCP transport is not
 * generated yet (refused by name), the protocol layer alone, said so.
 */
function projectFiles(spec: Spec): GeneratedFile[] {
  try {
    return cppEmitter.generate(spec, { transport: "tcp" });
  } catch (error) {
    if (!(error instanceof CppTransportError) || error.code !== "transport-not-generated") throw error;
    console.log(`${error.message}: benchmarking the protocol layer alone (no generated server rows)`);
    return cppLayerFiles(spec, { transport: "tcp" });
  }
}

/** Runs a build step to its end, its output shown only when it fails. */
function step(name: string, command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 900_000, maxBuffer: 16 * 1024 * 1024 });
  if (result.error) throw new CppBenchStepError(name, cwd, result.error.message);
  if (result.status !== 0) throw new CppBenchStepError(name, cwd, `exit ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
  return result.stdout + result.stderr;
}

function main(): number {
  const missing = TOOLS.filter(([tool]) => spawnSync(tool, ["--version"], { encoding: "utf8" }).error !== undefined);
  if (missing.length > 0) {
    console.error(`bench:cpp needs ${missing.map(([t]) => t).join(", ")} (Debian: apt-get install ${missing.map(([, p]) => p).join(" ")})`);
    return 1;
  }
  const root = repoRoot();
  const specFile = join(root, "examples", "chat.yaml");
  const parsed = parseSpecText(readFileSync(specFile, "utf8"), specFile);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n"));
  const spec = parsed.spec;

  const out = mkdtempSync(join(tmpdir(), "protoforge-bench-cpp-"));
  try {
    const files = projectFiles(spec);
    for (const file of files) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    console.log(`generated ${files.length} files of ${spec.protocol.name} ${spec.protocol.version} (tcp) into ${out}`);

    const build = join(out, "build");
    const jobs = process.env["PROTOFORGE_BENCH_JOBS"] ?? "2";
    const configured = step(
      "cmake configure",
      "cmake",
      ["-S", join(root, "bench", "cpp"), "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release", `-DPROTOFORGE_CPP_PROJECT=${join(out, "cpp")}`],
      out,
    );
    // CMake's warning (protobuf not found) says which packages to install; cpp_bench says it again in its table.
    for (const line of configured.split("\n").filter((l) => l.includes("protobuf not found"))) console.log(line.trim());
    step("cmake --build", "cmake", ["--build", build, "--target", "cpp_bench", `-j${jobs}`], out);
    console.log(`built cpp_bench and the generated project (Release, -O2, ${jobs} jobs)`);
    console.log("");

    const result = spawnSync(join(build, "cpp_bench"), [], { cwd: out, stdio: "inherit", timeout: 900_000 });
    if (result.error) throw result.error;
    return result.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

process.exitCode = main();
