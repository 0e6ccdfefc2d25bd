// test/tcp_loopback_test.cpp in a TCP project: the TCP runtime over
// 127.0.0.1 against the spec, as the TCP part of Java's TcpTest (test-
// loopback.ts, test-loopback-tcp.ts), without the application: a test
// dispatch answers the probe (the first request a fresh client sends, the
// authentication request when there is one; transport-common/test-plan.ts)
// with a sample of its first response. Many clients at once, the client's
// role machine, a request timeout, connect retries and giving up,
// reconnection, idle timeout, keepalive and shutdown. Every wait is bounded
// (the clients' own timeouts, `eventually` with a deadline); the sleeps are
// the quiet time under test.
import type { FileSet } from "../../index.js";
import { analyse } from "../../transport-common/behaviour.js";
import { createSpecView } from "../../transport-common/context.js";
import { sampleOf } from "../../transport-common/samples.js";
import { planTests, type Probe, type TestPlan } from "../../transport-common/test-plan.js";
import type { SpecView } from "../../transport-common/context.js";
import { printRawStream } from "./tcp-raw-stream.js";
import type { CppModel } from "../model.js";
import { printCppExpr, structExpr } from "../tests/syntax.js";

export const TCP_LOOPBACK_TEST = "test/tcp_loopback_test.cpp";

