// Benchmark of the JavaScript project protoforge generates from examples/chat.yaml.
//
// Run by bench/javascript-bench.ts (`npm run bench:javascript`) with the
// generated project's folder as its argument. Two parts, both with fixed
// iteration counts, printed as plain tables, with no assertions:
//
// 1. The codec: encodeFrame / decodeFrame of the chat's RoomMessage (room plus
//    a ChatMessage with id, sender, text and timestamp), next to
//    JSON.stringify / JSON.parse of the equivalent object, protobufjs encoding
//    a message of the same shape, and the generated (checked) JSON mapping.
// 2. TCP on loopback: the generated ChatServer answering SendMessage with
//    MessageAccepted to 1, 10 and 100 concurrent generated ChatClients (each
//    logs in once, then sends its requests one after the other), next to a raw
//    node:net echo server and client exchanging length-prefixed frames of the
//    request's size. Each server runs in its own process, so that client and
//    server do not share one event loop (on two cores, they get one each).
//
// Usage: node bench-codec-and-tcp.mjs PROJECT                 (the whole benchmark)
//        node bench-codec-and-tcp.mjs serve-generated PROJECT | serve-raw
//        (a server for the benchmark: prints "PORT n", stops when stdin closes)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createConnection, createServer } from "node:net";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import protobuf from "protobufjs";

const CODEC_ITERATIONS = 200_000;
const CODEC_WARMUP = 50_000;
const VARIANTS = 64;
const TCP_REQUESTS = 20_000;
const TCP_WARMUP = 2_000;
const CONCURRENCY = [1, 10, 100];
const ROUNDS = 3;
const SERVER_LIFETIME_MS = 600_000;
const HOST = "127.0.0.1";
const PASSWORD = "correct horse battery staple";
const TEXTS = ["hi!", "See you at 10 in the usual room, bring the slides please.", "Grüße aus Köln 🌍 — bis morgen", "ok"];
const BENCH_TEXT = "See you at 10 in the usual room, bring the slides please.";

/** The generated project's modules, imported from its folder. */
async function project(dir) {
  const load = (path) => import(pathToFileURL(join(dir, path)).href);
  return {
    codec: await load("src/codec.js"),
    messages: await load("src/messages.js"),
    client: await load("src/transport/client.js"),
    server: await load("src/transport/server.js"),
    options: await load("src/transport/options.js"),
  };
}

// --- the codec -----------------------------------------------------------------

function roomMessages({ messages: m }) {
  return Array.from({ length: VARIANTS }, (_, i) =>
    new m.RoomMessage({
      room: `room-${i % 8}`,
      message: new m.ChatMessage({ messageId: 1_000_000n + BigInt(i), sender: `user${i}`, text: `${TEXTS[i % TEXTS.length]} #${i}`, sentAt: 1_714_564_800_000n + BigInt(i) * 1000n }),
    }),
  );
}

/** The same data as a plain object, as an application without protoforge would send it as JSON. */
function asObject(message) {
  const c = message.message;
  return { room: message.room, message: { message_id: Number(c.messageId), sender: c.sender, text: c.text, sent_at: Number(c.sentAt) } };
}

const PROTO = protobuf.Root.fromJSON({
  nested: {
    ChatMessage: { fields: { message_id: { type: "uint64", id: 1 }, sender: { type: "string", id: 2 }, text: { type: "string", id: 3 }, sent_at: { type: "int64", id: 4 } } },
    RoomMessage: { fields: { room: { type: "string", id: 1 }, message: { type: "ChatMessage", id: 2 } } },
  },
}).lookupType("RoomMessage");

function measure(name, bytesPerMessage, run) {
  for (let i = 0; i < CODEC_WARMUP; i++) run(i % VARIANTS);
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < CODEC_ITERATIONS; i++) run(i % VARIANTS);
    best = Math.min(best, performance.now() - start);
  }
  return { name, perSecond: CODEC_ITERATIONS / (best / 1000), bytesPerMessage };
}

const average = (sizes) => sizes.reduce((a, b) => a + b, 0) / sizes.length;

