// test/udp_robustness_test.cpp in a UDP project, as Java's RobustnessTest
// over UDP (src/emit/java/transport/test-robustness.ts, RawPeer): a raw peer
// on 127.0.0.1 sends hostile datagrams — garbage, a truncated header, a wrong
// version, invalid flags, a length that disagrees with the datagram, an
// oversized length, a huge datagram, a truncated frame, duplicates, an
// invalid payload, a message before the probe, a flood over the rate limit —
// and gets what docs/wire-format.md 10.2 and 10.4 say: a datagram that is not
// one well-formed frame is dropped, never acknowledged and opens no session;
// a RELIABLE frame is acknowledged each time and handled once; an undecodable
// payload is answered with the spec's error message; the session goes on.
// A client connected before the hostile traffic still completes the probe
// after it.
//
// Nothing waits for something that must not come: after the hostile
// datagrams the raw peer sends a PING and reads up to its PONG. The server
// reads one address's datagrams in order and sends their ACKs, repeated
// answers and PONGs at once, so what precedes the PONG is exactly what the
// hostile datagrams got. What a handler does is ordered by the session's
// strand: a probe answered afterwards proves nothing before it was handled.
import { ERROR_CODE_TYPE } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { analyse } from "../../transport-common/behaviour.js";
import { planTests, type Probe, type TestPlan } from "../../transport-common/test-plan.js";
import { demoTargets } from "../app/demo-names.js";
import { clientClass, clientMethods, cppView, makeMethod, serverClass, specType, type CppView } from "../app/view.js";
import type { CppModel } from "../model.js";
import { lines } from "./udp-loopback.js";

export const UDP_ROBUSTNESS_TEST = "test/udp_robustness_test.cpp";

export function udpRobustnessTests(files: FileSet, model: CppModel): string[] {
  const view = cppView(model, "udp");
  const behaviour = analyse(view);
  const plan = planTests(view, behaviour);
  const f = files.file(`cpp/${UDP_ROBUSTNESS_TEST}`, "cpp");
  head(f, view, plan);
  headerTests(f, view);
  const probe = plan.probe;
  // The raw peer speaks the probe itself only when it is the session's first message.
  if (probe !== undefined && probe.prefix.length === 0) {
    rawProbeTests(f, view, probe);
    if (probe.request.reliable) duplicateTest(f, view, probe);
    if (plan.second !== undefined) outOfOrderTest(f, view, plan, probe);
    const rate = behaviour.codes.get("rate_limited");
    const error = probe.error;
    const codeField = error?.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
    if (plan.rateLimited && plan.rateAnswerable && error !== undefined && codeField !== undefined && rate !== undefined) {
      const limited = `e->${model.member(error.name, codeField.name)} == ${model.typeName(ERROR_CODE_TYPE)}::${model.enumerator(ERROR_CODE_TYPE, rate)}`;
      floodTest(f, view, probe, specType(view, error.name), limited);
    }
  }
  f.print();
  f.print("}  // namespace");
  f.print(`}  // namespace ${view.ns}`);
  f.finish();
  return [UDP_ROBUSTNESS_TEST];
}

