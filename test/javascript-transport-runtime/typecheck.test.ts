// tsc strict checkJs over the runtime + fixture, as a generated project's tsconfig does.
// Program 1: the .js files alone (their JSDoc types). Program 2: with the .d.ts
// in types/transport/ (what TypeScript importers see), a TypeScript consumer of
// the API, and the generated project's check that each module's code satisfies
// its declarations and declares every export (testing/declarations.js).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFileSet } from "../../src/emit/file-set.js";
import { declarationsModule } from "../../src/emit/javascript/declarations.js";
import { REPO, layout, linkNodeModules, remove, runtimeModules, tempDir } from "./support.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach(remove));

const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  allowJs: true,
  checkJs: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "es2022",
  lib: ["es2022"],
  types: ["node"],
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  skipLibCheck: false,
};


const CONSUMER_TS = `// Uses the runtime's declared API the way generated facades do.
import { Echo, EchoOk, Login, Tick, type Message } from "../types/messages.js";
import { TcpClient, TcpServer } from "../types/transport/tcp.js";
import { UdpClient, UdpServer } from "../types/transport/udp.js";
import { HttpClient } from "../types/transport/http-client.js";
import { HttpServer } from "../types/transport/http-server.js";
import { clientOptions, serverOptions } from "../types/transport/options.js";
import { ConnectionClosed, TransportError, UnexpectedAnswer } from "../types/transport/failures.js";
import type { ServerSession } from "../types/transport/session.js";

class MiniServer extends TcpServer {
  constructor(port = 0) {
    super({ port, dispatch: (session, message) => MiniServer.dispatch(session, message), options: serverOptions({ idleTimeoutMs: 1000 }) });
  }
  static async dispatch(session: ServerSession, message: Message): Promise<Message | undefined> {
    if (message instanceof Echo) {
      session.pushAfterAnswer(new Tick({ n: 1 }));
      return new EchoOk({ text: message.text });
    }
    const last: Login | undefined = session.last(Login);
    session.hub.join("room", session);
    await session.hub.broadcast(new Tick({ n: 2 }), { group: "room", exclude: session });
    return last === undefined ? undefined : undefined;
  }
}

class MiniClient extends TcpClient {
  constructor(host: string, port: number) {
    super(host, port, { dispatch: async (m: Message) => { void m; return undefined; }, options: clientOptions({ autoReconnect: true }) });
  }
  async echo(message: Echo): Promise<EchoOk> {
    const answer = await this.request(message);
    if (answer instanceof EchoOk) return answer;
    throw new UnexpectedAnswer(message.NAME, answer.NAME);
  }
}

export async function use(): Promise<number> {
  const server = new MiniServer();
  await server.start();
  const client = new MiniClient("127.0.0.1", server.port);
  client.onReconnect = async () => undefined;
  await client.connect();
  const ok: EchoOk = await client.echo(new Echo({ text: "x" }));
  const event: Message = await client.nextEvent(100);
  const last: EchoOk | undefined = client.last(EchoOk);
  const udp = new UdpServer({ dispatch: () => undefined });
  udp.dropOutgoing = (data: Uint8Array) => data.length > 100;
  const u = new UdpClient("127.0.0.1", 1);
  const h = new HttpServer({ dispatch: async () => undefined, options: { rateLimit: [5, 10] } });
  const hc = new HttpClient("127.0.0.1", h.port, {});
  try { await hc.send(new Echo({ text: "y" })); } catch (error) { if (error instanceof TransportError) void error.code; if (error instanceof ConnectionClosed) void error.message; }
  await Promise.all([client.close(), server.close(), u.close(), udp.close(), hc.close(), h.close()]);
  return ok.text.length + event.NAME.length + (last?.text.length ?? 0) + server.sessions.length + client.events.size;
}
`;

