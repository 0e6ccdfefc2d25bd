// Benchmark of the generated Java project of examples/chat.yaml (TCP): the
// codec against Jackson and protobuf-java, and the generated TCP server's
// round trips and latency with 1, 10 and 100 loopback clients next to a raw
// java.net echo server. Generates the project into a temporary folder,
// prefetches its dependencies with the Java toolchain profile and builds it
// offline (`mvn -o package`); fetches what bench/java needs besides
// (protobuf-java and protoc, through bench/java/pom.xml; Jackson is the
// project's own), runs protoc on bench/java/chat_bench.proto, compiles
// bench/java/*.java against the built classes and runs JavaBench, which
// prints the tables. Fixed iteration counts, no assertions. Run with
// `npm run build && npm run bench:java`.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { javaEmitter } from "../src/emit/java/index.js";
import { parseSpecText } from "../src/spec/parse.js";
import { generateVectors } from "../src/wire/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../sandboxes/profiles/index.js";

/** A step of the benchmark's build that failed: which one, and what the tool said. */
export class JavaBenchStepError extends Error {
  readonly code = "JAVA_BENCH_STEP_FAILED";
  constructor(
    readonly step: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${step} failed in ${where}: ${detail}`);
    this.name = "JavaBenchStepError";
  }
}

/** Maven's own JVM, as the Java profile runs it: C1 alone and the serial collector start faster on 2 cores. */
const MAVEN_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";
const BATCH = ["-B", "-q", "-ntp", "-Dstyle.color=never"];

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

/** Runs a build step to its end, its output shown only when it fails. */
function step(name: string, command: string, args: readonly string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 600_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, MAVEN_OPTS } });
  if (result.error) throw new JavaBenchStepError(name, cwd, result.error.message);
  if (result.status !== 0) throw new JavaBenchStepError(name, cwd, `exit ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
}

/** Every .java file under `dir`. */
function javaSources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".java"))
    .map((f) => join(dir, f))
    .sort();
}

async function main(): Promise<number> {
  const root = repoRoot();
  const specFile = join(root, "examples", "chat.yaml");
  const parsed = parseSpecText(readFileSync(specFile, "utf8"), specFile);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n"));
  const spec = parsed.spec;

  const out = mkdtempSync(join(tmpdir(), "protoforge-bench-java-"));
  try {
    const files = [...javaEmitter.generate(spec, { transport: "tcp" }), ...generateVectors(spec)];
    for (const file of files) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    console.log(`generated ${files.length} files of ${spec.protocol.name} ${spec.protocol.version} (tcp) into ${out}`);

    // The generated project: dependencies as the sandbox gets them, then an offline build.
    const project = join(out, "java");
    const cacheDir = await languageCacheDir("java");
    const repository = mavenRepository(cacheDir);
    await javaProfile.prefetch({ projectDir: project, cacheDir });
    step("mvn -o package", "mvn", ["-o", ...BATCH, `-Dmaven.repo.local=${repository}`, "-DskipTests", "package"], project);

    // What the bench program needs besides: protobuf-java and protoc.
    const bench = join(root, "bench", "java");
    const work = join(out, "bench");
    step("mvn generate-resources (bench dependencies)", "mvn", [...BATCH, `-Dmaven.repo.local=${repository}`, "-f", join(bench, "pom.xml"), `-Dbench.out=${work}`, "generate-resources"], out);
    const protoc = join(work, "protoc", "protoc");
    chmodSync(protoc, 0o755);
    const protoSources = join(work, "proto-src");
    mkdirSync(protoSources, { recursive: true });
    step("protoc", protoc, [`-I${bench}`, `--java_out=${protoSources}`, join(bench, "chat_bench.proto")], out);

    const libraries = [join(project, "target", "classes"), join(project, "target", "dependency", "*"), join(work, "lib", "*")];
    const protoClasses = join(work, "proto-classes");
    const benchClasses = join(work, "bench-classes");
    // protoc's output is not ours to hold to -Werror; the bench program is.
    step("javac (protoc output)", "javac", ["-nowarn", "-d", protoClasses, "-cp", libraries.join(delimiter), ...javaSources(protoSources)], out);
    step("javac (bench/java)", "javac", ["-Xlint:all", "-Werror", "-d", benchClasses, "-cp", [...libraries, protoClasses].join(delimiter), ...javaSources(bench)], out);
    console.log(`built the project (mvn -o package), protoc ${spawnSync(protoc, ["--version"], { encoding: "utf8" }).stdout.trim()} output and bench/java`);
    console.log("");

    const classpath = [benchClasses, protoClasses, ...libraries].join(delimiter);
    const result = spawnSync("java", ["-cp", classpath, "JavaBench"], { cwd: out, stdio: "inherit", timeout: 900_000 });
    if (result.error) throw result.error;
    return result.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

process.exitCode = await main();
