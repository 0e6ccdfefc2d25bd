// The generated Python and JavaScript TCP servers and peers that do not read
// (issue 18, finding 3). The JavaScript server used to buffer without limit:
// a client that floods requests and never reads took it from 52 to 631 MiB in
// 8 s (every refusal over the rate limit written at once). In both, a room
// member that never reads stalled the room: each post waited for the silent
// member's drain, so the poster's requests timed out (after about 4100
// posts). Now reading stops while the peer's buffer is over its high-water
// mark, writes to a server's peer do not wait, and a write that would take
// what waits for a peer over the server's bound drops it with a trace line.
// The flood comes from the JavaScript probe for both servers (same wire).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example, PYTHON } from "../python-layer/support.js";
import { emitProject } from "../verify/conformance/support/emit-project.js";

const out = mkdtempSync(join(tmpdir(), "protoforge-slow-reader-"));
const project = join(out, "javascript");
const pythonProject = join(out, "python");
let server: ChildProcess | undefined;

beforeAll(() => {
  emitProject(example("chat"), "tcp", out, ["python", "javascript"]);
  for (const probe of ["flood.mjs", "silent-member.mjs"]) copyFileSync(join(import.meta.dirname, "probes", probe), join(project, probe));
});
afterAll(() => {
  server?.kill("SIGKILL");
  rmSync(out, { recursive: true, force: true });
});

/**
 * Starts the demo server on a free port, its trace lines going to a file (a
 * pipe that the test read more slowly than the server writes would hold
 * them in the server's memory); resolves to the port once it listens.
 */
async function startDemoServer(language: Language): Promise<number> {
  server?.kill("SIGKILL");
  const log = join(out, `${language}-server.log`);
  const fd = openSync(log, "w");
  server =
    language === "javascript"
      ? spawn(process.execPath, ["demo/server.js", "--port", "0"], { cwd: project, stdio: ["ignore", fd, "inherit"] })
      : spawn(PYTHON, ["-m", "chat.demo", "server", "--port", "0"], { cwd: pythonProject, env: { ...process.env, PYTHONPATH: "src" }, stdio: ["ignore", fd, "inherit"] });
  closeSync(fd);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(readFileSync(log, "utf8"))?.[1];
    if (port !== undefined) return Number(port);
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the demo server did not listen: ${readFileSync(log, "utf8")}`);
}

type Language = "python" | "javascript";
const LANGUAGES: readonly Language[] = ["python", "javascript"];

interface SilentMemberResult {
  readonly membersAtJoin: string[];
  readonly answered: number;
  readonly failure: string | null;
  readonly sessions: number;
  readonly dropped: string[];
}

async function silentMember(language: Language, posts: number, maxBuffered: number): Promise<SilentMemberResult> {
  const args = [String(posts), String(maxBuffered)];
  const run =
    language === "javascript"
      ? await execa(process.execPath, ["silent-member.mjs", ...args], { cwd: project, timeout: 120_000 })
      : await execa(PYTHON, [join(import.meta.dirname, "probes", "silent-member.py"), ...args], { cwd: pythonProject, env: { PYTHONPATH: "src" }, timeout: 120_000 });
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as SilentMemberResult;
}

describe.each(LANGUAGES)("the generated %s TCP server and peers that do not read", (language) => {
  it("keeps its memory bounded while a client floods it and never reads", async () => {
    const port = await startDemoServer(language);
    const pid = server?.pid ?? 0;
    const flood = await execa(process.execPath, ["flood.mjs", String(port), String(pid), "6", "300000"], { cwd: project, timeout: 60_000 });
    const result = JSON.parse(flood.stdout) as { start: number; end: number; sent: number };
    expect(result.start).toBeGreaterThan(0);
    // Unbounded, the same flood took the JavaScript server past 500 MiB; reading paused, it stays within a few tens.
    expect(result.end - result.start, flood.stdout).toBeLessThan(64);
    server?.kill("SIGKILL");
  }, 90_000);

  it("drops a room member that never reads, with a trace line, and the poster is answered throughout", async () => {
    const result = await silentMember(language, 6000, 65536);
    expect(result.membersAtJoin).toEqual(["poster", "silent"]);
    expect(result.failure).toBeNull();
    expect(result.answered).toBe(6000);
    expect(result.sessions).toBe(1);
    expect(result.dropped).toHaveLength(1);
    expect(result.dropped[0]).toMatch(/dropped: the peer does not read: \d+ bytes would wait for it, over the limit of 65536$/);
  }, 150_000);
});
