// The Java handlers, demo and README emitters (src/emit/java/transport/
// app-files.ts and its parts), without a JDK: deterministic output, the
// handlers marked as the user's, the names the contract fixes, and printed
// lines whose meaning can be reasoned about.
import { describe, expect, it } from "vitest";
import { createFileSet, type GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel } from "../../src/emit/java/model.js";
import { javaAppFiles } from "../../src/emit/java/transport/app-files.js";
import type { Transport } from "../../src/emit/language.js";
import type { FieldType, Spec } from "../../src/spec/model.js";
import { deriveSessionFlow } from "../../src/spec/flows.js";
import { example } from "../python-layer/support.js";
import { chatWithoutBehaviour } from "../support/chat-without-behaviour.js";
import { specFromYaml } from "../verify/small-specs.js";

/** A server that asks its clients (a request from the responder): the client handler answers it. */
const ASKER_YAML = `
protocol: { name: asker, version: 1.0.0, description: The server asks the client. }
roles:
  initiator: { name: client }
  responder: { name: server }
messages:
  - { name: Hello, id: 1, from: client, kind: request, responses: [Welcome], doc: Opens a session., fields: [{ name: client_name, type: string, doc: Who. }] }
  - { name: Welcome, id: 2, from: server, kind: response, doc: Accepts., fields: [{ name: session_id, type: uint32, doc: The session. }] }
  - { name: Question, id: 3, from: server, kind: request, responses: [Reply], doc: The server asks., fields: [{ name: question_id, type: uint32, doc: Which. }, { name: text, type: string, doc: What. }] }
  - { name: Reply, id: 4, from: client, kind: response, doc: The client answers., fields: [{ name: question_id, type: uint32, doc: Which. }, { name: text, type: string, doc: The answer. }] }
  - { name: Bye, id: 5, from: client, kind: oneway, doc: Ends. }
machines:
  initiator:
    initial: start
    states:
      - { name: start, transitions: [{ send: Hello, to: waiting }] }
      - { name: waiting, transitions: [{ receive: Welcome, to: ready }] }
      - name: ready
        transitions:
          - { receive: Question, to: answering }
          - { send: Bye, to: done }
      - { name: answering, transitions: [{ send: Reply, to: ready }] }
      - { name: done, terminal: true }
  responder:
    initial: idle
    states:
      - { name: idle, transitions: [{ receive: Hello, to: greeting }] }
      - { name: greeting, transitions: [{ send: Welcome, to: ready }] }
      - name: ready
        transitions:
          - { send: Question, to: asking }
          - { receive: Bye, to: done }
      - { name: asking, transitions: [{ receive: Reply, to: ready }] }
      - { name: done, terminal: true }
`;

function generate(spec: Spec, transport: Transport = "tcp"): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  javaAppFiles(files, buildJavaModel(spec), transport);
  return files.finish();
}

function text(files: readonly GeneratedFile[], suffix: string): string {
  const f = files.find((x) => x.path.endsWith(suffix));
  if (f === undefined) throw new Error(`no ${suffix} among ${files.map((x) => x.path).join(", ")}`);
  return typeof f.content === "string" ? f.content : Buffer.from(f.content).toString("utf8");
}

const MAIN = "java/src/main/java/dev/protoforge/chat/";