/** Writes the loopback test when the spec has a probe; returns the test sources for CMake. */
export function tcpLoopbackTests(files: FileSet, model: CppModel): string[] {
  const view = createSpecView(model.spec, { transport: "tcp" }, "cpp");
  const plan = planTests(view, analyse(view));
  const probe = plan.probe;
  if (probe === undefined) return [];
  const { ns } = model;
  tcpTestSupport(files, model, view, plan, probe);
  const f = files.file(`cpp/${TCP_LOOPBACK_TEST}`, "cpp");
  f.print("#include <gtest/gtest.h>");
  f.print();
  for (const h of ["array", "asio.hpp", "chrono", "cstdint", "future", "memory", "string", "thread", "vector"]) f.print(`#include <${h}>`);
  f.print();
  f.print('#include "tcp_test_support.hpp"');
  f.print();
  f.print(`using namespace ${ns};`);
  f.print(`using namespace ${ns}::tcp_test;`);
  f.print("using namespace std::chrono_literals;");
  const test = (name: string, body: string): void => {
    f.print();
    f.block(`TEST(TcpLoopback, ${name}) {`, () => {
      for (const line of body.trim().split("\n")) f.print(line.replace(/^ {6}/, ""));
    });
  };
  test(
    "ManyClientsAtOnce",
    `
      ProbeHandlers handlers;
      TcpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      std::vector<std::future<void>> sessions;
      for (int i = 0; i < 20; ++i) {
        sessions.push_back(std::async(std::launch::async, [port] {
          TcpClient client("127.0.0.1", port);
          client.connect();
          probe(client);
          client.close();
        }));
      }
      for (auto& s : sessions) {
        ASSERT_EQ(s.wait_for(kTimeout), std::future_status::ready);
        s.get();
      }
      server.stop();`,
  );
  if (plan.second !== undefined) {
    test(
      "TheClientRefusesAMessageItsStateDoesNotAllow",
      `
      ProbeHandlers handlers;
      TcpServer server(handlers);
      TcpClient client("127.0.0.1", server.start("127.0.0.1", 0));
      client.connect();
      const std::string state = client.state();
      EXPECT_THROW(client.request(make_second()), StateError);
      EXPECT_EQ(client.state(), state);
      probe(client);
      client.close();
      server.stop();`,
    );
  }
  if (probe.prefix.length === 0) {
    test(
      "ARequestTimesOutWhenNoAnswerComes",
      `
      ProbeHandlers slow(1000ms);
      TcpServer server(slow);
      auto options = ClientOptions::defaults();
      options.request_timeout = 200ms;
      TcpClient client("127.0.0.1", server.start("127.0.0.1", 0), nullptr, options);
      client.connect();
      EXPECT_THROW(client.request(make_probe()), RequestTimeout);
      client.close();
      server.stop();`,
    );
  }
  test(
    "ConnectingGivesUpAfterItsAttempts",
    `
      auto options = ClientOptions::defaults();
      options.retry = fast_retry();
      options.connect_timeout = 500ms;
      TcpClient client("127.0.0.1", free_port(), nullptr, options);
      EXPECT_THROW(client.connect(), ConnectFailed);
      EXPECT_FALSE(client.connected());`,
  );
  test(
    "ConnectingRetriesWithBackoffUntilTheServerIsUp",
    `
      const auto port = free_port();
      auto options = ClientOptions::defaults();
      options.retry = patient_retry();
      TcpClient client("127.0.0.1", port, nullptr, options);
      auto connecting = std::async(std::launch::async, [&client] { client.connect(); });
      std::this_thread::sleep_for(200ms);  // the first attempts find nobody
      ProbeHandlers handlers;
      TcpServer server(handlers);
      server.start("127.0.0.1", port);
      ASSERT_EQ(connecting.wait_for(kTimeout), std::future_status::ready);
      connecting.get();
      probe(client);
      client.close();
      server.stop();`,
  );
  test(
    "TheClientReconnectsAfterLosingTheConnection",
    `
      const auto port = free_port();
      ProbeHandlers handlers;
      auto first = std::make_unique<TcpServer>(handlers);
      first->start("127.0.0.1", port);
      auto options = ClientOptions::defaults();
      options.auto_reconnect = true;
      options.retry = patient_retry();
      TcpClient client("127.0.0.1", port, nullptr, options);
      client.connect();
      probe(client);
      first->stop();
      EXPECT_TRUE(eventually([&] { return !client.connected(); })) << "the client noticed the lost connection";
      TcpServer second(handlers);
      second.start("127.0.0.1", port);
      EXPECT_TRUE(eventually([&] { return client.connected(); })) << "the client connected again";
      probe(client);
      client.close();
      second.stop();`,
  );
  test(
    "ASilentConnectionIsClosedAfterTheIdleTimeout",
    `
      ProbeHandlers handlers;
      auto options = ServerOptions::defaults();
      options.idle_timeout = 300ms;
      options.keepalive_interval = 100ms;
      TcpServer server(handlers, options);
      const auto port = server.start("127.0.0.1", 0);
      asio::io_context io;
      asio::ip::tcp::socket socket(io);
      socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
      // PINGs from the server arrive; nobody answers them, so the server ends the connection.
      const auto deadline = std::chrono::steady_clock::now() + kTimeout;
      asio::error_code ec;
      std::array<std::uint8_t, 256> buffer{};
      std::size_t pings = 0;
      while (!ec && std::chrono::steady_clock::now() < deadline) {
        const auto n = socket.read_some(asio::buffer(buffer), ec);
        if (n >= kHeaderBytes && buffer[3] == kFlagPing) ++pings;
      }
      EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
      EXPECT_GE(pings, 1u);
      server.stop();`,
  );
  test(
    "KeepaliveKeepsAQuietClientConnected",
    `
      ProbeHandlers handlers;
      auto server_options = ServerOptions::defaults();
      server_options.idle_timeout = 400ms;
      server_options.keepalive_interval = 100ms;
      TcpServer server(handlers, server_options);
      auto options = ClientOptions::defaults();
      options.idle_timeout = 400ms;
      options.keepalive_interval = 100ms;
      TcpClient client("127.0.0.1", server.start("127.0.0.1", 0), nullptr, options);
      client.connect();
      std::this_thread::sleep_for(1200ms);  // three idle timeouts without a message
      EXPECT_TRUE(client.connected());
      probe(client);
      client.close();
      server.stop();`,
  );
  test(
    "ClosingTheServerClosesItsConnections",
    `
      ProbeHandlers handlers;
      TcpServer server(handlers);
      TcpClient client("127.0.0.1", server.start("127.0.0.1", 0));
      client.connect();
      probe(client);
      server.stop();
      EXPECT_TRUE(eventually([&] { return !client.connected(); })) << "the client saw the server close";
      EXPECT_EQ(server.sessions().size(), 0u);
      client.close();`,
  );
  f.finish();
  return [TCP_LOOPBACK_TEST];
}

export const TCP_TEST_SUPPORT = "test/tcp_test_support.hpp";

