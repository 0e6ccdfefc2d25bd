// DatagramHeader (docs/wire-format.md sections 6 and 10.2): steps 1 to 7 on a
// whole datagram, identities, and the ACK bytes for plain and RESPONSE frames.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "PROTOFORGE_NS/datagram_header.hpp"

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

TEST(UdpDatagramHeader, ReadsASoundReliableResponse) {
  const auto h = DatagramHeader::read(frame(0x05, 0x0102, 0x01020304, {7, 8}), 1, 1024);
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->message_id, 0x0102);
  EXPECT_EQ(h->seq, 0x01020304U);
  EXPECT_EQ(h->payload_length, 2U);
  EXPECT_TRUE(h->reliable());
  EXPECT_TRUE(h->response());
  EXPECT_FALSE(h->control());
  EXPECT_EQ(h->identity(), 0x01020304ULL * 2 + 1);
}

TEST(UdpDatagramHeader, RefusesWhatFailsSteps1To7) {
  EXPECT_FALSE(DatagramHeader::read(Bytes{0x50, 0x46, 1}, 1, 1024));                    // shorter than a header
  Bytes magic = frame(0, 1, 1, {});
  magic[0] = 0x51;
  EXPECT_FALSE(DatagramHeader::read(magic, 1, 1024));
  EXPECT_FALSE(DatagramHeader::read(frame(0, 1, 1, {}), 2, 1024));                      // another wire version
  EXPECT_FALSE(DatagramHeader::read(frame(0x03, 1, 1, {}), 1, 1024));                   // RELIABLE with ACK
  EXPECT_FALSE(DatagramHeader::read(frame(0x00, 1, 1, Bytes(20, 0)), 1, 33));           // larger than the limit
  EXPECT_TRUE(DatagramHeader::read(frame(0x00, 1, 1, Bytes(20, 0)), 1, 34));
  Bytes extra = frame(0x00, 1, 1, {1});
  extra.push_back(2);
  EXPECT_FALSE(DatagramHeader::read(extra, 1, 1024));                                    // not one whole frame
  Bytes cut = frame(0x00, 1, 1, {1, 2});
  cut.pop_back();
  EXPECT_FALSE(DatagramHeader::read(cut, 1, 1024));
  EXPECT_TRUE(DatagramHeader::peek(cut).has_value());                                    // peek does not check
}

TEST(UdpDatagramHeader, AcksCarryTheSequenceAndTheResponseBit) {
  const auto request = DatagramHeader::read(frame(0x01, 9, 0xA0B0C0D0, {1}), 1, 1024);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->ack(1), frame(0x02, 0, 0xA0B0C0D0, {}));
  const auto answer = DatagramHeader::read(frame(0x05, 9, 3, {}), 1, 1024);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->ack(1), frame(0x06, 0, 3, {}));
  const auto ack = DatagramHeader::read(answer->ack(1), 1, 1024);
  ASSERT_TRUE(ack.has_value());
  EXPECT_TRUE(ack->control());
  EXPECT_EQ(ack->identity(), answer->identity());
}

TEST(UdpDatagramHeader, DelaysAndSpan) {
  EXPECT_EQ(datagram_delays({}, 250), (std::vector<std::int64_t>{250}));
  EXPECT_EQ(datagram_delays({500, 1000}, 250), (std::vector<std::int64_t>{500, 1000}));
  EXPECT_EQ(retransmission_span({500, 1000, 2000, 4000, 8000}), 15500);
}

}  // namespace
}  // namespace PROTOFORGE_NS
