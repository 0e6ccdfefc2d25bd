// The generated C++ fuzz target for real (toolchain lane): the chat project
// with its golden vectors, configured with clang and -DCHAT_FUZZ=ON, built,
// and run by libFuzzer for a bounded number of inputs from the seed corpus
// the vectors make. libFuzzer exits 0 only when no input crashed, leaked,
// threw anything but WireError, broke a round trip or made a sanitizer report.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cppLayerFiles } from "../../src/emit/cpp/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { example } from "../python-layer/support.js";

const run = promisify(execFile);
const RUNS = 20_000;

describe("the generated C++ fuzz target", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-cpp-fuzz-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(`chat: builds with clang and -DCHAT_FUZZ=ON and runs ${RUNS} inputs from the vectors' seed corpus with no finding`, async () => {
    const spec = example("chat");
    for (const f of [...cppLayerFiles(spec, { transport: "tcp" }), ...generateVectors(spec)]) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    const project = join(out, "cpp");
    const opts = { cwd: project, timeout: 900_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CXX: "clang++" } };
    await run("cmake", ["-S", ".", "-B", "build-fuzz", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCHAT_FUZZ=ON", "-DCHAT_BUILD_TESTS=OFF"], opts);
    await run("cmake", ["--build", "build-fuzz", "-j2"], opts);
    const corpus = join(project, "build-fuzz", "fuzz-corpus");
    expect(readdirSync(corpus).filter((n) => n.endsWith(".bin")).length).toBeGreaterThan(10);
    let log: string;
    try {
      const r = await run(join(project, "build-fuzz", "chat_fuzz"), [corpus, `-runs=${RUNS}`, "-seed=1", "-print_final_stats=1"], opts);
      log = r.stderr;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`the fuzzer found something:\n${(err.stderr ?? "").slice(-8000)}\n${err.message}`);
    }
    expect(log).toMatch(/Done \d+ runs/);
    expect(log).not.toContain("ERROR:");
    expect(log).not.toContain("fuzz finding");
    console.log(log.split("\n").filter((l) => /DONE|Done|stat::number_of_executed_units/.test(l)).join("\n"));
  }, 1_800_000);
});
