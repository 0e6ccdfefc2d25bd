// The Java transport emitters (src/emit/java/transport/{index,runtime-copy,
// protocol-info,profile-file,facade-files}.ts), without a JDK: deterministic
// output, the names the contract fixes, which runtime files each transport
// gets, and the spec's facts in ProtocolInfo and Profile.
import { describe, expect, it } from "vitest";
import { createFileSet, type GeneratedFile } from "../../src/emit/index.js";
import { buildJavaModel, javaLayerFiles } from "../../src/emit/java/index.js";
import { javaTransportFiles } from "../../src/emit/java/transport/index.js";
import { ONLY, transportRuntimeNames, transportRuntimeTestNames } from "../../src/emit/java/transport/runtime-copy.js";
import type { Transport } from "../../src/emit/language.js";
import type { Spec } from "../../src/spec/model.js";
import { example } from "../python-layer/support.js";

function generate(spec: Spec, transport: Transport = "tcp"): GeneratedFile[] {
  const files = createFileSet(spec.protocol);
  javaTransportFiles(files, buildJavaModel(spec), transport);
  return files.finish();
}

function text(files: readonly GeneratedFile[], suffix: string): string {
  const f = files.find((x) => x.path.endsWith(suffix));
  if (f === undefined) throw new Error(`no ${suffix} among ${files.map((x) => x.path).join(", ")}`);
  return typeof f.content === "string" ? f.content : Buffer.from(f.content).toString("utf8");
}

const MAIN = "java/src/main/java/dev/protoforge/chat/";
const TRANSPORT = `${MAIN}transport/`;