describe("the Java handlers, demo and README", () => {
  it("are deterministic: the same spec gives the same files, byte for byte", () => {
    expect(generate(example("chat"))).toEqual(generate(example("chat")));
    expect(generate(example("file-transfer"))).toEqual(generate(example("file-transfer")));
  });

  it("marks ServerHandlers and ClientHandlers as the user's and every other file as generated", () => {
    const files = generate(example("chat"));
    const user = files.filter((f) => f.ownership === "user").map((f) => f.path);
    expect(user).toEqual([`${MAIN}ClientHandlers.java`, `${MAIN}ServerHandlers.java`]);
    expect(text(files, "ServerHandlers.java").split("\n")[0]).toBe("// Generated once by protoforge; yours to edit.");
    for (const f of files.filter((x) => x.ownership !== "user")) expect(String(f.content)).toContain("do not edit");
    expect(files.map((f) => f.path)).toEqual([
      "java/README.md",
      `${MAIN}Behaviour.java`,
      `${MAIN}BehaviourState.java`,
      `${MAIN}ClientHandlers.java`,
      `${MAIN}ServerHandlers.java`,
      `${MAIN}demo/DemoClient.java`,
      `${MAIN}demo/DemoServer.java`,
      `${MAIN}demo/Samples.java`,
      ...["RawStream", "RobustnessTest", "TcpTest", "TransportTesting"].map((c) => `java/src/test/java/dev/protoforge/chat/${c}.java`),
    ]);
  });

  it("names one server handler per message the initiator sends: on<Class>(ServerSession, <Class>), Message for a request, void for a oneway", () => {
    const spec = example("chat");
    const server = text(generate(spec), "ServerHandlers.java");
    const initiated = spec.messages.filter((m) => m.from === "initiator" && m.kind !== "response");
    const signatures = [...server.matchAll(/public (\w+) (on\w+)\(ServerSession session, (\w+) message\)/g)].map((m) => [m[1], m[2], m[3]]);
    expect(signatures).toEqual(initiated.map((m) => [m.kind === "request" ? "Message" : "void", `on${m.name}`, m.name]));
    expect(server).toContain("import dev.protoforge.chat.transport.ServerSession;");
    // The answer of a request is never null: every request handler ends with a return of a built message,
    // or of the behaviour engine's answer for the messages the behaviour section rules.
    for (const m of initiated.filter((x) => x.kind === "request")) {
      const body = server.slice(server.indexOf(`on${m.name}(`));
      expect(body.slice(0, body.indexOf("\n    }\n"))).toMatch(/return (new \w+\(|answer;|behaviour\.\w+\(session, message\);)/);
    }
  });

  it("names one client handler per message the responder sends on its own", () => {
    const spec = example("chat");
    const client = text(generate(spec), "ClientHandlers.java");
    const pushed = spec.messages.filter((m) => m.from === "responder" && m.kind !== "response").map((m) => m.name);
    expect([...client.matchAll(/public void (on\w+)\((\w+) message\)/g)].map((m) => [m[1], m[2]])).toEqual(pushed.map((n) => [`on${n}`, n]));
  });

  it("gives the server handlers the JavaScript defaults in Java: echo, recall, clock, fresh ids, tokens, groups and broadcasts", () => {
    const server = text(generate(chatWithoutBehaviour()), "ServerHandlers.java");
    expect(server).toContain("return new LoginOk(randomBytes(32), 600000L, clock.millis());");
    expect(server).toContain("Optional<Login> login = session.last(Login.class);");
    expect(server).toContain('login.map(Login::username).orElse("bob")');
    expect(server).toContain("session.hub().join(message.room(), session);");
    expect(server).toContain("session.hub().leave(message.room(), session);");
    // SendMessage goes to the whole room, the sender included; the event reuses the answer's id and time.
    expect(server).toMatch(/MessageAccepted answer = new MessageAccepted\(message\.clientMsgId\(\), nextId\(\), clock\.millis\(\)\);/);
    expect(server).toContain("answer.sentAt()");
    expect(server).toMatch(/\), message\.room\(\), null\);/);
    // SetStatus goes to each of the session's rooms, in sorted order, not to the sender.
    expect(server).toContain("for (String group : new TreeSet<>(session.groups())) {");
    expect(server).toContain("), group, session);");
    // The store: the last KEEP messages, thread-safe; ids and the clock.
    expect(server).toContain("public static final int KEEP = 1000;");
    expect(server).toContain("public synchronized void remember(Message message) {");
    expect(server).toContain("public ServerHandlers(InstantSource clock) {");
    expect(server).toContain("public long nextId() {");
  });

  it("fills ids the server hands out with nextId() and echoes request fields through the record accessors", () => {
    const transfer = text(generate(example("file-transfer")), "ServerHandlers.java");
    expect(transfer).toContain("return new OfferAccepted(nextId(), 0L, message.chunkSize());");
    expect(transfer).toContain("return new ChunkAck(message.uploadId(), 0L);");
    expect(transfer).toContain("Optional<Offer> offer = session.last(Offer.class);");
    const sensor = text(generate(example("sensor-telemetry")), "ServerHandlers.java");
    expect(sensor).toContain("return new HelloAck(nextId(), 30000L);");
    expect(sensor).toContain("return new ReportAck(clock.millis());");
  });

  it("narrows a fresh id to an int32 component with Math.toIntExact (an int component cannot take nextId()'s long)", () => {
    const spec = structuredClone(example("sensor-telemetry"));
    const ack = spec.messages.find((m) => m.name === "HelloAck");
    const id = ack?.fields.find((f) => f.name === "session_id");
    if (id === undefined) throw new Error("sensor-telemetry's HelloAck has no session_id");
    (id as { type: unknown }).type = { kind: "int", bits: 32, signed: true };
    expect(text(generate(spec), "ServerHandlers.java")).toContain("return new HelloAck(Math.toIntExact(nextId()), 30000L);");
  });

  it("keeps spec types apart from the transport's and the tests' classes: escaped in the package, qualified next to an import", () => {
    const spec = chatWithoutBehaviour();
    const rename = (from: string, to: string): void => {
      const decl = spec.types.find((t) => t.name === from);
      if (decl === undefined) throw new Error(`chat declares no ${from}`);
      (decl as { name: string }).name = to;
      const walk = (t: FieldType): void => {
        if (t.kind === "struct" && t.name === from) (t as { name: string }).name = to;
        if (t.kind === "list") walk(t.of);
      };
      for (const owner of [...spec.types, ...spec.messages]) for (const f of "fields" in owner ? owner.fields : []) walk(f.type);
    };
    rename("ChatMessage", "ServerSession");
    rename("RoomSummary", "TcpTest");
    const server = text(generate(spec), "ServerHandlers.java");
    expect(server).toContain("import dev.protoforge.chat.transport.ServerSession;");
    expect(server).toContain("new dev.protoforge.chat.ServerSession(");
    expect(server).toContain("JoinOk answer = new JoinOk(new TcpTest_(message.room(), List.of(), false), List.of());");
  });

  it("answers a request the server sends with a client handler returning the declared response, left out of the demo's events", () => {
    const files = generate(specFromYaml(ASKER_YAML));
    const client = text(files, "ClientHandlers.java");
    expect(client).toContain("public Message onQuestion(Question message) {");
    expect(client).toContain("return new Reply(message.questionId(), message.text());");
    expect(text(files, "demo/DemoClient.java")).toContain("if (!(message instanceof Question)) {");
  });

  it("prints the demo contract: the listening line, the halt(0) on SIGTERM, the done: line and the flow in order", () => {
    const spec = example("chat");
    const files = generate(spec);
    const server = text(files, "demo/DemoServer.java");
    expect(server).toContain('out.line("chat 1.0.0 server listening on " + host + ":" + server.port() + " over TCP");');
    expect(server).toContain("Runtime.getRuntime().addShutdownHook(");
    expect(server).toContain("Runtime.getRuntime().halt(status);");
    const client = text(files, "demo/DemoClient.java");
    expect(client).toContain('out.line("done: sent " + result.sent().size() + ", received " + result.answers().size() + " answers and "');
    expect(client).toContain("System.exit(result.completed() ? 0 : 1);");
    const sent = [...client.matchAll(/sent\.add\("(\w+)"\);/g)].map((m) => m[1]);
    expect(sent).toEqual(deriveSessionFlow(spec).filter((s) => s.from === "initiator").map((s) => s.message));
    // JoinRoom's answer comes after Typing and SetStatus: it is started ahead and awaited there.
    expect(client).toContain("Samples.Pending pendingJoinRoom = Samples.start(client, () -> client.joinRoom(Samples.makeJoinRoom(client)));");
    expect(client.indexOf("pendingJoinRoom.await()")).toBeGreaterThan(client.indexOf("client.setStatus("));
    const samples = text(files, "demo/Samples.java");
    expect(samples).toContain("public static final int DEFAULT_PORT = 7376;");
    // The server refuses a name a live session has: each login of the demo takes its own.
    expect(samples).toContain('return new Login(freshIdentity("alice"), "correct horse battery staple", UserStatus.ONLINE);');
    expect(text(generate(chatWithoutBehaviour()), "demo/Samples.java")).toContain('return new Login("alice", "correct horse battery staple", UserStatus.ONLINE);');
    expect(samples).toContain("Optional<MessageAccepted> messageAccepted = last(client, MessageAccepted.class);");
  });

  it("writes a README with the Maven build, the demo's java -cp commands and every handler", () => {
    const readme = text(generate(example("chat")), "java/README.md");
    expect(readme).toContain("# chat 1.0.0 for Java, over TCP");
    expect(readme).toContain("mvn verify");
    expect(readme).toContain("java -cp 'target/classes:target/dependency/*' dev.protoforge.chat.demo.DemoServer --port 7376");
    expect(readme).toContain("java -cp 'target/classes:target/dependency/*' dev.protoforge.chat.demo.DemoClient --port 7376");
    expect(readme).toContain("- `onKickUser`: answers KickOk or ErrorReply");
    expect(readme).toContain("`TcpTest` runs the demo session over loopback");
    expect(text(generate(example("chat"), "udp"), "java/README.md")).toContain("# chat 1.0.0 for Java, over UDP");
  });
});
