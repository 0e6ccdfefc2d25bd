// The generated Wireshark dissector, proven with tshark on real traffic: each
// example's Python demo over TCP and UDP, captured on the loopback, decodes
// frame by frame to the messages and field values the demo client logged it
// sent and received. Then hand-made traffic on other ports (Decode As): a
// frame split across TCP segments is reassembled, and malformed frames
// are flagged with their wire error code.
import { mkdirSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { createSocket } from "node:dgram";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDissector } from "../../src/emit/dissector/index.js";
import type { Transport } from "../../src/emit/language.js";
import { defaultPort } from "../../src/emit/transport-common/script.js";
import type { Spec } from "../../src/spec/model.js";
import { createCodec } from "../../src/wire/index.js";
import { example, PYTHON } from "../python-layer/support.js";
import { removeTempDirs, tempDir } from "../sandbox/helpers.js";
import { emitProject } from "../verify/conformance/support/emit-project.js";
import { decodeCapture, startCapture, type DecodedFrame } from "./support/capture.js";
import { layerValue, loggedValue } from "./support/layer-values.js";

const EXAMPLES = [
  ["chat", "chat"],
  ["sensor-telemetry", "sensor_telemetry"],
  ["file-transfer", "file_transfer"],
] as const;
const TRANSPORTS: readonly Transport[] = ["tcp", "udp"];
let root = "";

beforeAll(async () => {
  root = await tempDir("pf-dissector-");
});
afterAll(removeTempDirs);

function writeDissector(spec: Spec, dir: string): string {
  const file = generateDissector(spec);
  const path = join(dir, file.path);
  mkdirSync(join(dir, "wireshark"), { recursive: true });
  writeFileSync(path, file.content);
  return path;
}

interface Logged {
  readonly direction: "->" | "<-";
  readonly name: string;
  readonly json: Record<string, never>;
}

/** The demo client's `-> Name {json}` and `<- Name {json}` lines. */
function loggedMessages(stdout: string): Logged[] {
  return stdout.split("\n").flatMap((line) => {
    const m = /^(->|<-) (\w+) (\{.*\})$/.exec(line);
    return m === null ? [] : [{ direction: m[1] as Logged["direction"], name: m[2] ?? "", json: JSON.parse(m[3] ?? "{}") as Record<string, never> }];
  });
}

/** Runs the demo server and one client session while tshark captures the port. */
async function captureDemo(spec: Spec, pkg: string, transport: Transport): Promise<{ frames: DecodedFrame[]; logged: Logged[]; port: number }> {
  const dir = join(root, `${spec.protocol.name}-${transport}`);
  emitProject(spec, transport, dir, ["python"]);
  const lua = writeDissector(spec, dir);
  const port = defaultPort({ spec });
  const capture = await startCapture(join(dir, "demo.pcapng"), `${transport} port ${port}`);
  const env = { PYTHONPATH: "src" };
  const cwd = join(dir, "python");
  const server = execa(PYTHON, ["-m", `${pkg}.demo`, "server"], { cwd, env, reject: false, buffer: false, stdout: "pipe" });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the demo server did not listen within 15 s")), 15_000);
    server.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    const client = await execa(PYTHON, ["-m", `${pkg}.demo`, "client"], { cwd, env, timeout: 60_000 });
    server.kill("SIGTERM");
    await server;
    const file = await capture.stop();
    return { frames: await decodeCapture(file, lua, spec.protocol.name), logged: loggedMessages(client.stdout), port };
  } finally {
    server.kill("SIGKILL");
  }
}

