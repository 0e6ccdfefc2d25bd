// The UDP transport's GoogleTests in the project (test/udp_loopback_test.cpp),
// the C++ port of Java's UdpTest (src/emit/java/transport/
// test-loopback-datagram.ts) over the generated facades on 127.0.0.1: the
// probe (the first request of a session, after its oneways) is answered, a
// PING from an address without a session gets a PONG and opens none, a silent
// peer is forgotten after the idle timeout, keepalive keeps a quiet peer
// known, stopping the server forgets its sessions, a client with
// auto_reconnect whose server went silent opens a new socket, runs
// on_reconnect and is served again; and, when the probe is a
// reliable request sent first, a lost request is retransmitted, a duplicate is
// acknowledged and answered again but handled once, and delivery fails after
// the last attempt (loss simulated with drop_outgoing). Every wait is bounded;
// only outcomes and counts are checked.
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { analyse } from "../../transport-common/behaviour.js";
import { planTests, type Probe } from "../../transport-common/test-plan.js";
import { demoTargets } from "../app/demo-names.js";
import { clientClass, clientMethods, cppView, makeMethod, serverClass, specType, type CppView } from "../app/view.js";
import type { CppModel } from "../model.js";

export const UDP_LOOPBACK_TEST = "test/udp_loopback_test.cpp";

export function udpLoopbackTests(files: FileSet, model: CppModel): string[] {
  const view = cppView(model, "udp");
  const plan = planTests(view, analyse(view));
  const f = files.file(`cpp/${UDP_LOOPBACK_TEST}`, "cpp");
  head(f, view);
  const probe = plan.probe;
  if (probe === undefined) {
    pingOnly(f, view);
  } else {
    support(f, view, probe);
    common(f, view, probe);
    reconnect(f, view, probe);
    if (probe.prefix.length === 0 && probe.request.reliable) reliable(f, view, probe);
  }
  f.print();
  f.print("}  // namespace");
  f.print(`}  // namespace ${view.ns}`);
  f.finish();
  return [UDP_LOOPBACK_TEST];
}

/** Prints a block of C++ written flush left in a template literal (its first and last empty lines dropped). */
export function lines(f: FileBuilder, text: string): void {
  for (const line of text.replace(/^\n/, "").replace(/\n\s*$/, "").split("\n")) f.print(line);
}

function head(f: FileBuilder, view: CppView): void {
  const { ns } = view;
  const demo = demoTargets(view);
  lines(
    f,
    `
// The UDP transport over real datagrams on 127.0.0.1 (docs/wire-format.md 10.2).
#include <gtest/gtest.h>

#include <asio.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

#include "${ns}/${demo.clientHeader}"
#include "${ns}/codec.hpp"
#include "${ns}/${demo.serverHeader}"
#include "${ns}/transport_error.hpp"
#include "../${demo.dir}/samples.hpp"

namespace ${ns} {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

/** Whether \`done\` holds within 5 s (checked every 10 ms). */
bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

/** Sends one datagram to 127.0.0.1:\`port\` from a socket of its own and returns what comes back within \`wait\` (empty: nothing). */
Bytes round_trip(std::uint16_t port, const Bytes& datagram, std::chrono::milliseconds wait = 2000ms) {
  asio::io_context io;
  asio::ip::udp::socket socket(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  socket.send_to(asio::buffer(datagram), asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  std::array<std::uint8_t, 2048> buffer{};
  Bytes got;
  asio::ip::udp::endpoint from;
  socket.async_receive_from(asio::buffer(buffer), from, [&](const asio::error_code& error, std::size_t n) {
    if (!error) got.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
  });
  io.run_for(wait);
  return got;
}

/** A PING with sequence \`seq\` (no payload). */
Bytes ping(std::uint32_t seq) { return encode_control(ControlKind::kPing, seq, false); }`,
  );
}

function pingTest(f: FileBuilder, view: CppView): void {
  lines(
    f,
    `

TEST(UdpLoopback, APingFromAnAddressWithoutASessionGetsAPongAndOpensNone) {
  ${serverClass(view)} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  const Bytes pong = round_trip(port, ping(7));
  EXPECT_EQ(pong, encode_control(ControlKind::kPong, 7, false));
  EXPECT_EQ(round_trip(port, Bytes{0x50, 0x46, 0x01}, 300ms), Bytes{});  // not one frame: dropped, no session
  EXPECT_EQ(server.sessions().size(), 0u);
  server.stop();
}`,
  );
}