function head(f: FileBuilder, view: CppView, plan: TestPlan): void {
  const { ns } = view;
  const demo = demoTargets(view);
  const client = clientClass(view);
  const probe = plan.probe;
  const call = (m: { name: string }): string => `client.${clientMethods(view).get(m.name) ?? ""}(demo::${makeMethod(view, view.message(m.name))}(&client))`;
  lines(
    f,
    `
// Hostile datagrams against the UDP server on 127.0.0.1 (docs/wire-format.md 10.2, 10.4).
#include <gtest/gtest.h>

#include <asio.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "${ns}/${demo.clientHeader}"
#include "${ns}/codec.hpp"
#include "${ns}/${demo.serverHeader}"
#include "../${demo.dir}/samples.hpp"

namespace ${ns} {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;

/** Upper bound of every wait for something that must come. */
constexpr std::chrono::milliseconds kWait{5000};
/** The largest UDP payload over IPv4. */
constexpr std::size_t kHugeDatagram = 65507;

/** A UDP socket that talks to the server on \`port\` only: datagrams as they are, never an ACK. */
class RawPeer {
 public:
  explicit RawPeer(std::uint16_t port) : socket_(io_) {
    const auto loopback = asio::ip::make_address("127.0.0.1");
    socket_.open(asio::ip::udp::v4());
    socket_.bind(asio::ip::udp::endpoint(loopback, 0));
    socket_.connect(asio::ip::udp::endpoint(loopback, port));
  }

  void send(const Bytes& datagram) { socket_.send(asio::buffer(datagram)); }

  /** The next datagram, or nothing when none comes within kWait. */
  std::optional<Bytes> datagram() {
    std::optional<Bytes> got;
    socket_.async_receive(asio::buffer(buffer_), [&](const asio::error_code& error, std::size_t n) {
      if (!error) got = Bytes(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    });
    io_.restart();
    io_.run_for(kWait);
    if (!io_.stopped()) {
      socket_.cancel();  // the receive completes (aborted, or with a datagram that came just now)
      io_.restart();
      io_.run();
    }
    return got;
  }

  /** Sends a PING with \`seq\` and returns every datagram that came before its PONG (the server's own PINGs left out); fails when no PONG comes. */
  std::vector<Bytes> until_pong(std::uint32_t seq) {
    send(encode_control(ControlKind::kPing, seq, false));
    const Bytes pong = encode_control(ControlKind::kPong, seq, false);
    std::vector<Bytes> before;
    for (int i = 0; i < 10000; ++i) {
      auto data = datagram();
      if (!data) break;
      if (*data == pong) return before;
      if (!is_ping(*data)) before.push_back(std::move(*data));
    }
    ADD_FAILURE() << "no PONG " << seq << " came";
    return before;
  }

  /** The next answer with sequence number \`seq\` (ACKs, PINGs, other answers and the server's own messages skipped), or nothing within kWait each. */
  std::optional<Frame> answer_to(std::uint32_t seq) {
    for (int i = 0; i < 10000; ++i) {
      auto data = datagram();
      if (!data) return std::nullopt;
      if (!is_answer(*data)) continue;
      Frame frame = decode_frame(*data);
      if (frame.seq == seq) return frame;
    }
    return std::nullopt;
  }

  static bool is_ping(const Bytes& data) { return data.size() == kHeaderBytes && data[3] == kFlagPing; }
  /** An answer: a message frame with the RESPONSE bit (not an ACK, PING or PONG, nor a message the server sends on its own). */
  static bool is_answer(const Bytes& data) {
    return data.size() >= kHeaderBytes && (data[3] & kFlagResponse) != 0 && (data[3] & (kFlagAck | kFlagPing | kFlagPong)) == 0;
  }

 private:
  asio::io_context io_;
  asio::ip::udp::socket socket_;
  std::array<std::uint8_t, 65536> buffer_{};
};

/** The ACK of sequence number \`seq\` (of a request: no RESPONSE bit). */
Bytes ack_of(std::uint32_t seq) { return encode_control(ControlKind::kAck, seq, false); }

/** A frame header as it is, checked by nobody. */
Bytes header(std::uint8_t flags, std::uint16_t message_id, std::uint32_t seq, std::uint32_t length) {
  return Bytes{0x50, 0x46, kWireVersion, flags, static_cast<std::uint8_t>(message_id >> 8), static_cast<std::uint8_t>(message_id),
               static_cast<std::uint8_t>(seq >> 24), static_cast<std::uint8_t>(seq >> 16), static_cast<std::uint8_t>(seq >> 8),
               static_cast<std::uint8_t>(seq), static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
               static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

/** \`frame\` with its length field moved by \`delta\` (the datagram stays as it is). */
Bytes with_length(Bytes frame, int delta) {
  const std::uint32_t length = (static_cast<std::uint32_t>(frame[10]) << 24) | (static_cast<std::uint32_t>(frame[11]) << 16) |
                               (static_cast<std::uint32_t>(frame[12]) << 8) | frame[13];
  const std::uint32_t moved = length + static_cast<std::uint32_t>(delta);
  for (int i = 0; i < 4; ++i) frame[static_cast<std::size_t>(10 + i)] = static_cast<std::uint8_t>(moved >> (24 - 8 * i));
  return frame;
}

/** The first \`n\` bytes of \`data\`. */
Bytes first(const Bytes& data, std::size_t n) { return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(std::min(n, data.size()))); }`,
  );
  if (probe !== undefined) {
    lines(
      f,
      `

/** The probe: ${probe.request.name}, as a fresh client's first request. */
${specType(view, probe.request.name)} make_probe() { return demo::${makeMethod(view, probe.request)}(); }

/** The probe's flags on the wire: ${probe.request.reliable ? "RELIABLE, as the spec marks it" : "none (the spec does not mark it reliable)"}. */
constexpr std::uint8_t kProbeFlags = ${probe.request.reliable ? "kFlagReliable" : "0"};

/** The start of a session over the facade: ${[...probe.prefix.map((m) => `${m.name}, `), probe.request.name].join("")}; the answer. */
Message probe(${client}& client) {
${probe.prefix.map((m) => `  ${call(m)};`).join("\n")}${probe.prefix.length > 0 ? "\n" : ""}  return Message(${call(probe.request)});
}`,
    );
  }
  const serves =
    probe === undefined
      ? "  (void)port;  // no request to probe the server with: the PING of until_pong showed it answers"
      : `  ${client} client("127.0.0.1", port, std::make_shared<ClientHandlers>());
  client.connect();
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(probe(client))) << "a well-behaved client is served";
  client.close();`;
  lines(
    f,
    `

/** A fresh client completes the probe. */
void assert_serves(std::uint16_t port) {
${serves}
}

/** The server under test: the default handlers, the spec's options with a rate limit of 2 per second, bursts of 4. */
class UdpRobustness : public ::testing::Test {
 protected:
  UdpRobustness() : server_(handlers_, limited()) { port_ = server_.start("127.0.0.1", 0); }
  ~UdpRobustness() override { server_.stop(); }

  static ServerOptions limited() {
    auto options = ServerOptions::defaults();
    options.rate_limit.emplace(2.0, 4);
    return options;
  }

  /** Messages the handlers got, all sessions together. */
  std::size_t handled() const { return handlers_->received().size(); }

  std::shared_ptr<ServerHandlers> handlers_ = std::make_shared<ServerHandlers>();
  ${serverClass(view)} server_;
  std::uint16_t port_ = 0;
};`,
  );
}