function codecRows(p) {
  const { codec } = p;
  const messages = roomMessages(p);
  const objects = messages.map(asObject);
  const frames = messages.map((m, i) => codec.encodeFrame(m, i + 1));
  const encoder = new TextEncoder();
  const jsonBytes = objects.map((o) => encoder.encode(JSON.stringify(o)));
  const decoder = new TextDecoder();
  const mapped = messages.map((m) => encoder.encode(codec.dumpJson(codec.toJson(m))));
  const protoObjects = objects.map((o) => PROTO.fromObject(o));
  const protoBytes = protoObjects.map((o) => PROTO.encode(o).finish());
  let sink = 0;
  const rows = [
    measure("codec.encodeFrame", average(frames.map((f) => f.length)), (i) => (sink += codec.encodeFrame(messages[i], i + 1).length)),
    measure("codec.decodeFrame", average(frames.map((f) => f.length)), (i) => (sink += codec.decodeFrame(frames[i]).seq)),
    measure("JSON.stringify(object) + encode", average(jsonBytes.map((b) => b.length)), (i) => (sink += encoder.encode(JSON.stringify(objects[i])).length)),
    measure("decode + JSON.parse(bytes)", average(jsonBytes.map((b) => b.length)), (i) => (sink += JSON.parse(decoder.decode(jsonBytes[i])).room.length)),
    measure("protobufjs encode (reflection)", average(protoBytes.map((b) => b.length)), (i) => (sink += PROTO.encode(protoObjects[i]).finish().length)),
    measure("protobufjs decode (reflection)", average(protoBytes.map((b) => b.length)), (i) => (sink += PROTO.decode(protoBytes[i]).room.length)),
    measure("codec.toJson + dumpJson (checked)", average(mapped.map((b) => b.length)), (i) => (sink += encoder.encode(codec.dumpJson(codec.toJson(messages[i]))).length)),
    measure("parseJson + codec.fromJson (checked)", average(mapped.map((b) => b.length)), (i) => (sink += codec.fromJson("RoomMessage", codec.parseJson(decoder.decode(mapped[i]))).room.length)),
  ];
  if (sink === 0) throw new Error("nothing measured");
  return rows;
}

// --- the servers (each in its own process) ----------------------------------------

function sizes(p) {
  const { codec, messages: m } = p;
  return codec.encodeFrame(new m.SendMessage({ room: "bench", clientMsgId: 1_000_000n, text: BENCH_TEXT }), 1000).length;
}

/** Runs a server until stdin closes (or SERVER_LIFETIME_MS passes); prints its port first. */
async function serve(start) {
  const close = await start();
  const lifetime = setTimeout(() => process.stdin.destroy(), SERVER_LIFETIME_MS);
  process.stdin.resume();
  await once(process.stdin, "close");
  clearTimeout(lifetime);
  await close();
}

async function serveGenerated(dir) {
  const p = await project(dir);
  // The spec limits each connection to 10 messages a second (burst 20); a
  // benchmark of the transport turns that limit off, everything else is the spec's.
  const server = new p.server.ChatServer({ host: HOST, port: 0, options: p.options.serverOptions({ rateLimit: null }) });
  await serve(async () => {
    await server.start();
    console.log(`PORT ${server.port}`);
    return () => server.close();
  });
}

/** A minimal node:net server: reads a 4-byte length and the body, and echoes the frame back. */
async function serveRaw() {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = 4 + pending.readUInt32BE(0);
        if (pending.length < size) break;
        socket.write(pending.subarray(0, size));
        pending = pending.subarray(size);
      }
    });
    socket.on("error", () => socket.destroy());
  });
  server.listen(0, HOST);
  await once(server, "listening");
  await serve(async () => {
    console.log(`PORT ${server.address().port}`);
    return () => new Promise((resolve) => server.close(() => resolve()));
  });
}

async function startServerProcess(args) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ["pipe", "pipe", "inherit"] });
  let text = "";
  for await (const chunk of child.stdout) {
    text += chunk;
    if (text.includes("\n")) break;
  }
  const match = /^PORT (\d+)/.exec(text);
  if (!match) throw new Error(`the server ${args.join(" ")} did not start: ${JSON.stringify(text)}`);
  return {
    port: Number(match[1]),
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      if (child.exitCode === null) await once(child, "exit");
      clearTimeout(timer);
    },
  };
}

// --- the clients -----------------------------------------------------------------

class Generated {
  static label = "generated ChatServer/ChatClient";
  constructor(p, port, index) {
    this.p = p;
    this.client = new p.client.ChatClient(HOST, port);
    this.index = index;
    this.nextId = 0n;
  }
  async open() {
    const m = this.p.messages;
    await this.client.connect();
    const answer = await this.client.login(new m.Login({ username: `bench${String(this.index).padStart(3, "0")}`, password: PASSWORD, status: m.UserStatus.ONLINE }));
    if (!(answer instanceof m.LoginOk)) throw new Error(`login refused: ${answer.NAME}`);
  }
  async roundTrip() {
    const m = this.p.messages;
    this.nextId += 1n;
    // No JoinRoom: the default handler's broadcast of the post reaches nobody,
    // so each request is answered by exactly one frame, like the raw baseline.
    const answer = await this.client.sendMessage(new m.SendMessage({ room: "bench", clientMsgId: this.nextId, text: BENCH_TEXT }));
    return answer instanceof m.MessageAccepted;
  }
  async close() {
    await this.client.close();
  }
}

