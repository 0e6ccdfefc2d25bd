// Conformance the way the tester runs it: the generated chat server in the
// sandbox (its network private), the cases driven from outside through the
// relay's Unix sockets, over each transport and in each isolated mode. A
// server with a planted bug (Resume refused before login, the original
// finding of issue 11) fails that case by name; a server that dies during the
// cases fails the suite.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformClientInSandbox } from "../../sandboxes/conformance/client-in-sandbox.js";
import { conformInSandbox } from "../../sandboxes/conformance/run-in-sandbox.js";
import { createSandboxRunner } from "../../sandboxes/isolation/index.js";
import type { Transport } from "../../src/emit/language.js";
import { example } from "../python-layer/support.js";
import { emitProject } from "../verify/conformance/support/emit-project.js";
import { removeTempDirs, tempDir } from "./helpers.js";

const spec = example("chat");
const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];
const TIMINGS = { answerMs: 3000, closeMs: 1500, caseMs: 15_000 };
let root = "";

/** The chat example's JavaScript project for `transport`, in OUT/javascript. */
function emit(out: string, transport: Transport): void {
  emitProject(spec, transport, out, ["javascript"]);
}

beforeAll(async () => {
  root = await tempDir("pf-conform-sandbox-");
  for (const t of TRANSPORTS) emit(join(root, t), t);
  // Resume refused before login: the server lets only Login open a session.
  emit(join(root, "resume-refused"), "tcp");
  const session = join(root, "resume-refused/javascript/src/transport/session.js");
  const text = readFileSync(session, "utf8");
  const marker = "/** The server machine's initial state. */";
  expect(text).toContain(marker);
  writeFileSync(session, text.replace(marker, `OPEN_MESSAGES.delete("Resume");\n${marker}`));
  // A server that dies at its first connection.
  emit(join(root, "dies"), "tcp");
  writeFileSync(
    join(root, "dies/javascript/demo/server.js"),
    `import { createServer } from "node:net";\nconst s = createServer(() => process.exit(3));\ns.listen(0, "127.0.0.1", () => console.log("chat 1.0.0 server listening on 127.0.0.1:" + s.address().port + " over TCP"));\n`,
  );
}, 60_000);
afterAll(removeTempDirs);

describe.each(["bubblewrap", "namespaces"] as const)("conformance in the sandbox (%s)", (mode) => {
  const runner = createSandboxRunner(mode === "namespaces" ? { probe: { bwrap: false } } : {});

  it.each(TRANSPORTS)(
    "the generated JavaScript chat server passes every case over %s",
    async (transport) => {
      const result = await conformInSandbox({ spec, outDir: join(root, transport), language: "javascript", transport, runner, timings: TIMINGS });
      expect(result.failures.map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
      expect(result.reason).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.total).toBeGreaterThan(30);
      expect(result.passed).toBe(result.total);
      expect(result.proven).toContain("transition:server.awaiting_login/Login");
      // The spec's behaviour section is proven too, by the multi-peer family (TCP so far).
      if (transport === "tcp") expect(result.proven).toEqual(expect.arrayContaining(["behaviour:session.unique", "behaviour:guards", "behaviour:idempotent"]));
    },
    120_000,
  );
});

describe("conformance in the sandbox catches", () => {
  const runner = createSandboxRunner();

  it("a server that refuses Resume before login, by the case's name", async () => {
    const result = await conformInSandbox({ spec, outDir: join(root, "resume-refused"), language: "javascript", transport: "tcp", runner, timings: TIMINGS });
    expect(result.ok).toBe(false);
    // The behaviour family's resumptions fail with it: each presents a token on a fresh connection.
    expect(result.failures.map((f) => f.name)).toEqual(["session/Resume→ResumeOk|ErrorReply", "behaviour/session-resume", "behaviour/session-takeover"]);
    expect(result.failures[0]?.reason).toContain("not_authenticated");
    expect(result.passed).toBe(result.total - 3);
    expect(result.proven).not.toContain("transition:server.awaiting_login/Resume");
  }, 120_000);

  it("a server that dies during the cases", async () => {
    const result = await conformInSandbox({ spec, outDir: join(root, "dies"), language: "javascript", transport: "tcp", runner, timings: { answerMs: 1000, closeMs: 500, caseMs: 3000 } });
    expect(result.ok).toBe(false);
    expect(result.reason).toContain("the server exited during the cases (code 3)");
    expect(result.failures.length).toBeGreaterThan(0);
  }, 120_000);

  it("a server that never starts, with its output", async () => {
    const out = join(root, "no-start");
    emit(out, "tcp");
    writeFileSync(join(out, "javascript/demo/server.js"), `console.error("cannot bind: planted"); process.exit(7);\n`);
    const result = await conformInSandbox({ spec, outDir: out, language: "javascript", transport: "tcp", runner, timings: TIMINGS });
    expect(result).toMatchObject({ ok: false, total: 0, passed: 0 });
    expect(result.reason).toContain("exited with code 7 before printing its port");
    expect(result.serverOutputTail).toContain("cannot bind: planted");
  }, 120_000);
});

describe("client conformance in the sandbox", () => {
  it.each(["bubblewrap", "namespaces"] as const)(
    "the generated JavaScript chat client passes every client case (%s)",
    async (mode) => {
      const runner = createSandboxRunner(mode === "namespaces" ? { probe: { bwrap: false } } : {});
      const result = await conformClientInSandbox({ spec, outDir: join(root, "tcp"), language: "javascript", transport: "tcp", runner });
      expect(result.failures.map((f) => `${f.name}: ${f.reason}`)).toEqual([]);
      expect(result).toMatchObject({ ok: true, side: "client" });
      expect(result.total).toBeGreaterThan(10);
      expect(result.passed).toBe(result.total);
    },
    180_000,
  );

  it("a client that ignores PING, by the case's name", async () => {
    const out = join(root, "client-no-pong");
    emit(out, "tcp");
    // The planted bug: the client's channel drops every PING instead of answering it.
    const channel = join(out, "javascript/src/transport/channel.js");
    const text = readFileSync(channel, "utf8");
    const plant = text.replace('this._sendControl("pong", frame.seq);', "void frame;");
    expect(plant).not.toBe(text);
    writeFileSync(channel, plant);
    const result = await conformClientInSandbox({ spec, outDir: out, language: "javascript", transport: "tcp", runner: createSandboxRunner() });
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => f.name)).toContain("client/keepalive/ping");
  }, 180_000);
});