/** Datagrams that are not one well-formed frame: dropped, never acknowledged, no session (no probe needed). */
function headerTests(f: FileBuilder, view: CppView): void {
  const dropped = (name: string, doc: string, datagrams: string): void =>
    lines(
      f,
      `

/** ${doc}: dropped without an answer or an ACK, and no session opened. */
TEST_F(UdpRobustness, ${name}) {
  RawPeer raw(port_);
${datagrams}
  EXPECT_EQ(raw.until_pong(77), std::vector<Bytes>{});
  EXPECT_EQ(server_.sessions().size(), 0u);
  EXPECT_EQ(handled(), 0u);
  assert_serves(port_);
}`,
    );
  dropped("GarbageIsDropped", "Bytes that are not a frame, not even a header", '  const std::string text = "this is not a frame, not even a header";\n  raw.send(Bytes(text.begin(), text.end()));');
  dropped("ATruncatedHeaderIsDropped", "Nine bytes of a header", "  raw.send(first(header(kFlagReliable, 1, 1, 0), 9));");
  dropped(
    "AWrongMagicOrVersionIsDropped",
    "A header of another protocol, and one of the next wire version",
    "  Bytes magic = header(kFlagReliable, 1, 1, 0);\n  magic[1] = 0x47;\n  raw.send(magic);\n  Bytes version = header(kFlagReliable, 1, 1, 0);\n  version[2] = static_cast<std::uint8_t>(kWireVersion + 1);\n  raw.send(version);",
  );
  dropped(
    "InvalidFlagsAreDropped",
    "RELIABLE with ACK, an unknown bit, PING with RESPONSE",
    "  raw.send(header(kFlagReliable | kFlagAck, 1, 1, 0));\n  raw.send(header(0x80, 1, 2, 0));\n  raw.send(header(kFlagPing | kFlagResponse, 0, 3, 0));",
  );
  dropped(
    "ALengthThatDisagreesWithTheDatagramIsDropped",
    "A header whose length is one more, and one less, than the bytes that follow",
    "  Bytes longer = header(kFlagReliable, 1, 1, 4);\n  longer.insert(longer.end(), {1, 2, 3});\n  raw.send(longer);\n  Bytes shorter = header(kFlagReliable, 1, 2, 2);\n  shorter.insert(shorter.end(), {1, 2, 3});\n  raw.send(shorter);",
  );
  dropped(
    "AnOversizedLengthIsDropped",
    "A header announcing more than the frame limit",
    "  raw.send(header(kFlagReliable, 1, 1, static_cast<std::uint32_t>(kMaxFrameBytes - kHeaderBytes + 1)));",
  );
  lines(
    f,
    `

/** The largest datagram UDP carries, its header announcing every byte of it, to a server whose frame limit is below it: dropped, no session. */
TEST(UdpRobustnessHuge, AHugeDatagramIsDropped) {
  auto options = ServerOptions::defaults();
  options.max_frame_bytes = std::min<std::size_t>(options.max_frame_bytes, 4096);
  ${serverClass(view)} server(std::make_shared<ServerHandlers>(), options);
  const std::uint16_t port = server.start("127.0.0.1", 0);
  RawPeer raw(port);
  Bytes huge = header(kFlagReliable, 1, 1, static_cast<std::uint32_t>(kHugeDatagram - kHeaderBytes));
  huge.resize(kHugeDatagram, 0xAB);
  raw.send(huge);
  EXPECT_EQ(raw.until_pong(77), std::vector<Bytes>{});
  EXPECT_EQ(server.sessions().size(), 0u);
  assert_serves(port);
  server.stop();
}`,
  );
}

