// The generated chat servers (Python and JavaScript) over UDP, as emitted
// today, driven by `protoforge conform --transport udp`. Asserts that no case
// fails (before the UDP fixes of the datagram runtime: a PING from a new
// address went unanswered, and a server event sent by the client ended the
// session, so keepalive/PING→PONG and role/<Event>-from-client failed), so that
// a regression changes this test on purpose. Short timings keep it quick.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Spec } from "../../../src/spec/model.js";
import { deriveServerCases, runServerConformance, selectCases } from "../../../src/verify/conformance/index.js";
import { example, PYTHON } from "../../python-layer/support.js";
import { emitProject } from "./support/emit-project.js";

const spec = example("chat");
/** Chat whose server machine no longer takes Typing in serving, so that Typing there is a
 *  wrong-state oneway inside a session (no example has one): it must be dropped, the session kept. */
const noTyping: Spec = {
  ...spec,
  machines: {
    ...spec.machines,
    responder: { ...spec.machines.responder, states: spec.machines.responder.states.map((s) => (s.name === "serving" ? { ...s, transitions: s.transitions.filter((t) => t.message !== "Typing") } : s)) },
  },
};

const SERVERS = {
  python: (out: string) => `cd ${join(out, "python")} && PYTHONPATH=src exec ${PYTHON} -m chat.demo server`,
  javascript: (out: string) => `cd ${join(out, "javascript")} && exec ${process.execPath} demo/server.js`,
} as const;

describe("conformance of the generated chat servers over UDP", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-conform-udp-"));
  const outNoTyping = join(out, "no-typing");
  beforeAll(() => {
    emitProject(spec, "udp", out, ["python", "javascript"]);
    emitProject(noTyping, "udp", outNoTyping, ["python", "javascript"]);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(["python", "javascript"] as const)(
    "%s: every UDP case passes",
    async (language) => {
      const cases = selectCases(deriveServerCases(spec, "udp"), "udp");
      const report = await runServerConformance({
        spec,
        cases,
        command: SERVERS[language](out),
        transport: "udp",
        timings: { answerMs: 1500, closeMs: 500, caseMs: 8000 },
      });
      const failed = report.results.filter((r) => !r.ok);
      expect(failed.map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
      expect(report.passed).toBe(cases.length);
      expect(report.serverExitedEarly).toBeNull();
      const names = report.results.map((r) => r.name);
      for (const name of ["keepalive/PING→PONG", "role/RoomMessage-from-client", "udp/ack/Login", "udp/duplicate/JoinRoom", "wire/bad_magic/dropped", "session/Logout→end@serving"]) expect(names).toContain(name);
    },
    60_000,
  );

  it.each(["python", "javascript"] as const)(
    "%s: a oneway its state does not allow is dropped and the session goes on",
    async (language) => {
      const cases = selectCases(deriveServerCases(noTyping, "udp"), "udp", "state/Typing-in-serving");
      expect(cases).toHaveLength(1);
      const report = await runServerConformance({ spec: noTyping, cases, command: SERVERS[language](outNoTyping), transport: "udp", timings: { answerMs: 1500, closeMs: 500, caseMs: 8000 } });
      expect(report.results.map((r) => `${r.name}: ${r.reason ?? "passed"}`)).toEqual(["state/Typing-in-serving: passed"]);
    },
    30_000,
  );
});
