// The generated JavaScript project of the chat example over every transport,
// for real, outside the sandbox (test/integration/examples-in-sandbox.test.ts
// runs every example there, with the interop matrix; this one tells a broken
// project from a broken sandbox): written to a temporary folder with its golden vectors,
// protoforge's node_modules linked in (TypeScript and Node's types, the
// project's only dev dependencies), then `tsc -p tsconfig.json` finding
// nothing, `node --test test/` all passing, and the demo run from the command
// line as the interop matrix does: `node demo/server.js --port 0` (the bound
// port read from its first line), `node demo/client.js --port P` (exit 0,
// a `done:` line), the server stopped with SIGTERM (exit 0).
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { javascriptEmitter } from "../../src/emit/javascript/index.js";
import { generateVectors } from "../../src/wire/index.js";
import { example, TRANSPORTS } from "./support.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, out: `${stdout}\n${stderr}` });
    });
  });
}

/** Starts the demo server on port 0, runs the demo client against the bound port, stops the server. */
async function demo(cwd: string): Promise<{ server: string; client: string; clientCode: number; serverCode: number | null; port: number }> {
  const server = spawn(process.execPath, ["demo/server.js", "--port", "0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let serverOut = "";
  server.stdout.on("data", (d: Buffer) => (serverOut += d.toString()));
  server.stderr.on("data", (d: Buffer) => (serverOut += d.toString()));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  let port = 0;
  let client = { code: 1, out: "" };
  try {
    for (let i = 0; i < 200 && !serverOut.includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
    port = Number(/listening on [^:\s]+:(\d+) over /.exec(serverOut.split("\n")[0] ?? "")?.[1] ?? 0);
    if (port > 0) client = await run(process.execPath, ["demo/client.js", "--port", String(port)], cwd);
  } finally {
    server.kill("SIGTERM");
  }
  const serverCode = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  return { server: serverOut, client: client.out, clientCode: client.code, serverCode, port };
}

describe("the generated JavaScript projects", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-javascript-transport-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  for (const name of ["chat"] as const) {
    for (const transport of TRANSPORTS) {
      it(`${name} over ${transport}: type-checks, passes node --test, and runs the demo from the command line`, async () => {
        const root = join(out, `${name}-${transport}`);
        const spec = example(name);
        for (const file of [...javascriptEmitter.generate(spec, { transport }), ...generateVectors(spec)]) {
          const path = join(root, file.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.content);
        }
        const project = join(root, "javascript");
        symlinkSync(join(REPO, "node_modules"), join(project, "node_modules"), "dir");

        const tsc = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], project);
        expect(tsc.out.trim(), tsc.out).toBe("");
        expect(tsc.code).toBe(0);

        const tests = await run(process.execPath, ["--test", "test/"], project);
        expect(tests.out, tests.out.slice(-8000)).toMatch(/^# fail 0$/m);
        expect(tests.code).toBe(0);
        expect(tests.out).toMatch(/^# pass [1-9]\d*$/m);

        const session = await demo(project);
        expect(session.port, session.server).toBeGreaterThan(0);
        expect(session.server.split("\n")[0]).toBe(`${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:${session.port} over ${transport.toUpperCase()}`);
        expect(session.clientCode, session.client + session.server).toBe(0);
        expect(session.client).toMatch(/^connected to 127\.0\.0\.1:\d+ over [A-Z]+ as the /m);
        expect(session.client).toMatch(/^-> \w+ \{/m);
        expect(session.client).toMatch(/^done: sent \d+, received \d+ answers and \d+ events$/m);
        expect(session.serverCode, session.server).toBe(0);
      }, 600_000);
    }
  }
});