function rawProbeTests(f: FileBuilder, view: CppView, probe: Probe): void {
  const ok = specType(view, probe.ok.name);
  const ack = probe.request.reliable;
  lines(
    f,
    `

/** Half of a sound ${probe.request.name} frame: dropped, never acknowledged; the whole frame afterwards is answered. */
TEST_F(UdpRobustness, ATruncatedFrameIsDroppedAndTheWholeOneAnswered) {
  RawPeer raw(port_);
  const Bytes frame = encode_frame(make_probe(), 1, kProbeFlags);
  raw.send(first(frame, frame.size() / 2));
  EXPECT_EQ(raw.until_pong(77), std::vector<Bytes>{});
  EXPECT_EQ(server_.sessions().size(), 0u);
  raw.send(frame);
  const auto answer = raw.answer_to(1);
  ASSERT_TRUE(answer.has_value() && answer->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${ok}>(*answer->message)) << message_name(*answer->message);
  EXPECT_EQ(handled(), 1u);
  assert_serves(port_);
}

/** A peer that sends ${probe.request.name} and is gone before the answer: the server goes on serving. */
TEST_F(UdpRobustness, APeerThatVanishesMidRequestLeavesTheServerServing) {
  {
    RawPeer raw(port_);
    raw.send(encode_frame(make_probe(), 1, kProbeFlags));
  }
  assert_serves(port_);
}

/** ${probe.request.name} with a trailing byte: ${ack ? "acknowledged, " : ""}${probe.error !== undefined ? `refused with ${probe.error.name} on its sequence number` : "dropped"}, never handled; the session goes on. */
TEST_F(UdpRobustness, AnInvalidPayloadIsRefusedAndThePeerGoesOn) {
  RawPeer raw(port_);
  const Bytes frame = encode_frame(make_probe(), 1, kProbeFlags);
  Bytes trailing = with_length(frame, 1);
  trailing.push_back(0);
  raw.send(trailing);`,
  );
  if (probe.error !== undefined) {
    lines(
      f,
      `
  const auto refusal = raw.answer_to(1);
  ASSERT_TRUE(refusal.has_value() && refusal->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.error.name)}>(*refusal->message)) << message_name(*refusal->message);
  EXPECT_EQ(handled(), 0u);`,
    );
  } else {
    f.print(`  EXPECT_EQ(raw.until_pong(77), std::vector<Bytes>{${ack ? "ack_of(1)" : ""}});`);
  }
  lines(
    f,
    `
  raw.send(encode_frame(make_probe(), 2, kProbeFlags));
  const auto answer = raw.answer_to(2);
  ASSERT_TRUE(answer.has_value() && answer->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${ok}>(*answer->message)) << message_name(*answer->message);
  EXPECT_EQ(handled(), 1u);
  assert_serves(port_);
}`,
  );
}

