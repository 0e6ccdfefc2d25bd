// Drives a generated chat client (JavaScript) through a SendMessage that fails
// to encode locally (text over its 1000-byte limit), then a valid one; prints
// the error, the role state before and after, and the next answer, as JSON.
import { JoinRoom, Login, SendMessage, UserStatus } from "./src/messages.js";
import { ProtocolError } from "./src/errors.js";
import { ChatClient } from "./src/transport/client.js";
import { ChatServer } from "./src/transport/server.js";

const server = new ChatServer({ host: "127.0.0.1", port: 0 });
await server.start();
const client = new ChatClient("127.0.0.1", server.port);
await client.connect();
try {
  await client.request(new Login({ username: "encoder", password: "correct horse battery staple", status: UserStatus.ONLINE }));
  await client.request(new JoinRoom({ room: "general" }));
  const before = client.machine.state;
  let error = null;
  try {
    await client.request(new SendMessage({ room: "general", clientMsgId: 1n, text: "x".repeat(1001) }));
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    error = e.constructor.name;
  }
  const after = client.machine.state;
  const answer = await client.request(new SendMessage({ room: "general", clientMsgId: 2n, text: "fits" }));
  console.log(JSON.stringify({ error, before, after, next: answer.NAME }));
} finally {
  await client.close();
  await server.close();
}
