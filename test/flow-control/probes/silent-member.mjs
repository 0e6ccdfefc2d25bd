// A member of a room that never reads, and another who posts POSTS messages to
// it, against an in-process chat server with no rate limit whose write bound is
// MAX_BUFFERED bytes: prints how many posts were answered, the first failure,
// the sessions left and the server's trace lines about dropped peers.
import { connect } from "node:net";
import { encodeFrame } from "./src/codec.js";
import { JoinRoom, Login, SendMessage, UserStatus } from "./src/messages.js";
import { ChatClient } from "./src/transport/client.js";
import { ChatServer } from "./src/transport/server.js";
const [posts, maxBufferedBytes] = process.argv.slice(2).map(Number);
const lines = [];
const server = new ChatServer({ host: "127.0.0.1", port: 0, options: { rateLimit: null, maxBufferedBytes, trace: (line) => { if (line.includes("dropped")) lines.push(line); } } });
await server.start();
const port = server.port;
const silent = connect(port, "127.0.0.1");
await new Promise((r) => silent.once("connect", r));
silent.pause();
silent.on("error", () => {});
silent.write(encodeFrame(new Login({ username: "silent", password: "correct horse battery staple", status: UserStatus.ONLINE }), 1));
silent.write(encodeFrame(new JoinRoom({ room: "general" }), 2));
await new Promise((r) => setTimeout(r, 200));
const poster = new ChatClient("127.0.0.1", port, { options: { requestTimeoutMs: 3000 } });
await poster.connect();
await poster.request(new Login({ username: "poster", password: "correct horse battery staple", status: UserStatus.ONLINE }));
const joined = await poster.request(new JoinRoom({ room: "general" }));
const membersAtJoin = joined.summary.members.map((m) => m.username).sort();
let answered = 0;
let failure = null;
const text = "z".repeat(900);
for (let i = 0; i < posts; i++) {
  try {
    const answer = await poster.request(new SendMessage({ room: "general", clientMsgId: BigInt(i + 1), text }));
    if (answer.NAME === "MessageAccepted") answered++;
    else if (answer.code === "rate_limited") await new Promise((r) => setTimeout(r, 1));
  } catch (e) {
    failure = e.constructor.name;
    break;
  }
  for (;;) { try { await poster.nextEvent(0); } catch { break; } }
}
await new Promise((r) => setTimeout(r, 200));
console.log(JSON.stringify({ membersAtJoin, answered, failure, sessions: server.sessions.length, dropped: lines }));
await poster.close();
silent.destroy();
await server.close();
