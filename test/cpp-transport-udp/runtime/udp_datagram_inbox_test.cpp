// DatagramInbox (docs/wire-format.md section 10.2): ACK every sound RELIABLE
// frame (duplicates too), deliver it once, re-send a remembered answer, settle
// on ACKs, drop malformed datagrams and, while the queue is full, plain
// message frames unacknowledged.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "PROTOFORGE_NS/datagram_inbox.hpp"

namespace PROTOFORGE_NS {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes frame(std::uint8_t flags, std::uint16_t id, std::uint32_t seq, Bytes payload) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  Bytes b{0x50, 0x46, 1, flags, static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id), static_cast<std::uint8_t>(seq >> 24),
          static_cast<std::uint8_t>(seq >> 16), static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq),
          static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

struct Peer {
  DuplicateWindow window{1024, 15500, [] { return std::int64_t{0}; }};
  std::vector<Bytes> sent;
  std::vector<std::uint64_t> settled;
  std::vector<Bytes> delivered;
  bool full = false;
  DatagramInbox inbox{DatagramInbox::Link{[this](const Bytes& b) { sent.push_back(b); }, [this](std::uint64_t k) { settled.push_back(k); }, &window},
                      1, 1024, [this](const Bytes& b) { delivered.push_back(b); }, [this] { return full; }};
};

TEST(UdpDatagramInbox, AcksAndDeliversAReliableFrameOnce) {
  Peer p;
  const Bytes request = frame(0x01, 3, 40, {1, 2});
  EXPECT_TRUE(p.inbox.accept(request));
  EXPECT_TRUE(p.inbox.accept(request));
  EXPECT_EQ(p.delivered, (std::vector<Bytes>{request}));
  EXPECT_EQ(p.sent, (std::vector<Bytes>{frame(0x02, 0, 40, {}), frame(0x02, 0, 40, {})}));
}

TEST(UdpDatagramInbox, ADuplicateOfAnAnsweredRequestGetsTheSameAnswer) {
  Peer p;
  const Bytes request = frame(0x01, 3, 41, {});
  const Bytes answer = frame(0x05, 4, 41, {9});
  ASSERT_TRUE(p.inbox.accept(request));
  p.window.remember_answer(DatagramHeader::identity_of(false, 41), answer);
  ASSERT_TRUE(p.inbox.accept(request));
  EXPECT_EQ(p.sent, (std::vector<Bytes>{frame(0x02, 0, 41, {}), frame(0x02, 0, 41, {}), answer}));
  EXPECT_EQ(p.delivered.size(), 1U);
}

TEST(UdpDatagramInbox, AnAckSettlesItsIdentity) {
  Peer p;
  EXPECT_TRUE(p.inbox.accept(frame(0x06, 0, 7, {})));
  EXPECT_TRUE(p.inbox.accept(frame(0x02, 0, 8, {})));
  EXPECT_EQ(p.settled, (std::vector<std::uint64_t>{15, 16}));
  EXPECT_FALSE(p.inbox.accept(frame(0x02, 5, 9, {})));  // an ACK with a message id
  EXPECT_FALSE(p.inbox.accept(frame(0x02, 0, 9, {1})));  // an ACK with a payload
  EXPECT_EQ(p.settled.size(), 2U);
  EXPECT_TRUE(p.delivered.empty());
  EXPECT_TRUE(p.sent.empty());
}

TEST(UdpDatagramInbox, DropsMalformedDatagramsUnacknowledged) {
  Peer p;
  Bytes cut = frame(0x01, 3, 1, {1, 2});
  cut.pop_back();
  EXPECT_FALSE(p.inbox.accept(cut));
  EXPECT_FALSE(p.inbox.accept(frame(0x09, 3, 1, {})));
  EXPECT_TRUE(p.sent.empty());
  EXPECT_TRUE(p.delivered.empty());
}

TEST(UdpDatagramInbox, AFullQueueDropsOnlyPlainMessageFrames) {
  Peer p;
  p.full = true;
  EXPECT_FALSE(p.inbox.accept(frame(0x01, 3, 1, {})));  // not ACKed: the sender retransmits
  EXPECT_TRUE(p.sent.empty());
  EXPECT_TRUE(p.inbox.accept(frame(0x05, 4, 2, {})));   // an answer still comes in
  EXPECT_TRUE(p.inbox.accept(frame(0x08, 0, 3, {})));   // and a PING
  EXPECT_EQ(p.delivered.size(), 2U);
  EXPECT_EQ(p.sent, (std::vector<Bytes>{frame(0x06, 0, 2, {})}));
  p.full = false;
  EXPECT_TRUE(p.inbox.accept(frame(0x01, 3, 1, {})));   // the retransmission is taken
  EXPECT_EQ(p.delivered.size(), 3U);
}

TEST(UdpDatagramInbox, UnreliableFramesAreDeliveredEveryTime) {
  Peer p;
  const Bytes event = frame(0x00, 6, 5, {});
  EXPECT_TRUE(p.inbox.accept(event));
  EXPECT_TRUE(p.inbox.accept(event));
  EXPECT_EQ(p.delivered.size(), 2U);
  EXPECT_TRUE(p.sent.empty());
}

}  // namespace
}  // namespace PROTOFORGE_NS
