// A request that fails to encode on the client (here a chat text over its
// 1000-byte limit) must change no state: the generated clients used to move
// their role machine before encoding, so the failed SendMessage left them in
// awaiting_post and the next valid request was refused with StateError. Each
// generated client runs against its own generated server, in one process.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transport } from "../../src/emit/language.js";
import { example, PYTHON } from "../python-layer/support.js";
import { emitProject } from "../verify/conformance/support/emit-project.js";

const spec = example("chat");
const out = mkdtempSync(join(tmpdir(), "protoforge-encode-error-"));
const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];
beforeAll(() => {
  for (const transport of TRANSPORTS) emitProject(spec, transport, join(out, transport), ["python", "javascript"]);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const UNCHANGED = { error: "WireError", before: "ready", after: "ready", next: "MessageAccepted" };

describe("a request that fails to encode leaves the client's role machine where it was", () => {
  // Python over HTTP needs aiohttp in a virtual environment; its client takes the same path (encode, then move) as the framed ones.
  for (const transport of ["tcp", "udp"] as const) {
    it(`python over ${transport}`, async () => {
      const dir = join(out, transport, "python");
      const run = await execa(PYTHON, [join(import.meta.dirname, "probes", "encode-error.py")], { cwd: dir, env: { PYTHONPATH: "src" }, timeout: 30_000 });
      expect(JSON.parse(run.stdout)).toEqual(UNCHANGED);
    }, 60_000);
  }
  for (const transport of TRANSPORTS) {
    it(`javascript over ${transport}`, async () => {
      const dir = join(out, transport, "javascript");
      copyFileSync(join(import.meta.dirname, "probes", "encode-error.mjs"), join(dir, "encode-error.mjs"));
      const run = await execa(process.execPath, ["encode-error.mjs"], { cwd: dir, timeout: 30_000 });
      expect(JSON.parse(run.stdout)).toEqual(UNCHANGED);
    }, 60_000);
  }
});