describe.each(EXAMPLES)("the dissector of %s on its demo's traffic", (name, pkg) => {
  const spec = example(name);
  it.each(TRANSPORTS)(
    "over %s: every frame decodes to what the demo client sent and received",
    async (transport) => {
      const { frames, logged, port } = await captureDemo(spec, pkg, transport);
      const p = spec.protocol.name;
      expect(frames.filter((f) => f.layer[`${p}.error`] !== undefined).map((f) => `frame ${f.frame}: ${String(f.layer[`${p}.error`])}`)).toEqual([]);
      const messages = frames.filter((f) => f.layer[`${p}.message`] !== undefined);
      const seen = (fromClient: boolean) =>
        messages
          .filter((f) => (f.srcPort !== port) === fromClient)
          .map((f) => {
            const message = String(f.layer[`${p}.message`]);
            return { message, value: layerValue(spec, p, message, f.layer) };
          });
      const expected = (direction: Logged["direction"]) => logged.filter((l) => l.direction === direction).map((l) => ({ message: l.name, value: loggedValue(spec, l.name, l.json) }));
      expect(expected("->").length).toBeGreaterThan(0);
      // Over UDP the client's log and the wire may order a request and a one-way sent together differently.
      const inOrder = <T>(list: T[]) => (transport === "tcp" ? list : [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
      expect(inOrder(seen(true))).toEqual(inOrder(expected("->")));
      expect(inOrder(seen(false))).toEqual(inOrder(expected("<-")));
      if (transport === "udp") expect(frames.some((f) => f.layer[`${p}.control`] === "ACK")).toBe(true);
    },
    120_000,
  );
});

describe("hand-made chat traffic on other ports (Decode As)", () => {
  const spec = example("chat");
  const codec = createCodec(spec);
  const login = codec.encodeFrame("Login", { username: "split_user", password: "password123" }, { seq: 7 });
  const setStatus = codec.encodeFrame("SetStatus", { status: "online" }, { seq: 8 });
  // The status enum's value as a number no value of UserStatus has.
  const badStatus = Uint8Array.from(setStatus);
  badStatus.set([0x03, 0xe7], setStatus.length - 2);

  it(
    "TCP: a frame split across three segments (in its header, in its payload) is reassembled; an undeclared enum value is invalid_value",
    async () => {
      const dir = join(root, "handmade-tcp");
      const lua = writeDissector(spec, dir);
      const server = createServer((socket) => socket.resume());
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as { port: number }).port;
      const capture = await startCapture(join(dir, "split.pcapng"), `tcp port ${port}`);
      const socket = createConnection({ host: "127.0.0.1", port, noDelay: true });
      await new Promise<void>((resolve) => socket.once("connect", resolve));
      const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
      // Three segments: one inside the header, one inside the payload, the rest.
      for (const [from, to] of [[0, 9], [9, 20], [20, login.length]] as const) {
        socket.write(login.subarray(from, to));
        await pause();
      }
      socket.write(badStatus);
      await pause();
      socket.end();
      await new Promise((resolve) => socket.once("close", resolve));
      server.close();
      const frames = await decodeCapture(await capture.stop(), lua, "chat", [`tcp.port==${port},chat`]);
      const p = (f: DecodedFrame, key: string) => f.layer[`chat.${key}`];
      const decodedLogin = frames.find((f) => p(f, "message") === "Login");
      expect(decodedLogin === undefined ? undefined : layerValue(spec, "chat", "Login", decodedLogin.layer)).toEqual({ username: "split_user", password: "password123" });
      expect(decodedLogin === undefined ? undefined : p(decodedLogin, "seq")).toBe("7");
      const bad = frames.find((f) => p(f, "message") === "SetStatus");
      expect(bad === undefined ? undefined : p(bad, "error")).toBe("invalid_value");
      expect(frames.filter((f) => p(f, "error") !== undefined)).toHaveLength(1);
    },
    60_000,
  );

  it(
    "UDP: a datagram with a bad magic, one cut short and one with bytes after the frame, each with its wire error",
    async () => {
      const dir = join(root, "handmade-udp");
      const lua = writeDissector(spec, dir);
      const sink = createSocket("udp4");
      await new Promise<void>((resolve) => sink.bind(0, "127.0.0.1", resolve));
      const port = sink.address().port;
      const capture = await startCapture(join(dir, "bad.pcapng"), `udp port ${port}`);
      const sender = createSocket("udp4");
      const badMagic = Uint8Array.from(login);
      badMagic[0] = 0x51;
      const trailing = new Uint8Array([...setStatus, 0x00]);
      for (const datagram of [badMagic, login.subarray(0, login.length - 3), trailing, setStatus]) {
        await new Promise<void>((resolve, reject) => sender.send(datagram, port, "127.0.0.1", (e) => (e ? reject(e) : resolve())));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      sender.close();
      sink.close();
      const frames = await decodeCapture(await capture.stop(), lua, "chat", [`udp.port==${port},chat`]);
      expect(frames.map((f) => [f.layer["chat.message"] ?? null, f.layer["chat.error"] ?? null])).toEqual([
        [null, "bad_magic"],
        ["Login", "truncated"],
        ["SetStatus", "trailing_bytes"],
        ["SetStatus", null],
      ]);
    },
    60_000,
  );
});
