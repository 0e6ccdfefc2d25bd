// The C++ app files as text (unit lane): the user-owned handlers with working
// defaults (the declared response filled from the request, the session's
// earlier messages, the clock and fresh ids; joins, leaves, broadcasts), the
// facades' dispatch and typed methods, the demo's contract (listening line,
// `done:` line, exit codes) and its CMake lines, and the README's sections.
// toolchain.test.ts compiles them against a generated project.
import { describe, expect, it } from "vitest";
import { cppAppFiles } from "../../src/emit/cpp/app/index.js";
import { buildCppModel } from "../../src/emit/cpp/index.js";
import { createFileSet, type GeneratedFile } from "../../src/emit/index.js";
import type { CppTransportPart } from "../../src/emit/cpp/transport/part.js";
import { example } from "../python-layer/support.js";
import { chatWithoutBehaviour } from "../support/chat-without-behaviour.js";

/** "chat-bare": chat without its behaviour section (the default handlers then do the work). */
type Example = "chat" | "chat-bare" | "sensor-telemetry" | "file-transfer";

function app(name: Example): { files: GeneratedFile[]; part: CppTransportPart } {
  const spec = name === "chat-bare" ? chatWithoutBehaviour() : example(name);
  const set = createFileSet(spec.protocol);
  const part = cppAppFiles(set, buildCppModel(spec), "tcp");
  return { files: set.finish(), part };
}