/** test/tcp_test_support.hpp: the probe and its answer, a dispatch answering it, a raw stream, bounded waits. */
function tcpTestSupport(files: FileSet, model: CppModel, view: SpecView, plan: TestPlan, probe: Probe): void {
  const { ns } = model;
  const T = (name: string): string => model.typeName(name);
  const f = files.file(`cpp/${TCP_TEST_SUPPORT}`, "cpp");
  f.preamble("#pragma once");
  f.print("#include <gtest/gtest.h>");
  f.print();
  for (const h of ["array", "asio.hpp", "chrono", "cstdint", "functional", "optional", "span", "string", "thread", "vector"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of ["codec", "tcp_client", "tcp_server", "wire"]) f.print(`#include "${ns}/${h}.hpp"`);
  f.print();
  f.print(`namespace ${ns}::tcp_test {`);
  f.print();
  f.print("using namespace std::chrono_literals;");
  f.print();
  f.print("inline constexpr auto kTimeout = 5000ms;");
  f.print();
  f.doc(`The probe, ${probe.request.name}, as a fresh client sends it.`);
  f.block(`inline ${T(probe.request.name)} make_probe() {`, () =>
    printCppExpr(f, 1, ["return "], structExpr(model, probe.request.name, sampleOf(view, probe.request.name, { optionals: true, self: true })), ";"),
  );
  f.print();
  f.doc(`What a working server answers it: ${probe.ok.name}.`);
  f.block(`inline ${T(probe.ok.name)} make_ok() {`, () =>
    printCppExpr(f, 1, ["return "], structExpr(model, probe.ok.name, sampleOf(view, probe.ok.name, { optionals: false, self: false })), ";"),
  );
  f.print();
  if (plan.second !== undefined) {
    const second = plan.second;
    f.doc(`A request a fresh session may not send yet: ${second.name}.`);
    f.block(`inline ${T(second.name)} make_second() {`, () =>
      printCppExpr(f, 1, ["return "], structExpr(model, second.name, sampleOf(view, second.name, { optionals: false, self: false })), ";"),
    );
    f.print();
  }
  f.doc("Answers the probe (after `delay`); the other messages get no answer.");
  f.block("class ProbeHandlers : public ServerDispatch {", () => {
    f.print(" public:");
    f.print("explicit ProbeHandlers(std::chrono::milliseconds delay = 0ms) : delay_(delay) {}");
    f.block("std::optional<Message> dispatch(ServerSession&, const Message& message) override {", () => {
      f.print(`if (!std::holds_alternative<${T(probe.request.name)}>(message)) return std::nullopt;`);
      f.print("if (delay_.count() > 0) std::this_thread::sleep_for(delay_);");
      f.print("return make_ok();");
    });
    f.print();
    f.print(" private:");
    f.print("std::chrono::milliseconds delay_;");
  }, "};");
  f.print();
  f.doc("Sends what the flow sends before the probe, then the probe; the answer must be the first response.");
  f.block("inline void probe(TcpClient& client) {", () => {
    for (const m of probe.prefix) {
      printCppExpr(f, 1, ["client.send("], structExpr(model, m.name, sampleOf(view, m.name, { optionals: true, self: true })), ");");
    }
    f.print("const Message answer = client.request(make_probe());");
    f.print(`EXPECT_TRUE(std::holds_alternative<${T(probe.ok.name)}>(answer)) << describe(answer);`);
  });
  f.print();
  f.doc("A TCP port nothing listens on (at the moment).");
  f.block("inline std::uint16_t free_port() {", () => {
    f.print("asio::io_context io;");
    f.print("asio::ip::tcp::acceptor probe(io, asio::ip::tcp::endpoint(asio::ip::make_address(\"127.0.0.1\"), 0));");
    f.print("return probe.local_endpoint().port();");
  });
  f.print();
  f.doc("Whether `condition` holds within the timeout (polled).");
  f.block("inline bool eventually(const std::function<bool()>& condition) {", () => {
    f.print("const auto deadline = std::chrono::steady_clock::now() + kTimeout;");
    f.block("while (std::chrono::steady_clock::now() < deadline) {", () => {
      f.print("if (condition()) return true;");
      f.print("std::this_thread::sleep_for(10ms);");
    });
    f.print("return condition();");
  });
  f.print();
  f.print("inline RetryPolicy fast_retry() { return RetryPolicy{3, 20, 40, 2.0}; }");
  f.print("inline RetryPolicy patient_retry() { return RetryPolicy{10, 50, 200, 2.0}; }");
  f.print();
  printRawStream(f);
  f.print();
  f.doc("A fresh client completes the probe: the server still serves.");
  f.block("inline void assert_serves(std::uint16_t port) {", () => {
    f.print('TcpClient client("127.0.0.1", port);');
    f.print("client.connect();");
    f.print("probe(client);");
    f.print("client.close();");
  });
  f.print();
  f.print(`}  // namespace ${ns}::tcp_test`);
  f.finish();
}
