// The generated Java UDP transport (src/emit/java/runtime/transport/Udp*,
// Datagram*, Retransmitter, DuplicateWindow) proven from outside: chat and
// sensor-telemetry generated with --transport udp, built offline with
// `mvn -o verify` (javac -Xlint:all -Werror and the generated tests, UdpTest
// among them), then the built DemoServer run as a process:
//   - (sensor-telemetry) protoforge's conformance suite over UDP (docs/conformance.md "Over
//     UDP": drops, ACKs, duplicates answered byte for byte, PING without a
//     session, sessions per address) must pass every case, and the server
//     must exit 0 on SIGTERM;
//   - a raw datagram socket that never ACKs chat's reliable RoomMessage event
//     gets the identical datagram RETRY_MAX_ATTEMPTS times and then no more,
//     and one that ACKs it at once gets it once (what the conformance suite
//     does not check yet: the server's own retransmissions);
//   - the pairs with the JavaScript and Python demos over UDP are the interop
//     matrix's, in examples-in-sandbox (chat and file-transfer).
import { execFile } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import type { Spec } from "../../src/spec/model.js";
import { createCaseKit } from "../../src/verify/conformance/case-kit.js";
import { deriveServerCases, runServerConformance, selectCases, startServer } from "../../src/verify/conformance/index.js";
import { FLAG_ACK, FLAG_RELIABLE, FLAG_RESPONSE, generateVectors } from "../../src/wire/index.js";
import { findJava, javaDemoLaunch } from "../../sandboxes/interop/java-demo.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../sandboxes/profiles/index.js";
import { example } from "../python-layer/support.js";

const run = promisify(execFile);
const TIMINGS = { answerMs: 1500, closeMs: 500, caseMs: 8000 };