function tsc(dir: string, include: readonly string[] = ["src"]): string {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include }, null, 2));
  try {
    execFileSync(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
}

describe("types", () => {
  it("the runtime's JavaScript passes tsc strict checkJs with zero errors", () => {
    const dir = tempDir("pf-js-tsc-js-");
    dirs.push(dir);
    layout(dir, { withDts: false });
    linkNodeModules(dir);
    expect(tsc(dir)).toBe("");
  });

  /** The runtime with its declarations, a TypeScript consumer and testing/declarations.js over every runtime module. */
  function declaredProject(prefix: string): string {
    const dir = tempDir(prefix);
    dirs.push(dir);
    layout(dir, { withDts: true });
    mkdirSync(join(dir, "consumer"));
    writeFileSync(join(dir, "consumer", "consumer.ts"), CONSUMER_TS);
    const files = createFileSet({ name: "mini", version: "1.0.0" } as never);
    declarationsModule(files, runtimeModules().map((m) => `transport/${m}`));
    mkdirSync(join(dir, "testing"));
    for (const f of files.finish()) writeFileSync(join(dir, f.path.replace(/^javascript\//, "")), f.content);
    linkNodeModules(dir);
    return dir;
  }
  const INCLUDE = ["src", "types", "consumer", "testing"];

  it("the runtime's declarations (types/transport/) check, serve a TypeScript consumer and match the code both ways", () => {
    const dir = declaredProject("pf-js-tsc-dts-");
    const checks = readFileSync(join(dir, "testing", "declarations.js"), "utf8");
    for (const m of runtimeModules()) expect(checks).toContain(`from "../types/transport/${m}.js"`);
    expect(tsc(dir, INCLUDE)).toBe("");
  });

  it("fails when a declaration disagrees with the code, or misses an export of it", () => {
    const dir = declaredProject("pf-js-tsc-drift-");
    const options = join(dir, "types", "transport", "options.d.ts");
    const original = readFileSync(options, "utf8");
    writeFileSync(options, original.replace(/keepaliveIntervalMs: number;/, "keepaliveIntervalMs: string;"));
    expect(original).toMatch(/keepaliveIntervalMs: number;/);
    expect(tsc(dir, INCLUDE)).toMatch(/testing\/declarations\.js\(\d+,\d+\): error TS2322/);
    const failures = join(dir, "types", "transport", "failures.d.ts");
    writeFileSync(options, original);
    writeFileSync(failures, readFileSync(failures, "utf8").replace(/export declare class DeliveryFailed[^}]*\}\n/, ""));
    expect(tsc(dir, INCLUDE)).toMatch(/testing\/declarations\.js\(\d+,\d+\): error TS2741: Property 'DeliveryFailed' is missing/);
  });
});

describe("runtime-files", () => {
  it("copies each transport's modules (.js to src/transport/, .d.ts to types/transport/) with the do-not-edit header", async () => {
    const { RUNTIME_MODULES, javascriptRuntimeFiles } = await import("../../src/emit/javascript/transport/runtime-files.js");
    for (const transport of ["tcp", "udp", "http"] as const) {
      const files = createFileSet({ name: "mini", version: "1.0.0" } as never);
      javascriptRuntimeFiles(files, transport);
      const out = files.finish();
      expect(out.map((f) => f.path)).toEqual(
        RUNTIME_MODULES[transport].map((m) => (m.endsWith(".d.ts") ? `javascript/types/transport/${m}` : `javascript/src/transport/${m}`)).sort(),
      );
      expect(out.filter((f) => f.path.startsWith("javascript/src/")).every((f) => f.path.endsWith(".js"))).toBe(true);
      expect(out.find((f) => f.path === "javascript/types/transport/options.d.ts")?.content).toMatch(/^\/\/ .*do not edit/m);
      const options = out.find((f) => f.path.endsWith("/options.js"));
      expect(options?.content).toMatch(/^\/\/ .*do not edit/m);
      expect(options?.content).toContain("export function serverOptions(");
      expect(out.some((f) => f.path.endsWith("profile.js"))).toBe(false);
    }
    expect(RUNTIME_MODULES.tcp).toContain("tcp.d.ts");
    expect(RUNTIME_MODULES.http).not.toContain("channel.js");
  });
});