function file(name: Example, path: string): string {
  const f = app(name).files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${name}`);
  return String(f.content);
}

/** The body of the C++ function whose head contains `head` (up to its closing brace at the same indentation). */
function body(src: string, head: string): string {
  const start = src.indexOf(head);
  if (start < 0) throw new Error(`no ${head}`);
  const lineStart = src.lastIndexOf("\n", start) + 1;
  const indent = /^ */.exec(src.slice(lineStart))?.[0] ?? "";
  const end = src.indexOf(`\n${indent}}`, start);
  return src.slice(start, end);
}

describe("the C++ handlers", () => {
  it("are the user's files, one handler per message the initiator sends, requests returning a Message", () => {
    const src = file("chat", "cpp/include/chat/server_handlers.hpp");
    expect(src.startsWith("// Generated once by protoforge; yours to edit.")).toBe(true);
    for (const h of ["on_login", "on_resume", "on_join_room", "on_leave_room", "on_send_message", "on_kick_user"]) expect(src).toMatch(new RegExp(`  Message ${h}\\(`));
    for (const h of ["on_logout", "on_set_status", "on_typing"]) expect(src).toMatch(new RegExp(`  void ${h}\\(`));
    expect(src).not.toContain("on_login_ok");
  });

  it("fill the declared response from the request, the session's last messages, the clock and fresh ids", () => {
    const src = file("chat-bare", "cpp/include/chat/server_handlers.hpp");
    const login = body(src, "Message on_login(");
    expect(login).toContain("return LoginOk{.session_token = random_bytes(32), .resume_window_ms = 600000U, .server_time = clock_()};");
    const send = body(src, "Message on_send_message(");
    expect(send).toContain(".client_msg_id = message.client_msg_id,");
    expect(send).toContain(".message_id = next_id(),");
    expect(send).toContain("const auto login = session.last<Login>();");
    expect(send).toContain(".sender = login ? login->username : std::string(");
    // The broadcast reuses the answer's id and time, to the room, the sender included.
    expect(send).toContain(".message_id = answer.message_id,");
    expect(send).toMatch(/\}, message\.room, nullptr\);/);
  });

  it("keep group memberships and broadcast to the others", () => {
    const src = file("chat-bare", "cpp/include/chat/server_handlers.hpp");
    expect(body(src, "Message on_join_room(")).toContain("session.hub().join(message.room, session.shared_from_this());");
    expect(body(src, "Message on_leave_room(")).toContain("session.hub().leave(message.room, session);");
    const status = body(src, "void on_set_status(");
    expect(status).toContain("for (const std::string& group : session.groups()) {");
    expect(status).toContain("}, group, &session);");
  });

  it("call the behaviour engine for the messages the spec's behaviour section rules, and only then", () => {
    const src = file("chat", "cpp/include/chat/server_handlers.hpp");
    expect(src).toContain('#include "chat/behaviour.hpp"');
    expect(body(src, "Message on_join_room(")).toContain("return behaviour_.join_room(session, message);");
    expect(body(src, "void on_logout(")).toContain("behaviour_.logout(session, message);");
    expect(body(src, "void on_set_status(")).not.toContain("behaviour_");
    expect(src).toContain("Behaviour behaviour_;");
    const engine = file("chat", "cpp/include/chat/behaviour.hpp");
    expect(engine).toContain("const std::lock_guard<std::mutex> lock(mutex_);");
    expect(engine).toContain(".code = ErrorCode::kNotAModerator,");
    expect(file("chat", "cpp/include/chat/behaviour_state.hpp")).toContain("namespace chat::behaviour_state {");
    expect(app("chat-bare").files.some((f) => f.path.endsWith("/behaviour.hpp"))).toBe(false);
    expect(file("chat-bare", "cpp/include/chat/server_handlers.hpp")).not.toContain("behaviour");
  });

  it("mark a session they do not use [[maybe_unused]] (-Wextra -Werror), and only then", () => {
    const src = file("sensor-telemetry", "cpp/include/sensor_telemetry/server_handlers.hpp");
    expect(src).toContain("void on_goodbye([[maybe_unused]] ServerSession& session, const Goodbye& message) {");
    const chat = file("chat", "cpp/include/chat/server_handlers.hpp");
    expect(chat).toContain("Message on_join_room(ServerSession& session, const JoinRoom& message) {");
  });

  it("keep what the client handled, for the demo's event count", () => {
    const src = file("chat", "cpp/include/chat/client_handlers.hpp");
    expect(src).toContain("class ClientHandlers {");
    expect(src).toContain("void remember(const Message& message) {");
    expect(src).toContain("void on_room_message(const RoomMessage& message) {");
  });

  it("are the same bytes for the same spec", () => {
    const a = app("file-transfer").files.map((f) => [f.path, String(f.content)]);
    const b = app("file-transfer").files.map((f) => [f.path, String(f.content)]);
    expect(a).toEqual(b);
  });
});

describe("the C++ facades", () => {
  it("dispatch every message from the initiator to its handler, with the answer of a request", () => {
    const src = file("chat", "cpp/include/chat/server.hpp");
    // The handlers' holder first, the transport last: constructed after its dispatch and handlers, destroyed before them.
    expect(src).toContain("class ChatServer : private detail::ServerHandlersHolder, private ServerDispatch, public TcpServer {");
    expect(src).toContain("if (const auto* m = std::get_if<Login>(&message)) return facade_handlers_->on_login(session, *m);");
    expect(body(src, "if (const auto* m = std::get_if<Logout>(&message)) {")).toContain("return std::nullopt;");
    expect(src).toContain("~ChatServer() override { stop(); }");
  });

  it("have one typed method per message, refusing an answer the spec does not declare", () => {
    const src = file("chat", "cpp/include/chat/client.hpp");
    expect(src).toContain("class ChatClient : private detail::ClientHandlersHolder, private ClientDispatch, public TcpClient {");
    expect(src).toContain("~ChatClient() override { close(); }");
    const login = body(src, "Message login(const Login& message) {");
    expect(login).toContain("if (std::holds_alternative<LoginOk>(answer) || std::holds_alternative<ErrorReply>(answer)) return answer;");
    expect(login).toContain("throw UnexpectedAnswer(std::string(Login::kName), std::string(message_name(answer)));");
    expect(src).toContain("void logout(const Logout& message) { send(message); }");
  });
});

describe("the C++ demo", () => {
  it("prints the listening line with the bound port and stops on SIGTERM or SIGINT with exit 0", () => {
    const session = file("sensor-telemetry", "cpp/demo/demo_server.hpp");
    expect(session).toContain("namespace sensor_telemetry::demo {");
    expect(session).toContain("inline std::unique_ptr<sensor_telemetry::SensorTelemetryServer> run_server(");
    expect(session).toContain('out("sensor-telemetry 1.0.0 collector listening on " + host + ":" + std::to_string(bound) + " over TCP");');
    const src = file("sensor-telemetry", "cpp/demo/demo_server.cpp");
    expect(src).toContain('#include "demo_server.hpp"');
    expect(src).toContain("sigaddset(&stop, SIGTERM);");
    expect(src).toContain("sigwait(&stop, &signal);");
    expect(src.indexOf("pthread_sigmask(SIG_BLOCK")).toBeLessThan(src.indexOf("sensor_telemetry::demo::run_server(where.host"));
  });

  it("runs the session of the flow and ends with the done: line, exit 0 only when it completed", () => {
    const session = file("chat", "cpp/demo/demo_client.hpp");
    expect(session).toContain("namespace chat::demo {");
    expect(session).toContain("inline Result converse(chat::ChatClient& client,");
    expect(session).toContain("inline Result run_client(");
    expect(session).toContain('out("done: sent " + std::to_string(result.sent.size())');
    // JoinRoom's answer comes after Typing and SetStatus in the flow: a pending request.
    expect(session).toContain("auto pending_join_room = chat::demo::start(client,");
    expect(session.indexOf("client.typing(")).toBeLessThan(session.indexOf("pending_join_room.await()"));
    const src = file("chat", "cpp/demo/demo_client.cpp");
    expect(src).toContain('#include "demo_client.hpp"');
    expect(src).toContain("chat::demo::run_client(where.host, where.port, chat::demo::say,");
    expect(src).toContain("return result.completed ? 0 : 1;");
  });

  it("keeps only main in the programs: the sessions are inline functions of <ns>::demo in the headers", () => {
    for (const program of ["demo_server", "demo_client"]) {
      const src = file("chat", `cpp/demo/${program}.cpp`);
      expect([...src.matchAll(/^[A-Za-z][^;(]*\b(\w+)\(.*\) \{$/gm)].map((m) => m[1])).toEqual(["main"]);
      expect(src).not.toContain("namespace {");
      const header = file("chat", `cpp/demo/${program}.hpp`);
      expect(header.startsWith("// Generated") && header.includes("#pragma once")).toBe(true);
      // Every function at namespace level is inline (both programs and every facade test include the header).
      const functions = header.split("\n").filter((l) => /^[A-Za-z].*\(/.test(l));
      expect(functions.length).toBeGreaterThan(0);
      for (const line of functions) expect(line).toMatch(/^inline /);
    }
  });

  it("has samples for every message the initiator sends, ids recalled from what the server sent", () => {
    const src = file("chat", "cpp/demo/samples.hpp");
    for (const m of ["login", "resume", "logout", "join_room", "leave_room", "send_message", "set_status", "typing", "kick_user"]) expect(src).toContain(`make_${m}(`);
    expect(src).toContain("inline constexpr std::string_view kTransport = \"tcp\";");
  });

  it("adds two executables, built with the warnings as errors", () => {
    const { cmake } = app("chat").part;
    expect(cmake).toContain("add_executable(demo_server demo/demo_server.cpp)");
    expect(cmake).toContain("add_executable(demo_client demo/demo_client.cpp)");
    expect(cmake).toContain("target_compile_options(demo_client PRIVATE -Wall -Wextra -Wpedantic -Werror)");
  });
});

describe("the C++ README", () => {
  it("says how to build, test under the sanitizers, run the demo, edit the handlers and fuzz", () => {
    const src = file("file-transfer", "cpp/README.md");
    expect(src).toContain("cmake -S . -B build-asan");
    expect(src).toContain("-fsanitize=address,undefined");
    expect(src).toContain("./build/demo_server --port");
    expect(src).toContain("`include/file_transfer/server_handlers.hpp`");
    expect(src).toContain("-DFILE_TRANSFER_FUZZ=ON");
    expect(src).toContain("## TCP");
  });
});
