// The generated C++ protocol layer for real, for the all-kinds spec (every
// field kind, nested structs, lists and optionals: what the sanitizers have
// to see the decoders survive): written with its golden vectors,
// then configured, built and tested with the C++ profile's two builds
// (sandboxes/profiles/cpp.ts: the warning build, -Wall -Wextra -Wpedantic
// -Werror, and the ASan+UBSan build with the profile's sanitizer options),
// directly with cmake, ninja and ctest — one configure per build, -O0. Each
// build's ctest JUnit report must count what the shared plans hold — the
// vectors test every vector (binary and JSON), the validation test every
// case of validationPlan, the JSON test every case of jsonPlan, the machine
// test every reachable state — and none may fail.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cppLayerFiles } from "../../src/emit/cpp/index.js";
import { jsonPlan } from "../../src/emit/test-plans/json-plan.js";
import { referenceSamples } from "../../src/emit/test-plans/samples.js";
import { validationPlan } from "../../src/emit/test-plans/validation-plan.js";
import { routes } from "../../src/spec/machine-routes.js";
import { generateVectors } from "../../src/wire/index.js";
import { CPP_BUILDS, CPP_SANITIZER_ENV, CTEST_JUNIT } from "../../sandboxes/profiles/cpp.js";
import { ctestCases } from "../../sandboxes/profiles/cpp-ctest.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);

interface Manifest {
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

type Group = "Vectors" | "Validation" | "Json" | "Machine";

/** The test file a ctest test comes from: its suite without the instantiation's prefix (`Validation/ValidationCase`). */
function groupOf(suite: string): Group | "other" {
  const m = /^(?:\w+\/)?(Vectors|Validation|Json|Machine)/.exec(suite);
  return (m?.[1] as Group | undefined) ?? "other";
}

async function step(what: string, file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = Date.now();
  try {
    await run(file, args, { cwd, env, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    if (file !== "ctest") throw new Error(`${what} failed:\n${(err.stdout ?? "").slice(-8000)}\n${err.stderr ?? ""}\n${err.message}`);
    // ctest fails when a test does: the report says which, below.
  }
  return (Date.now() - started) / 1000;
}

describe("the generated C++ protocol layer", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-layer-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // The five specs take 763 s in both builds on a loaded 2-core machine (the
  // sanitized builds and test processes dominate); CI runs all-kinds, and
  // docs/targets/cpp-contract.md gives the five specs' counts and seconds,
  // measured by a hand run with PROTOFORGE_CPP_ALL_SPECS=1.
  const specs = process.env["PROTOFORGE_CPP_ALL_SPECS"] === "1" ? EVERY_SPEC() : EVERY_SPEC().filter(([n]) => n === "all-kinds");
  for (const [name, spec] of specs) {
    it.concurrent(`${name}: the warning build and the ASan+UBSan build compile and pass every vector, validation, JSON and machine test`, async () => {
      const root = join(out, name);
      for (const f of [...cppLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
        const path = join(root, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
      const project = join(root, "cpp");
      const source = (test: string): string => readFileSync(join(project, "test", test), "utf8");
      const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
      const manifest = JSON.parse(readFileSync(join(root, "vectors", "manifest.json"), "utf8")) as Manifest;
      const samples = referenceSamples(spec);
      const validationCases = validationPlan(spec, samples).reduce((n, p) => n + p.sites.reduce((k, site) => k + site.cases.length, 0), 0);
      const jsonCases = jsonPlan(spec, samples).reduce((n, p) => n + p.cases.length, 0);
      const reachable = (["initiator", "responder"] as const).reduce((n, r) => n + routes(spec.machines[r]).size, 0);
      const validation = source("validation_test.cpp");
      const machine = source("machine_test.cpp");
      const rows = count(validation, /\[\]\(\) -> Message \{/g);
      // Every plan case is a row of its own; C++'s own out-of-type values add more.
      expect(rows).toBeGreaterThanOrEqual(validationCases);
      expect(count(machine, /^TEST\(/gm)).toBeGreaterThanOrEqual(reachable + 1);
      const expected: Record<Group | "other", number> = {
        // One test per vector for its bytes and one for its JSON envelope; the manifest check and the deframer test.
        Vectors: 2 * manifest.valid.length + manifest.invalid.length + 2,
        Validation: count(validation, /^TEST\(/gm) + rows,
        Json: count(source("json_test.cpp"), /^TEST\(/gm) + jsonCases,
        Machine: count(machine, /^TEST\(/gm),
        // The seeded mutation test (runtime-test/mutation_test.cpp): its TESTs.
        other: count(source("mutation_test.cpp"), /^TEST\(/gm),
      };
      const timings: string[] = [];
      for (const build of CPP_BUILDS) {
        const sanitized = build.label !== "";
        const configure = await step(`configure ${build.dir}`, "cmake", ["-S", ".", "-B", build.dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug", `-DCMAKE_CXX_FLAGS=${build.flags}`, "-DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST"], project);
        const compile = await step(`build ${build.dir}`, "cmake", ["--build", build.dir, "-j2"], project);
        const env = { ...process.env, GTEST_COLOR: "no", ...(sanitized ? CPP_SANITIZER_ENV : {}) };
        const test = await step(`ctest ${build.dir}`, "ctest", ["--test-dir", build.dir, "--no-tests=error", "-j2", "--output-junit", CTEST_JUNIT], project, env);
        const cases = ctestCases(readFileSync(join(project, build.dir, CTEST_JUNIT), "utf8"), project);
        const seen: Record<Group | "other", number> = { Vectors: 0, Validation: 0, Json: 0, Machine: 0, other: 0 };
        for (const c of cases) seen[groupOf(c.suite)] += 1;
        const failed = cases.filter((c) => c.status !== "passed").map((c) => `${c.suite}.${c.name}: ${c.status} ${c.message ?? ""} ${c.location?.file ?? ""}:${c.location?.line ?? ""}`);
        expect({ build: build.dir, failed: failed.slice(0, 10), failures: failed.length }).toEqual({ build: build.dir, failed: [], failures: 0 });
        expect({ build: build.dir, ...seen }).toEqual({ build: build.dir, ...expected });
        timings.push(`${build.dir}: configure ${configure.toFixed(1)} s, build ${compile.toFixed(1)} s, ctest ${test.toFixed(1)} s`);
      }
      console.log(`${name}: ${JSON.stringify(expected)} ctest tests in each build, ${validationCases} validation and ${jsonCases} JSON cases in the plans; ${timings.join("; ")}`);
    }, 1_800_000);
  }
});
