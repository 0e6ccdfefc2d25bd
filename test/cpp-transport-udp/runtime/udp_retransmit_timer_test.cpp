// Retransmitter on asio steady_timers (retransmit_timer): the attempts go out
// and the last wait fails the send; a settle cancels the pending wait, so the
// io_context runs out of work. Delays of 1 ms; only counts are checked.
#include <gtest/gtest.h>

#include <asio/io_context.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/retransmit_timer.hpp"

namespace PROTOFORGE_NS {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST(UdpRetransmitTimer, EveryAttemptThenFailure) {
  asio::io_context io;
  int sends = 0;
  Retransmitter r([&](const Bytes&) { ++sends; }, retransmit_timer(io.get_executor()), {1, 1, 1});
  int calls = 0;
  DeliveryOutcome outcome = DeliveryOutcome::kAcknowledged;
  r.send({1}, 2, [&](DeliveryOutcome o, const std::string&) {
    ++calls;
    outcome = o;
  });
  io.run();
  EXPECT_EQ(sends, 3);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(outcome, DeliveryOutcome::kFailed);
}

TEST(UdpRetransmitTimer, SettleCancelsThePendingWait) {
  asio::io_context io;
  int sends = 0;
  Retransmitter* self = nullptr;
  // The second attempt is answered at once: its wait (an hour) is cancelled, so io.run() returns.
  Retransmitter r(
      [&](const Bytes&) {
        if (++sends == 2) asio::post(io, [&] { self->settle(4); });
      },
      retransmit_timer(io.get_executor()), {1, 3'600'000, 3'600'000});
  self = &r;
  DeliveryOutcome outcome = DeliveryOutcome::kFailed;
  r.send({1}, 4, [&](DeliveryOutcome o, const std::string&) { outcome = o; });
  io.run();
  EXPECT_EQ(sends, 2);
  EXPECT_EQ(outcome, DeliveryOutcome::kAcknowledged);
  EXPECT_EQ(r.pending(), 0U);
}

TEST(UdpRetransmitTimer, CloseCancelsEveryWait) {
  asio::io_context io;
  Retransmitter r([](const Bytes&) {}, retransmit_timer(io.get_executor()), {3'600'000});
  int closed = 0;
  r.send({1}, 2, [&](DeliveryOutcome o, const std::string&) { closed += o == DeliveryOutcome::kClosed ? 1 : 0; });
  r.send({2}, 3, [&](DeliveryOutcome o, const std::string&) { closed += o == DeliveryOutcome::kClosed ? 1 : 0; });
  r.close();
  io.run();
  EXPECT_EQ(closed, 2);
}

}  // namespace
}  // namespace PROTOFORGE_NS