function duplicateTest(f: FileBuilder, view: CppView, probe: Probe): void {
  lines(
    f,
    `

/** ${probe.request.name} sent three times with one sequence number: each copy acknowledged, the copies answered with the first answer again, handled once. */
TEST_F(UdpRobustness, DuplicatesAreAcknowledgedEachTimeAndHandledOnce) {
  RawPeer raw(port_);
  const Bytes frame = encode_frame(make_probe(), 1, kProbeFlags);
  raw.send(frame);
  const auto answer = raw.answer_to(1);
  ASSERT_TRUE(answer.has_value() && answer->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(*answer->message)) << message_name(*answer->message);
  const Bytes first_answer = encode_frame(*answer->message, 1, answer->flags);
  raw.send(frame);
  raw.send(frame);
  // Before the PONG: an ACK and the remembered answer per copy (a retransmission of that answer may come in between).
  const auto got = raw.until_pong(77);
  EXPECT_EQ(std::count(got.begin(), got.end(), ack_of(1)), 2);
  EXPECT_GE(std::count(got.begin(), got.end(), first_answer), 2);
  for (const auto& datagram : got) EXPECT_TRUE(datagram == ack_of(1) || datagram == first_answer);
  EXPECT_EQ(handled(), 1u);
  EXPECT_EQ(server_.sessions().size(), 1u);
  assert_serves(port_);
}`,
  );
}

function outOfOrderTest(f: FileBuilder, view: CppView, plan: TestPlan, probe: Probe): void {
  const second = plan.second;
  if (second === undefined) return;
  const flags = second.reliable ? "kFlagReliable" : "0";
  lines(
    f,
    `

/** ${second.name} before ${probe.request.name}: refused by authentication or the role machine, never handled; the session goes on. */
TEST_F(UdpRobustness, AMessageOutOfOrderIsRefused) {
  RawPeer raw(port_);
  raw.send(encode_frame(Message(demo::${makeMethod(view, second)}()), 1, ${flags}));`,
  );
  if (second.error !== undefined) {
    lines(
      f,
      `
  const auto refusal = raw.answer_to(1);
  ASSERT_TRUE(refusal.has_value() && refusal->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${specType(view, second.error)}>(*refusal->message)) << message_name(*refusal->message);`,
    );
  }
  lines(
    f,
    `
  raw.send(encode_frame(make_probe(), 2, kProbeFlags));
  const auto answer = raw.answer_to(2);  // handled after whatever came before it
  ASSERT_TRUE(answer.has_value() && answer->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(*answer->message)) << message_name(*answer->message);
  EXPECT_EQ(handled(), 1u);
  assert_serves(port_);
}`,
  );
}

function floodTest(f: FileBuilder, view: CppView, probe: Probe, error: string, limited: string): void {
  lines(
    f,
    `

/** After ${probe.request.name}, 30 more at once: each answered once (its sequence number), some rate_limited. */
TEST_F(UdpRobustness, AFloodOverTheRateLimitIsRefused) {
  constexpr std::uint32_t kFlood = 30;
  RawPeer raw(port_);
  raw.send(encode_frame(make_probe(), 1, kProbeFlags));
  const auto first_answer = raw.answer_to(1);
  ASSERT_TRUE(first_answer.has_value() && first_answer->message.has_value());
  EXPECT_TRUE(std::holds_alternative<${specType(view, probe.ok.name)}>(*first_answer->message));
  for (std::uint32_t seq = 2; seq < 2 + kFlood; ++seq) raw.send(encode_frame(make_probe(), seq, kProbeFlags));
  std::set<std::uint32_t> answered;
  bool rate_limited = false;
  for (int i = 0; i < 10000 && answered.size() < kFlood; ++i) {
    const auto data = raw.datagram();
    if (!data) break;
    if (!RawPeer::is_answer(*data)) continue;
    const Frame frame = decode_frame(*data);
    if (frame.seq < 2 || frame.seq >= 2 + kFlood || !frame.message) continue;
    answered.insert(frame.seq);
    if (const auto* e = std::get_if<${error}>(&*frame.message)) rate_limited = rate_limited || ${limited};
  }
  EXPECT_EQ(answered.size(), kFlood) << "every request of the flood is answered";
  EXPECT_TRUE(rate_limited) << "none was refused as rate_limited";
  assert_serves(port_);
}`,
  );
}