describe("the Java transport emitters", () => {
  it("are deterministic: the same spec gives the same files, byte for byte", () => {
    expect(generate(example("chat"))).toEqual(generate(example("chat")));
    expect(generate(example("file-transfer"))).toEqual(generate(example("file-transfer")));
  });

  it("write ProtocolInfo in the main package and Profile, the facades and the runtime in <pkg>.transport", () => {
    const files = generate(example("chat"));
    const paths = files.map((f) => f.path);
    expect(paths).toContain(`${MAIN}ProtocolInfo.java`);
    for (const cls of ["Profile", "ChatServer", "ChatClient", "TcpServer", "TcpClient", "Hub", "ServerSession", "ClientBase", "ServerOptions", "ClientOptions", "TransportException"]) {
      expect(paths).toContain(`${TRANSPORT}${cls}.java`);
    }
    expect(paths.filter((p) => !p.startsWith(TRANSPORT))).toEqual([`${MAIN}ProtocolInfo.java`, "java/src/test/java/dev/protoforge/chat/transport/TcpServerCloseTest.java"]);
    for (const f of files.filter((x) => x.path.startsWith(TRANSPORT))) {
      const content = String(f.content);
      expect(content, f.path).toContain("package dev.protoforge.chat.transport;");
      expect(content, f.path).not.toContain("__PACKAGE__");
      expect(content, f.path).toContain("do not edit");
    }
    expect(text(files, "transport/ServerSession.java")).toContain("import dev.protoforge.chat.RoleMachine;");
  });

  it("copies only the chosen transport's runtime: TCP gets the stream classes and the framed core, never UDP's or HTTP's", () => {
    const tcp = transportRuntimeNames("tcp");
    for (const f of ["TcpServer.java", "TcpClient.java", "StreamLink.java", "StreamReader.java", "FrameChannel.java", "FramedClient.java", "FramedServerSession.java", "Hub.java", "ServerSession.java"]) expect(tcp).toContain(f);
    for (const [file, transports] of Object.entries(ONLY)) expect(tcp.includes(file), file).toBe(transports.includes("tcp"));
    expect(tcp.filter((f) => /^(Udp|Http|Datagram|Sse)/.test(f))).toEqual(["HttpStatusError.java"]); // the failure is shared: ClientBase users catch it
    const http = transportRuntimeNames("http");
    for (const f of ["TcpServer.java", "StreamLink.java", "FrameChannel.java"]) expect(http).not.toContain(f);
    // The runtime's own test of TcpServer.close() (a connection accepted after close() is not served) goes with TCP only.
    expect(transportRuntimeTestNames("tcp")).toEqual(["TcpServerCloseTest.java"]);
    expect(transportRuntimeTestNames("udp")).toEqual([]);
    expect(transportRuntimeTestNames("http")).toEqual([]);
    for (const f of ["Hub.java", "ServerSession.java", "ClientBase.java", "TransportException.java"]) expect(http).toContain(f);
  });

  it("prints the spec's constants in ProtocolInfo, null where the spec sets none", () => {
    const chat = text(generate(example("chat")), "ProtocolInfo.java");
    expect(chat).toContain('public static final String PROTOCOL_NAME = "chat";');
    expect(chat).toContain('public static final String TRANSPORT = "tcp";');
    expect(chat).toContain("public static final long REQUEST_TIMEOUT_MS = 5000L;");
    expect(chat).toContain("public static final double RETRY_MULTIPLIER = 2.0;");
    expect(chat).toContain("public static final List<Long> RETRANSMIT_DELAYS_MS = List.of(250L, 500L, 1000L, 2000L, 4000L);");
    expect(chat).toContain('public static final String AUTH_MESSAGE = "Login";');
    expect(chat).toContain("public static final Double RATE_LIMIT_PER_SECOND = 10.0;");
    expect(chat).toContain("public static final Integer RATE_LIMIT_BURST = 20;");
    expect(text(generate(example("chat"), "udp"), "ProtocolInfo.java")).toContain('public static final String TRANSPORT = "udp";');
  });

  it("prints Profile from the spec: each message's facts, the field errors of onInvalid, the error answers and the credential", () => {
    const profile = text(generate(example("chat")), "transport/Profile.java");
    expect(profile).toContain('Map.entry("Login", new MessageInfo("Login", 1, MessageInfo.Kind.REQUEST, "initiator", List.of("LoginOk"), "ErrorReply", true))');
    expect(profile).toContain('Map.entry("Kicked", new MessageInfo("Kicked", 42, MessageInfo.Kind.EVENT, "responder", List.of(), null, true))');
    expect(profile).toContain('Map.entry("Login", Map.of("username", "invalid_username"))');
    expect(profile).toContain("public static final boolean RATE_LIMIT_ANSWERABLE = true;");
    expect(profile).toMatch(/if \(message instanceof Login request\) \{\n\s+return request\.password\(\);/);
    expect(profile).toContain("if (request instanceof Login || request instanceof Resume || request instanceof JoinRoom || request instanceof LeaveRoom || request instanceof SendMessage || request instanceof KickUser) {");
    expect(profile).toContain("if (messageId == 1 || messageId == 3 || messageId == 10 || messageId == 12 || messageId == 20 || messageId == 40) {");
    expect(profile).toContain('Map.entry("rate_limited", ErrorCode.RATE_LIMITED)');
    expect(profile).toContain("fitText(detail, 256, 0)");
    expect(profile).toContain("retryAfterMs == null ? null : bounded(retryAfterMs, 0L, 4294967295L)");
  });

  it("dispatches with an instanceof chain to on<Class> and gives the client one typed method per message it sends", () => {
    const files = generate(example("chat"));
    const server = text(files, "transport/ChatServer.java");
    expect(server).toContain("public class ChatServer extends TcpServer {");
    expect(server).toContain("public ChatServer(ServerHandlers handlers, String host, int port, ServerOptions options) {");
    expect(server).toContain("public ChatServer(int port) {");
    expect(server).toMatch(/if \(message instanceof Login m\) \{\n\s+return handlers\.onLogin\(session, m\);/);
    expect(server).toMatch(/if \(message instanceof Logout m\) \{\n\s+handlers\.onLogout\(session, m\);\n\s+return null;/);
    const client = text(files, "transport/ChatClient.java");
    expect(client).toContain("public class ChatClient extends TcpClient {");
    expect(client).toContain("public ChatClient(String host, int port, ClientHandlers handlers, ClientOptions options) {");
    expect(client).toContain("public Message login(Login message) throws TransportException {");
    expect(client).toContain("if (answer instanceof LoginOk || answer instanceof ErrorReply) {");
    expect(client).toContain("public void logout(Logout message) throws TransportException {");
    expect(client).toMatch(/if \(message instanceof Kicked m\) \{\n\s+handlers\.onKicked\(m\);/);
    expect(text(generate(example("chat"), "udp"), "transport/ChatClient.java")).toContain("public class ChatClient extends UdpClient {");
  });

  it("narrows a request's return type to its response when it has no error message and one response", () => {
    // all-kinds-like case built from chat: Logout has no answer, so take a spec whose requests lack errors.
    const spec = example("sensor-telemetry");
    const requests = spec.messages.filter((m) => m.kind === "request" && m.from === "initiator");
    const client = text(generate(spec), "Client.java");
    for (const m of requests) {
      const narrow = m.error === undefined && m.responses.length === 1;
      expect(client).toContain(narrow ? `public ${m.responses[0] ?? ""} ` : "public Message ");
    }
    expect(requests.length).toBeGreaterThan(0);
  });

  it("is part of the whole project: javaLayerFiles has the transport, handlers, demo and README", () => {
    const paths = javaLayerFiles(example("chat"), { transport: "tcp" }).map((f) => f.path);
    for (const p of [`${MAIN}ProtocolInfo.java`, `${TRANSPORT}ChatServer.java`, `${MAIN}ServerHandlers.java`, `${MAIN}demo/DemoServer.java`, "java/README.md", `${MAIN}Codec.java`]) expect(paths).toContain(p);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
