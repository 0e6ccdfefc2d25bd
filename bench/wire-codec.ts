// Throughput of the reference wire codec on a chat-like message, next to
// JSON.stringify / JSON.parse of the same data. Fixed iteration counts, a
// table on stdout, no assertions. Run with `npm run build && npm run bench`.
import { parseSpecText } from "../src/spec/parse.js";
import { createCodec, type WireObject } from "../src/wire/index.js";

const SPEC = `
protocol: { name: chat-bench, version: 1.0.0, description: A chat message for the codec benchmark. }
roles: { initiator: { name: client }, responder: { name: server } }
messages:
  - name: ChatMessage
    id: 1
    from: client
    kind: oneway
    doc: One chat message.
    fields:
      - { name: room, type: string, doc: Room., maxLength: 64 }
      - { name: sender, type: string, doc: Sender., maxLength: 64 }
      - { name: text, type: string, doc: Text., maxLength: 4000 }
      - { name: sent_at, type: timestamp, doc: When it was sent. }
      - { name: mentions, type: list<string>, doc: Mentioned users., maxItems: 16 }
machines:
  initiator: { initial: open, states: [ { name: open, transitions: [ { send: ChatMessage, to: open } ] } ] }
  responder: { initial: open, states: [ { name: open, transitions: [ { receive: ChatMessage, to: open } ] } ] }
`;

const ITERATIONS = 200_000;
const WARMUP = 20_000;
const VARIANTS = 64;

const parsed = parseSpecText(SPEC, "chat-bench.yaml");
if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
const codec = createCodec(parsed.spec);

const TEXTS = ["hi!", "See you at 10 in the usual room, bring the slides please.", "Grüße aus Köln 🌍 — bis morgen", "ok"];
const messages: WireObject[] = Array.from({ length: VARIANTS }, (_, i) => ({
  room: `room-${i % 8}`,
  sender: `user${i}`,
  text: `${TEXTS[i % TEXTS.length] ?? ""} #${i}`,
  sent_at: 1714564800000n + BigInt(i * 1000),
  mentions: Array.from({ length: i % 4 }, (_, k) => `user${(i + k) % 50}`),
}));
/** The same data as plain JSON-able objects (the timestamp as a number). */
const plain = messages.map((m) => ({ ...m, sent_at: Number(m["sent_at"]) }));
const frames = messages.map((m, i) => codec.encodeFrame("ChatMessage", m, { seq: i + 1 }));
const jsonTexts = plain.map((p) => JSON.stringify(p));
const mappedTexts = messages.map((m) => codec.toJsonText("ChatMessage", m));

interface Row {
  readonly name: string;
  readonly perSecond: number;
  readonly bytesPerMessage: number;
}

let sink = 0;
function measure(name: string, bytesPerMessage: number, run: (i: number) => number): Row {
  for (let i = 0; i < WARMUP; i++) sink += run(i % VARIANTS);
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) sink += run(i % VARIANTS);
  const seconds = (performance.now() - start) / 1000;
  return { name, perSecond: ITERATIONS / seconds, bytesPerMessage };
}

const average = (sizes: readonly number[]): number => sizes.reduce((a, b) => a + b, 0) / sizes.length;
const binBytes = average(frames.map((f) => f.length));
const jsonBytes = average(jsonTexts.map((t) => Buffer.byteLength(t)));
const mappedBytes = average(mappedTexts.map((t) => Buffer.byteLength(t)));

const rows: Row[] = [
  measure("wire encodeFrame", binBytes, (i) => codec.encodeFrame("ChatMessage", messages[i] as WireObject, { seq: i + 1 }).length),
  measure("wire decodeFrame", binBytes, (i) => (codec.decodeFrame(frames[i] as Uint8Array).kind === "message" ? 1 : 0)),
  measure("JSON.stringify", jsonBytes, (i) => JSON.stringify(plain[i]).length),
  measure("JSON.parse", jsonBytes, (i) => (JSON.parse(jsonTexts[i] as string) as { text: string }).text.length),
  measure("wire toJsonText (checked)", mappedBytes, (i) => codec.toJsonText("ChatMessage", messages[i] as WireObject).length),
  measure("wire fromJson(JSON.parse) (checked)", mappedBytes, (i) => (codec.fromJson("ChatMessage", JSON.parse(mappedTexts[i] as string)) ? 1 : 0)),
];

const pad = (s: string, n: number): string => s.padEnd(n);
const num = (x: number, digits = 0): string => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }).padStart(12);
console.log(`wire codec benchmark: ChatMessage, ${ITERATIONS.toLocaleString("en-US")} iterations over ${VARIANTS} messages, node ${process.version}`);
console.log(`${pad("operation", 38)}${"msgs/s".padStart(12)}${"MB/s".padStart(12)}${"bytes/msg".padStart(12)}`);
for (const r of rows) console.log(`${pad(r.name, 38)}${num(r.perSecond)}${num((r.perSecond * r.bytesPerMessage) / 1e6, 1)}${num(r.bytesPerMessage, 1)}`);
if (sink === -1) console.log(sink);
