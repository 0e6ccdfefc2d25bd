// Logs in to the chat server on PORT (process PID), joins a room and floods it
// with SendMessage frames for SECONDS (at most FRAMES of them), never reading
// an answer; prints the server's resident memory before and after, in MiB.
import { connect } from "node:net";
import { readFileSync } from "node:fs";
import { encodeFrame } from "./src/codec.js";
import { JoinRoom, Login, SendMessage, UserStatus } from "./src/messages.js";
const [port, pid, seconds, frames] = process.argv.slice(2).map(Number);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
const socket = connect(port, "127.0.0.1");
await new Promise((r) => socket.once("connect", r));
socket.pause();
let closed = false;
socket.on("close", () => (closed = true));
socket.on("error", () => (closed = true));
let seq = 1;
socket.write(encodeFrame(new Login({ username: "flooder", password: "correct horse battery staple", status: UserStatus.ONLINE }), seq++));
socket.write(encodeFrame(new JoinRoom({ room: "general" }), seq++));
const start = rss();
const text = "y".repeat(900);
const end = Date.now() + seconds * 1000;
let sent = 0;
while (Date.now() < end && sent < frames && !closed) {
  const ok = socket.write(encodeFrame(new SendMessage({ room: "general", clientMsgId: BigInt(seq), text }), seq++));
  sent++;
  if (!ok) await new Promise((r) => setTimeout(r, 1));
}
console.log(JSON.stringify({ start: Math.round(start), end: Math.round(rss()), sent, closed }));
socket.destroy();
