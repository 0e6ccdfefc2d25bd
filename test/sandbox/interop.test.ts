// The interop driver for real, in the real sandbox: two tiny demo programs
// (test/sandbox/fixtures/interop: a JavaScript and a Python line-protocol
// server and client following the demo contract) paired both ways — both
// pass; a failing client; a server that never prints its port (bounded).
import { execFile } from "node:child_process";
import { cp, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInteropMatrix } from "../../sandboxes/interop/index.js";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const run = promisify(execFile);
const FIXTURE = "test/sandbox/fixtures/interop";
const runner = createSandboxRunner();
const LANGUAGES = ["python", "javascript"] as const;

/**
 * A fresh output folder with the fixture's projects; OUT/python gets a real
 * virtual environment whose site-packages points at src (as `pip install -e`
 * would), so `.venv/bin/python -m pfecho.demo` works as in a generated project.
 */
async function outputFolder(label: string, modes: Partial<Record<(typeof LANGUAGES)[number], string>> = {}): Promise<string> {
  const out = await tempDir(`interop-${label}`);
  await cp(FIXTURE, out, { recursive: true });
  const venv = join(out, "python", ".venv");
  await run("/usr/bin/python3", ["-m", "venv", "--without-pip", venv]);
  const lib = join(venv, "lib");
  const [pythonDir] = (await readdir(lib)).filter((d) => d.startsWith("python"));
  if (pythonDir === undefined) throw new Error(`no python* folder in ${lib}`);
  await writeFile(join(lib, pythonDir, "site-packages", "pfecho-src.pth"), `${join(out, "python", "src")}\n`);
  for (const [language, mode] of Object.entries(modes)) await writeFile(join(out, language, "interop-mode.txt"), mode);
  return out;
}

beforeAll(async () => {
  const probe = await runner.probe();
  if (!probe.bwrap) throw new Error(`bubblewrap is not usable here (${probe.bwrapReason}); apt-get install bubblewrap`);
});
afterAll(removeTempDirs);

describe("runInteropMatrix in the sandbox", () => {
  it("passes both ways when each client finishes with done: and each server stops on SIGTERM", async () => {
    const out = await outputFolder("pass");
    const seen: string[] = [];
    const results = await runInteropMatrix({ outDir: out, languages: LANGUAGES, transport: "tcp", runner, onPair: (s, c) => void seen.push(`${s}→${c}`) });
    expect(seen).toEqual(["python→javascript", "javascript→python"]);
    expect(results.map((r) => [r.server, r.client, r.transport, r.ok, r.reason])).toEqual([
      ["python", "javascript", "tcp", true, undefined],
      ["javascript", "python", "tcp", true, undefined],
    ]);
    for (const r of results) {
      expect(r.serverOutputTail).toMatch(/^pfecho 1\.0 server listening on 127\.0\.0\.1:\d+ over TCP$/m);
      expect(r.serverOutputTail).toContain("received: hello 3");
      expect(r.clientOutputTail).toContain("received: echo hello 3");
      expect(r.clientOutputTail).toContain("done: sent 3, received 3 answers and 0 events");
      expect(r.durationMs).toBeGreaterThan(0);
    }
  }, 180_000);

  it("fails the pair whose client exits 1, with its reason and output; the other pair passes", async () => {
    const out = await outputFolder("client-fails", { python: "client-fails" });
    const results = await runInteropMatrix({ outDir: out, languages: LANGUAGES, transport: "tcp", runner });
    const [pyServer, jsServer] = results;
    expect(pyServer).toMatchObject({ server: "python", client: "javascript", ok: true });
    expect(jsServer).toMatchObject({ server: "javascript", client: "python", ok: false, reason: "the client exited with code 1; its last line: client-fails: giving up" });
    expect(jsServer?.clientOutputTail).toContain("received: echo hello 1");
    expect(jsServer?.clientOutputTail).not.toContain("done:");
  }, 180_000);

  it("fails, within the start timeout, the pair whose server never prints its port", async () => {
    const out = await outputFolder("server-silent", { javascript: "server-silent" });
    const results = await runInteropMatrix({ outDir: out, languages: LANGUAGES, transport: "tcp", runner, timeouts: { startMs: 3_000 } });
    expect(results.map((r) => [r.server, r.ok, r.reason])).toEqual([
      ["python", true, undefined],
      ["javascript", false, "the server printed no listening line within 3000 ms"],
    ]);
    expect(results[1]?.clientOutputTail).toBe("");
  }, 180_000);

  it("fails the pairs of a language whose demo is missing or unknown, without running them", async () => {
    const out = await tempDir("interop-missing");
    const results = await runInteropMatrix({ outDir: out, languages: ["javascript", "cobol"], transport: "udp", runner });
    expect(results.map((r) => [r.server, r.client, r.ok])).toEqual([
      ["javascript", "cobol", false],
      ["cobol", "javascript", false],
    ]);
    expect(results[0]?.reason).toMatch(/demo\/server\.js does not exist/);
    expect(results[1]?.reason).toMatch(/no demo command is known for cobol/);
  });

  it("fails a pair whose server listens over another transport than the run's", async () => {
    const out = await outputFolder("transport");
    const [first] = await runInteropMatrix({ outDir: out, languages: LANGUAGES, transport: "udp", runner });
    expect(first).toMatchObject({ ok: false, reason: "the server listens over TCP, the run's transport is UDP" });
  }, 180_000);
});