function pingOnly(f: FileBuilder, view: CppView): void {
  pingTest(f, view);
}

function call(view: CppView, m: Message): string {
  const method = clientMethods(view).get(m.name) ?? "";
  return `client.${method}(demo::${makeMethod(view, m)}(&client))`;
}

function support(f: FileBuilder, view: CppView, probe: Probe): void {
  const client = clientClass(view);
  lines(
    f,
    `

/** The start of a session: ${[...probe.prefix.map((m) => `${m.name}, `), probe.request.name].join("")}; the answer to ${probe.request.name}. */
Message probe(${client}& client) {
${probe.prefix.map((m) => `  ${call(view, m)};`).join("\n")}${probe.prefix.length > 0 ? "\n" : ""}  return Message(${call(view, probe.request)});
}

/** A connected client of \`port\` with \`options\`. */
std::unique_ptr<${client}> connected(std::uint16_t port, ClientOptions options = ClientOptions::defaults()) {
  auto client = std::make_unique<${client}>("127.0.0.1", port, std::make_shared<ClientHandlers>(), std::move(options));
  client->connect();
  return client;
}`,
  );
}

function common(f: FileBuilder, view: CppView, probe: Probe): void {
  const server = serverClass(view);
  const ok = specType(view, probe.ok.name);
  pingTest(f, view);
  lines(
    f,
    `

TEST(UdpLoopback, TheProbeIsAnsweredAndItsAddressIsOneSession) {
  ${server} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto client = connected(port);
  EXPECT_TRUE(std::holds_alternative<${ok}>(probe(*client)));
  EXPECT_EQ(server.sessions().size(), 1u);
  client->close();
  server.stop();
}

TEST(UdpLoopback, ASilentPeerIsForgottenAfterTheIdleTimeout) {
  auto options = ServerOptions::defaults();
  options.idle_timeout = 300ms;
  options.keepalive_interval = 100ms;
  ${server} server(std::make_shared<ServerHandlers>(), options);
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto client = connected(port);
  probe(*client);
  EXPECT_EQ(server.sessions().size(), 1u);
  client->drop_outgoing([](const Bytes&) { return true; });  // from now on nothing of the client arrives
  EXPECT_TRUE(eventually([&] { return server.sessions().empty(); })) << "the server forgot the silent peer";
  client->close();
  server.stop();
}

TEST(UdpLoopback, KeepaliveKeepsAQuietPeerKnown) {
  auto server_options = ServerOptions::defaults();
  server_options.idle_timeout = 400ms;
  server_options.keepalive_interval = 100ms;
  ${server} server(std::make_shared<ServerHandlers>(), server_options);
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto client_options = ClientOptions::defaults();
  client_options.idle_timeout = 400ms;
  client_options.keepalive_interval = 100ms;
  auto client = connected(port, client_options);
  probe(*client);
  std::this_thread::sleep_for(1200ms);  // three idle timeouts without a message
  EXPECT_EQ(server.sessions().size(), 1u);
  EXPECT_TRUE(client->connected());
  client->close();
  server.stop();
}

TEST(UdpLoopback, StoppingTheServerForgetsItsSessions) {
  ${server} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto client = connected(port);
  probe(*client);
  EXPECT_EQ(server.sessions().size(), 1u);
  server.stop();
  EXPECT_EQ(server.sessions().size(), 0u);
  client->close();
}`,
  );
}