class Raw {
  static label = "raw node:net echo (length-prefixed)";
  static requestBytes = 0;
  constructor(_p, port) {
    this.port = port;
    const frame = Buffer.alloc(Raw.requestBytes);
    frame.writeUInt32BE(Raw.requestBytes - 4, 0);
    this.frame = frame;
    this.waiting = null;
    this.pending = Buffer.alloc(0);
  }
  async open() {
    this.socket = createConnection({ host: HOST, port: this.port, noDelay: true });
    await once(this.socket, "connect");
    this.socket.on("data", (chunk) => {
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
      if (this.pending.length >= 4 && this.pending.length >= 4 + this.pending.readUInt32BE(0)) {
        this.pending = this.pending.subarray(4 + this.pending.readUInt32BE(0));
        const resolve = this.waiting;
        this.waiting = null;
        resolve?.(true);
      }
    });
  }
  roundTrip() {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(this.frame);
    });
  }
  async close() {
    this.socket.end();
    this.socket.destroy();
  }
}

async function runLevel(Kind, p, port, clients) {
  const sessions = Array.from({ length: clients }, (_, i) => new Kind(p, port, i));
  await Promise.all(sessions.map((s) => s.open()));
  const each = Math.floor(TCP_REQUESTS / clients);
  const latencies = [];
  let others = 0;
  const drive = async (session) => {
    for (let i = 0; i < each; i++) {
      const start = performance.now();
      const ok = await session.roundTrip();
      latencies.push(performance.now() - start);
      if (!ok) others += 1;
    }
  };
  const start = performance.now();
  await Promise.all(sessions.map(drive));
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(sessions.map((s) => s.close()));
  return { server: Kind.label, clients, requests: each * clients, seconds, latencies, others, rate: (each * clients) / seconds };
}

function percentile(latencies, q) {
  const ordered = [...latencies].sort((a, b) => a - b);
  return ordered[Math.max(0, Math.min(ordered.length - 1, Math.ceil(q * ordered.length) - 1))];
}

async function tcpRows(p, dir) {
  Raw.requestBytes = sizes(p);
  const rows = [];
  for (const [Kind, args] of [[Generated, ["serve-generated", dir]], [Raw, ["serve-raw"]]]) {
    const server = await startServerProcess(args);
    try {
      const warm = new Kind(p, server.port, 999);
      await warm.open();
      for (let i = 0; i < TCP_WARMUP; i++) await warm.roundTrip();
      await warm.close();
      for (const clients of CONCURRENCY) {
        const rounds = [];
        for (let r = 0; r < ROUNDS; r++) rounds.push(await runLevel(Kind, p, server.port, clients));
        const best = rounds.reduce((a, b) => (b.rate > a.rate ? b : a));
        rows.push({ ...best, slowestRate: Math.min(...rounds.map((r) => r.rate)) });
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

// --- the report ------------------------------------------------------------------------

const pad = (s, n) => String(s).padEnd(n);
const num = (x, n, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).padStart(n);

async function main(dir) {
  const p = await project(dir);
  console.log(`protoforge JavaScript benchmark: chat, node ${process.version}, ${process.arch}, ${cpus().length} CPUs, protobufjs ${createRequire(import.meta.url)("protobufjs/package.json").version}`);
  console.log("");
  console.log(`codec: RoomMessage (room + ChatMessage: id, sender, text, timestamp), ${CODEC_ITERATIONS.toLocaleString("en-US")} calls over ${VARIANTS} messages, best of ${ROUNDS} rounds`);
  console.log(`${pad("operation", 42)}${"msgs/s".padStart(12)}${"MB/s".padStart(10)}${"bytes/msg".padStart(11)}`);
  for (const r of codecRows(p)) console.log(`${pad(r.name, 42)}${num(r.perSecond, 12)}${num((r.perSecond * r.bytesPerMessage) / 1e6, 10, 1)}${num(r.bytesPerMessage, 11, 1)}`);
  console.log("");
  console.log(
    `TCP loopback: SendMessage (${sizes(p)} B frame) -> MessageAccepted, ${TCP_REQUESTS.toLocaleString("en-US")} requests per round, best of ${ROUNDS} rounds;` +
      " one request outstanding per client; server in its own process; rate limit off",
  );
  console.log(`${pad("server", 38)}${"clients".padStart(8)}${"requests".padStart(10)}${"seconds".padStart(9)}${"round trips/s".padStart(15)}${"slowest round".padStart(15)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}`);
  for (const row of await tcpRows(p, dir)) {
    console.log(
      `${pad(row.server, 38)}${num(row.clients, 8)}${num(row.requests, 10)}${num(row.seconds, 9, 2)}${num(row.rate, 15)}${num(row.slowestRate, 15)}` +
        `${num(percentile(row.latencies, 0.5), 9, 3)}${num(percentile(row.latencies, 0.99), 9, 3)}${num(row.others, 8)}`,
    );
  }
}

const [command, arg] = process.argv.slice(2);
if (command === "serve-generated" && arg) await serveGenerated(arg);
else if (command === "serve-raw") await serveRaw();
else if (command) await main(command);
else {
  console.error("usage: node bench-codec-and-tcp.mjs PROJECT");
  process.exitCode = 2;
}