interface Built {
  readonly project: string;
  readonly pkg: string;
  /** Shell command of the demo server, without --host/--port (the runner appends them). */
  readonly server: string;
  /** argv of the demo client, without --host/--port. */
  readonly client: readonly string[];
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe("the generated Java UDP transport, from outside", () => {
  const out = mkdtempSync(join(tmpdir(), "protoforge-java-udp-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const builds = new Map<string, Promise<Built>>();

  async function buildOnce(name: string, spec: Spec): Promise<Built> {
    const root = join(out, name);
    for (const f of [...javaLayerFiles(spec, { transport: "udp" }), ...generateVectors(spec)]) {
      const path = join(root, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    const project = join(root, "java");
    const cacheDir = await languageCacheDir("java");
    await javaProfile.prefetch({ projectDir: project, cacheDir });
    try {
      await run("mvn", ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "verify"], {
        cwd: project,
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" },
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`mvn verify failed for ${name}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}\n${err.message}`);
    }
    const pkg = buildJavaModel(spec).pkg;
    const java = await findJava();
    const server = javaDemoLaunch(project, java, pkg, "server");
    const client = javaDemoLaunch(project, java, pkg, "client");
    return { project, pkg, server: `cd ${quote(server.cwd)} && exec ${server.argv.map(quote).join(" ")}`, client: client.argv };
  }

  const build = (name: string, spec: Spec): Promise<Built> => {
    let built = builds.get(name);
    if (built === undefined) builds.set(name, (built = buildOnce(name, spec)));
    return built;
  };

  /** tests, failures, errors of one surefire report of the build. */
  const surefire = (built: Built, cls: string): { tests: number; failures: number; errors: number } => {
    const report = readFileSync(join(built.project, "target", "surefire-reports", `TEST-${built.pkg}.${cls}.xml`), "utf8");
    const attr = (key: string): number => Number(new RegExp(`<testsuite[^>]* ${key}="(\\d+)"`).exec(report)?.[1] ?? "-1");
    return { tests: attr("tests"), failures: attr("failures"), errors: attr("errors") };
  };

  // chat's conformance (and file-transfer's) in all three languages is examples-in-sandbox's.
  for (const name of ["sensor-telemetry"] as const) {
    it.concurrent(
      `${name}: mvn -o verify passes (UdpTest included), then DemoServer passes every UDP conformance case and exits 0 on SIGTERM`,
      async () => {
        const spec = example(name);
        const built = await build(name, spec);
        const reports = readdirSync(join(built.project, "target", "surefire-reports")).filter((f) => f.endsWith(".xml"));
        expect(reports).toContain(`TEST-${built.pkg}.UdpTest.xml`);
        const udpTest = surefire(built, "UdpTest");
        expect(udpTest.tests).toBeGreaterThan(0);
        expect(udpTest).toMatchObject({ failures: 0, errors: 0 });

        const cases = selectCases(deriveServerCases(spec, "udp"), "udp");
        const report = await runServerConformance({ spec, cases, command: built.server, transport: "udp", timings: TIMINGS });
        expect(report.listening).toMatch(/ over UDP$/);
        expect(report.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.reason}`)).toEqual([]);
        expect(report.passed).toBe(cases.length);
        expect(report.serverExitedEarly).toBeNull();
        expect(report.serverStop).toMatchObject({ code: 0, killed: false });
        const names = report.results.map((r) => r.name);
        for (const family of ["udp/ack/", "udp/duplicate/", "keepalive/", "wire/", "role/", "state/", "session/"]) {
          expect(names.some((n) => n.startsWith(family)), family).toBe(true);
        }
        console.log(`${name}: UdpTest ${udpTest.tests} tests; UDP conformance ${report.passed} of ${cases.length} passed`);
      },
      600_000,
    );
  }

  it.concurrent(
    "chat: a reliable event the peer never ACKs is sent RETRY_MAX_ATTEMPTS times, byte for byte, then given up; one ACKed at once is sent once",
    async () => {
      const spec = example("chat");
      const built = await build("chat", spec);
      const kit = createCaseKit(spec, "udp");
      const retry = spec.timing.retry;
      const server = await startServer(built.server, "127.0.0.1");
      const socket: Socket = createSocket("udp4");
      try {
        await new Promise<void>((resolve) => socket.connect(server.listening.port, "127.0.0.1", resolve));
        /** Every RoomMessage datagram, as it came; the rest is ACKed when RELIABLE. */
        const roomMessages: Buffer[] = [];
        const answers = new Map<number, string>();
        let ackRoomMessages = false;
        socket.on("message", (data: Buffer) => {
          const frame = kit.codec.decodeFrame(data);
          if (frame.kind !== "message") return;
          const reliable = (frame.header.flags & FLAG_RELIABLE) !== 0;
          const ack = (): void => socket.send(kit.codec.encodeControl("ack", frame.header.sequence, { response: (frame.header.flags & FLAG_RESPONSE) !== 0 }));
          if (frame.messageName === "RoomMessage") {
            roomMessages.push(data);
            if (ackRoomMessages) ack();
            return;
          }
          if (reliable) ack();
          if ((frame.header.flags & FLAG_RESPONSE) !== 0) answers.set(frame.header.sequence, frame.messageName);
        });
        let seq = 0;
        const request = async (name: string, value = kit.sample(name)): Promise<string> => {
          const n = ++seq;
          const flags = kit.flagsOf(name);
          socket.send(kit.codec.encodeFrame(name, value, flags !== undefined ? { seq: n, flags } : { seq: n }));
          const deadline = Date.now() + 5000;
          while (!answers.has(n) && Date.now() < deadline) await sleep(10);
          return answers.get(n) ?? `no answer to ${name} #${n}`;
        };
        const until = async (what: () => boolean, ms: number): Promise<void> => {
          const deadline = Date.now() + ms;
          while (!what() && Date.now() < deadline) await sleep(10);
        };
        expect(await request("Login")).toBe("LoginOk");
        expect(await request("JoinRoom", { ...kit.sample("JoinRoom"), room: "general" })).toBe("JoinOk");
        expect(await request("SendMessage", { ...kit.sample("SendMessage"), room: "general" })).toBe("MessageAccepted");

        // Never ACKed: every attempt, then silence for longer than the last wait.
        const span = retryDelays(retry).reduce((a, b) => a + b, 0);
        await until(() => roomMessages.length >= retry.maxAttempts, span + 5000);
        await sleep(Math.max(...retryDelays(retry)) + 1000);
        expect(roomMessages.length).toBe(retry.maxAttempts);
        const first = roomMessages[0];
        expect(first).toBeDefined();
        expect(first![3]! & FLAG_RELIABLE).toBe(FLAG_RELIABLE);
        for (const copy of roomMessages) expect(copy.equals(first!)).toBe(true);

        // The server gave up on that event (DeliveryFailed inside) and goes on serving this peer. A new
        // client_msg_id: chat's SendMessage is idempotent, a repeated one is answered without a new RoomMessage.
        roomMessages.length = 0;
        ackRoomMessages = true;
        const again = kit.sample("SendMessage");
        const id = again["client_msg_id"];
        const next = typeof id === "bigint" ? id + 1n : Number(id) + 1;
        expect(await request("SendMessage", { ...again, room: "general", client_msg_id: next })).toBe("MessageAccepted");
        await until(() => roomMessages.length >= 1, 5000);
        await sleep(retryDelays(retry)[0]! * 3);
        expect(roomMessages.length).toBe(1);
        expect(kit.codec.decodeFrame(roomMessages[0]!).header.sequence).not.toBe(kit.codec.decodeFrame(first!).header.sequence);
        expect(roomMessages[0]![3]! & FLAG_ACK).toBe(0);
      } finally {
        socket.close();
        const stop = await server.stop();
        expect(stop).toMatchObject({ code: 0, killed: false });
      }
    },
    600_000,
  );
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The waits of wire format 10.2 (d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up). */
function retryDelays(retry: { maxAttempts: number; initialBackoffMs: number; multiplier: number; maxBackoffMs: number }): number[] {
  const delays: number[] = [];
  let d = Math.min(retry.initialBackoffMs, retry.maxBackoffMs);
  for (let i = 0; i < retry.maxAttempts; i++) {
    delays.push(Math.floor(d + 0.5));
    d = Math.min(d * retry.multiplier, retry.maxBackoffMs);
  }
  return delays;
}