function reliable(f: FileBuilder, view: CppView, probe: Probe): void {
  const server = serverClass(view);
  const ok = specType(view, probe.ok.name);
  const request = specType(view, probe.request.name);
  lines(
    f,
    `

/** Loses the first \`count\` outgoing datagrams that \`match\` (loss simulation). */
struct Loss {
  Loss(std::function<bool(const Bytes&)> m, int count) : match(std::move(m)), remaining(count) {}
  bool operator()(const Bytes& data) {
    std::lock_guard<std::mutex> lock(mutex);
    if (remaining > 0 && match(data)) {
      --remaining;
      ++dropped;
      return true;
    }
    return false;
  }
  std::function<bool(const Bytes&)> match;
  std::mutex mutex;
  int remaining;
  int dropped = 0;
};

bool is_ack(const Bytes& data) { return data.size() > 3 && (data[3] & kFlagAck) != 0; }
bool is_answer(const Bytes& data) { return data.size() > 3 && (data[3] & kFlagResponse) != 0 && (data[3] & kFlagAck) == 0; }

/** How often the server's handlers handled ${probe.request.name}. */
std::size_t handled(const ServerHandlers& handlers) {
  std::size_t n = 0;
  for (const auto& m : handlers.received()) n += std::holds_alternative<${request}>(m) ? 1 : 0;
  return n;
}

TEST(UdpLoopback, ALostRequestIsRetransmittedAndHandledOnce) {
  auto handlers = std::make_shared<ServerHandlers>();
  ${server} server(handlers);
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto client = connected(port);
  auto loss = std::make_shared<Loss>([](const Bytes& data) { return !is_ack(data); }, 1);
  client->drop_outgoing([loss](const Bytes& data) { return (*loss)(data); });
  EXPECT_TRUE(std::holds_alternative<${ok}>(probe(*client)));
  EXPECT_EQ(loss->dropped, 1);
  EXPECT_EQ(handled(*handlers), 1u);
  client->close();
  server.stop();
}

TEST(UdpLoopback, ADuplicateIsAcknowledgedAndAnsweredAgainButHandledOnce) {
  auto handlers = std::make_shared<ServerHandlers>();
  ${server} server(handlers);
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto loss = std::make_shared<Loss>([](const Bytes& data) { return is_ack(data) || is_answer(data); }, 2);
  server.drop_outgoing([loss](const Bytes& data) { return (*loss)(data); });
  auto client = connected(port);
  EXPECT_TRUE(std::holds_alternative<${ok}>(probe(*client)));
  EXPECT_EQ(loss->dropped, 2);
  EXPECT_EQ(handled(*handlers), 1u);
  client->close();
  server.stop();
}

TEST(UdpLoopback, DeliveryFailsAfterTheLastAttempt) {
  ${server} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  server.drop_outgoing([](const Bytes&) { return true; });
  auto options = ClientOptions::defaults();
  options.retry = RetryPolicy{.max_attempts = 3, .initial_backoff_ms = 20, .max_backoff_ms = 40, .multiplier = 2};
  options.request_timeout = 5000ms;
  auto client = connected(port, options);
  EXPECT_THROW(probe(*client), DeliveryFailed);
  client->close();
  server.stop();
}`,
  );
}

/** auto_reconnect over UDP: the keepalive gives up on a silent server, a new socket (a new session) follows, on_reconnect runs. */
function reconnect(f: FileBuilder, view: CppView, probe: Probe): void {
  const server = serverClass(view);
  lines(
    f,
    `

TEST(UdpLoopback, TheClientReconnectsAfterTheServerWentSilent) {
  ${server} server;
  const std::uint16_t port = server.start("127.0.0.1", 0);
  auto options = ClientOptions::defaults();
  options.auto_reconnect = true;
  options.idle_timeout = 500ms;
  options.keepalive_interval = 100ms;
  auto client = connected(port, options);
  std::atomic<int> reconnections{0};
  // The server speaks again as soon as the new socket is open (before the new channel's idle timeout could run out).
  client->on_reconnect([&] {
    server.drop_outgoing({});
    ++reconnections;
  });
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(probe(*client)));
  server.drop_outgoing([](const Bytes&) { return true; });  // silent from now on: no PONG, no answer reaches the client
  EXPECT_TRUE(eventually([&] { return reconnections.load() >= 1; })) << "the client gave up on the silent server and reconnected";
  client->reconnected();
  EXPECT_TRUE(client->connected());
  // A new socket is a new address, so a new session, and the client's role machine starts again: the probe is answered.
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(probe(*client)));
  EXPECT_EQ(reconnections.load(), 1);
  client->close();
  server.stop();
}`,
  );
}
