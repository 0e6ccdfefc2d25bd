// The generated chat servers (Python and JavaScript) over HTTP, as emitted
// today, driven by `protoforge conform --transport http`: the session and
// state cases through the HTTP link, and the status table of wire-format
// §10.3. Asserts the EXACT set of failing cases (none since the HTTP servers
// answer a request before login with the protocol's refusal instead of 401,
// let Resume open a session, end the session with 409 where TCP closes, and
// put retry_after_ms in the 429 body), so a regression changes this test on
// purpose. The Python server needs aiohttp: a venv of its own, made once.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PYTHON_PINS } from "../../../src/emit/python/layer/package-files.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { deriveServerCases, openerFor, runServerConformance, selectCases, startServer } from "../../../src/verify/conformance/index.js";
import { FLAG_RESPONSE } from "../../../src/wire/index.js";
import { example, PYTHON } from "../../python-layer/support.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");

/** Failing today in both languages: none. (Before the HTTP fixes: Resume, every
 *  state/*-before-Login, 400-bad-json, 400-bad-payload and 429-rate-limited,
 *  11 cases, all answered 401 unauthorized.) */
const KNOWN_FAILURES: string[] = [];

/** A venv with the aiohttp the generated Python project pins, kept between runs. */
function aiohttpPython(): string {
  const venv = join(tmpdir(), `protoforge-aiohttp-${PYTHON_PINS.aiohttp}`);
  const python = join(venv, "bin", "python");
  const has = (): boolean => {
    try {
      execFileSync(python, ["-c", "import aiohttp"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(python) && has()) return python;
  execFileSync(PYTHON, ["-m", "venv", venv], { stdio: "pipe", timeout: 120_000 });
  execFileSync(join(venv, "bin", "pip"), ["install", "--quiet", `aiohttp==${PYTHON_PINS.aiohttp}`], { stdio: "pipe", timeout: 240_000 });
  if (!has()) throw new Error(`no aiohttp in ${venv}`);
  return python;
}

describe("conformance of the generated chat servers over HTTP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-http-"));
  let python = PYTHON;
  beforeAll(() => {
    python = aiohttpPython();
    emitProject(spec, "http", out, ["python", "javascript"]);
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const servers = {
    python: () => `cd ${join(out, "python")} && PYTHONPATH=src exec ${python} -m chat.demo server`,
    javascript: () => `cd ${join(out, "javascript")} && exec ${process.execPath} demo/server.js`,
  } as const;

  it.each(["python", "javascript"] as const)(
    "%s: every case passes",
    async (language) => {
      const cases = selectCases(deriveServerCases(spec, "http"), "http");
      const report = await runServerConformance({ spec, cases, command: servers[language](), transport: "http", timings: { answerMs: 3000, closeMs: 1000, caseMs: 15_000 } });
      const failed = report.results.filter((r) => !r.ok);
      expect(failed.map((r) => r.name).sort(), failed.map((r) => `${r.name}: ${r.reason}`).join("\n")).toEqual(KNOWN_FAILURES);
      expect(report.passed).toBe(cases.length - KNOWN_FAILURES.length);
      expect(report.serverExitedEarly).toBeNull();
      const names = report.results.map((r) => r.name);
      for (const name of ["session/Resume→ResumeOk|ErrorReply", "state/SendMessage-before-Login", "session/Logout→close@serving", "http/status/429-rate-limited", "http/status/413-body-too-large"]) expect(names).toContain(name);
    },
    90_000,
  );

  it("the HTTP link turns the event stream into frames: SendMessage's RoomMessage reaches the sender (JavaScript)", async () => {
    const server = await startServer(servers.javascript(), "127.0.0.1");
    const kit = createCaseKit(spec);
    const link = await openerFor("http", spec, { kind: "direct", host: "127.0.0.1", port: server.listening.port })(Date.now() + 3000);
    try {
      const seen: string[] = [];
      const read = async (until: (name: string, response: boolean) => boolean): Promise<void> => {
        const deadline = Date.now() + 3000;
        for (;;) {
          const e = await link.next(deadline);
          if (e.kind !== "frame") throw new Error(`got ${JSON.stringify(e)} after ${seen.join(", ")}`);
          const f = kit.codec.decodeFrame(e.bytes);
          if (f.kind !== "message") continue;
          const response = (f.header.flags & FLAG_RESPONSE) !== 0;
          seen.push(`${f.messageName}${response ? "" : " (event)"} #${f.header.sequence}`);
          if (until(f.messageName, response)) return;
        }
      };
      await link.send(kit.codec.encodeFrame("Login", kit.sample("Login"), { seq: 1 }));
      await read((name) => name === "LoginOk");
      await link.send(kit.codec.encodeFrame("JoinRoom", { room: "lobby" }, { seq: 2 }));
      await read((name) => name === "JoinOk");
      await link.send(kit.codec.encodeFrame("SendMessage", { room: "lobby", client_msg_id: 7n, text: "hello" }, { seq: 3 }));
      await read((name, response) => name === "RoomMessage" && !response);
      expect(seen).toContain("MessageAccepted #3");
      expect(seen.filter((s) => s.startsWith("RoomMessage (event)"))).toHaveLength(1);
    } finally {
      link.close();
      await server.stop();
    }
  }, 30_000);
});
