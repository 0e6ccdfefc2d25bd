// Benchmark of the generated JavaScript project of examples/chat.yaml (TCP):
// the codec against JSON.stringify/parse and protobufjs, and the generated TCP
// server's round trips and latency with 1, 10 and 100 loopback clients next
// to a raw node:net echo server. Generates the project into a temporary
// folder and runs bench/javascript/bench-codec-and-tcp.mjs on it (from the
// repository, so that protobufjs resolves from protoforge's own
// node_modules); that script prints the tables. Fixed iteration counts, no
// assertions. Run with `npm run build && npm run bench:javascript`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { javascriptEmitter } from "../src/emit/javascript/index.js";
import { parseSpecText } from "../src/spec/parse.js";
import { generateVectors } from "../src/wire/index.js";

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

function main(): number {
  const root = repoRoot();
  const specFile = join(root, "examples", "chat.yaml");
  const parsed = parseSpecText(readFileSync(specFile, "utf8"), specFile);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.code} ${p.path.join(".")}: ${p.message}`).join("\n"));
  const spec = parsed.spec;

  const out = mkdtempSync(join(tmpdir(), "protoforge-bench-javascript-"));
  try {
    const files = [...javascriptEmitter.generate(spec, { transport: "tcp" }), ...generateVectors(spec)];
    for (const file of files) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    console.log(`generated ${files.length} files of ${spec.protocol.name} ${spec.protocol.version} (tcp) into ${out}`);
    console.log("");
    const script = join(root, "bench", "javascript", "bench-codec-and-tcp.mjs");
    const result = spawnSync(process.execPath, [script, join(out, "javascript")], { cwd: root, stdio: "inherit", timeout: 600_000 });
    if (result.error) throw result.error;
    return result.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

process.exitCode = main();
