// The generated Java protocol layer for real, for every example spec, the
// all-kinds spec and the reserved-word spec: written with its golden
// vectors, its pom's dependencies prefetched into the shared Maven
// repository by the Java toolchain profile (network only there, once per
// pom), then `mvn -o -B -q verify` offline: javac with -Xlint:all -Werror,
// and the four test classes, whose surefire reports must count what the
// shared plans hold — VectorsTest every vector (binary and JSON), ValidationTest
// every case of validationPlan, JsonTest every case of jsonPlan, MachineTest every
// reachable state — none failed.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import { jsonPlan } from "../../src/emit/test-plans/json-plan.js";
import { referenceSamples } from "../../src/emit/test-plans/samples.js";
import { validationPlan } from "../../src/emit/test-plans/validation-plan.js";
import { routes } from "../../src/spec/machine-routes.js";
import { generateVectors } from "../../src/wire/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { EVERY_SPEC } from "../python-layer/support.js";

const run = promisify(execFile);

interface Manifest {
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

describe("the generated Java protocol layer", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-layer-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // chat and file-transfer are built and tested in the sandbox, over every
  // transport, by test/integration/examples-in-sandbox.test.ts (their printed
  // tests are pinned by the golden output); building them here too cost a
  // minute of CI.
  for (const [name, spec] of EVERY_SPEC().filter(([n]) => n !== "chat" && n !== "file-transfer")) {
    it.concurrent(`${name}: mvn -o verify compiles without a warning and passes every vector, validation, JSON and machine test`, async () => {
      const root = join(out, name);
      for (const f of [...javaLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
        const path = join(root, f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.content);
      }
      const project = join(root, "java");
      const cacheDir = await languageCacheDir("java");
      await javaProfile.prefetch({ projectDir: project, cacheDir });
      try {
        await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], {
          cwd: project,
          timeout: 240_000,
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
        });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`mvn verify failed for ${name}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`);
      }
      const manifest = JSON.parse(readFileSync(join(root, "vectors", "manifest.json"), "utf8")) as Manifest;
      const model = buildJavaModel(spec);
      const source = (cls: string): string => readFileSync(join(project, "src", "test", "java", model.pkgDir, `${cls}.java`), "utf8");
      const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
      const suite = (cls: string): Record<"tests" | "failures" | "errors" | "skipped", number> => {
        const report = readFileSync(join(project, "target", "surefire-reports", `TEST-${model.pkg}.${cls}.xml`), "utf8");
        const attr = (key: string): number => Number(new RegExp(`<testsuite[^>]* ${key}="(\\d+)"`).exec(report)?.[1] ?? "-1");
        return { tests: attr("tests"), failures: attr("failures"), errors: attr("errors"), skipped: attr("skipped") };
      };
      const samples = referenceSamples(spec);
      const validationCases = validationPlan(spec, samples).reduce((n, p) => n + p.sites.reduce((k, site) => k + site.cases.length, 0), 0);
      const jsonCases = jsonPlan(spec, samples).reduce((n, p) => n + p.cases.length, 0);
      const reachable = spec.machines.initiator.states.filter((st) => routes(spec.machines.initiator).has(st.name)).length + spec.machines.responder.states.filter((st) => routes(spec.machines.responder).has(st.name)).length;
      const validation = source("ValidationTest");
      // Every plan case is a check(...) of its own; Java's own out-of-type values add more.
      expect(count(validation, /\bcheck\(/g)).toBeGreaterThanOrEqual(validationCases);
      const expected: Record<string, number> = {
        // One test per vector, once for its bytes and once for its JSON envelope; the manifest check and the deframer test.
        VectorsTest: 2 * manifest.valid.length + manifest.invalid.length + 2,
        ValidationTest: count(validation, /@Test\n/g) + count(validation, /\bcheck\(/g),
        JsonTest: count(source("JsonTest"), /@Test\n/g) + jsonCases,
        MachineTest: count(source("MachineTest"), /@Test\n/g) + reachable,
      };
      const seen: Record<string, number> = {};
      for (const [cls, tests] of Object.entries(expected)) {
        const got = suite(cls);
        seen[cls] = got.tests;
        expect({ cls, ...got }).toEqual({ cls, tests, failures: 0, errors: 0, skipped: 0 });
      }
      console.log(`${name}: ${JSON.stringify(seen)}, ${validationCases} validation cases in the plan`);
    }, 360_000);
  }
});
