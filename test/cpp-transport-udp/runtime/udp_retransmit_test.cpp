// Retransmitter and the delays (docs/wire-format.md section 10.2,
// retransmission), on a hand-driven timer: the identical bytes go out at each
// attempt, an ACK stops them, the last wait fails the send, close ends all.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/retransmit.hpp"

namespace PROTOFORGE_NS {
namespace {

using Bytes = std::vector<std::uint8_t>;

/** Timers fired by hand: the one due first runs on step(). */
struct ManualTimers {
  std::int64_t now = 0;
  int next_id = 0;
  std::map<int, std::pair<std::int64_t, std::function<void()>>> due;

  Retransmitter::Schedule schedule() {
    return [this](std::int64_t delay_ms, std::function<void()> fire) -> std::function<void()> {
      const int id = next_id++;
      due.emplace(id, std::make_pair(now + delay_ms, std::move(fire)));
      return [this, id] { due.erase(id); };
    };
  }

  /** Runs the earliest timer; false when none is left. */
  bool step() {
    if (due.empty()) return false;
    auto first = due.begin();
    for (auto it = due.begin(); it != due.end(); ++it) {
      if (it->second.first < first->second.first) first = it;
    }
    now = first->second.first;
    auto fire = std::move(first->second.second);
    due.erase(first);
    fire();
    return true;
  }
};

struct Outcome {
  int calls = 0;
  DeliveryOutcome outcome = DeliveryOutcome::kClosed;
  std::string detail;
};

Retransmitter::Done record(Outcome& o) {
  return [&o](DeliveryOutcome outcome, const std::string& detail) {
    ++o.calls;
    o.outcome = outcome;
    o.detail = detail;
  };
}

TEST(UdpRetransmitDelays, FollowTheRetryPolicy) {
  EXPECT_EQ(retransmit_delays(5, 500, 2, 30000), (std::vector<std::int64_t>{500, 1000, 2000, 4000, 8000}));
  EXPECT_EQ(retransmit_delays(4, 1000, 3, 5000), (std::vector<std::int64_t>{1000, 3000, 5000, 5000}));
  EXPECT_EQ(retransmit_delays(3, 100, 1.5, 1000), (std::vector<std::int64_t>{100, 150, 225}));
  EXPECT_EQ(retransmit_delays(3, 1, 1.5, 1000), (std::vector<std::int64_t>{1, 2, 2}));  // 1.5 and 2.25: half rounds up
  EXPECT_EQ(retransmit_delays(2, 900, 2, 600), (std::vector<std::int64_t>{600, 600}));
  EXPECT_TRUE(retransmit_delays(0, 500, 2, 30000).empty());
}

TEST(UdpRetransmitter, ResendsTheIdenticalBytesOnTheScheduleThenFails) {
  ManualTimers timers;
  std::vector<std::pair<std::int64_t, Bytes>> sent;
  Retransmitter r([&](const Bytes& b) { sent.emplace_back(timers.now, b); }, timers.schedule(), {500, 1000, 2000});
  Outcome o;
  const Bytes frame{1, 2, 3};
  r.send(frame, 14, record(o));
  while (timers.step()) {
  }
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0].first, 0);
  EXPECT_EQ(sent[1].first, 500);
  EXPECT_EQ(sent[2].first, 1500);
  for (const auto& s : sent) EXPECT_EQ(s.second, frame);
  EXPECT_EQ(timers.now, 3500);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(o.detail, "frame 7 was not acknowledged after 3 attempts");
  EXPECT_EQ(r.pending(), 0U);
}

TEST(UdpRetransmitter, AnAnswerIsNamedSo) {
  ManualTimers timers;
  Retransmitter r([](const Bytes&) {}, timers.schedule(), {10});
  Outcome o;
  r.send({9}, 15, record(o));
  while (timers.step()) {
  }
  EXPECT_EQ(o.detail, "answer 7 was not acknowledged after 1 attempts");
}

TEST(UdpRetransmitter, SettleStopsResending) {
  ManualTimers timers;
  int sends = 0;
  Retransmitter r([&](const Bytes&) { ++sends; }, timers.schedule(), {500, 1000, 2000});
  Outcome o;
  r.send({1}, 4, record(o));
  ASSERT_TRUE(timers.step());
  EXPECT_EQ(sends, 2);
  r.settle(4);
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.outcome, DeliveryOutcome::kAcknowledged);
  EXPECT_FALSE(timers.step());  // the pending wait was cancelled
  EXPECT_EQ(sends, 2);
  r.settle(4);  // a second ACK changes nothing
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(r.pending(), 0U);
}

TEST(UdpRetransmitter, FramesAreIndependent) {
  ManualTimers timers;
  std::vector<Bytes> sent;
  Retransmitter r([&](const Bytes& b) { sent.push_back(b); }, timers.schedule(), {100, 100});
  Outcome a;
  Outcome b;
  r.send({0xA}, 2, record(a));
  r.send({0xB}, 3, record(b));
  EXPECT_EQ(r.pending(), 2U);
  r.settle(3);
  while (timers.step()) {
  }
  EXPECT_EQ(sent, (std::vector<Bytes>{{0xA}, {0xB}, {0xA}}));
  EXPECT_EQ(a.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(b.outcome, DeliveryOutcome::kAcknowledged);
}

TEST(UdpRetransmitter, CloseEndsEverySend) {
  ManualTimers timers;
  Retransmitter r([](const Bytes&) {}, timers.schedule(), {100, 100});
  Outcome a;
  Outcome b;
  r.send({1}, 2, record(a));
  r.send({2}, 4, record(b));
  r.close();
  EXPECT_EQ(a.outcome, DeliveryOutcome::kClosed);
  EXPECT_EQ(b.outcome, DeliveryOutcome::kClosed);
  EXPECT_EQ(a.detail, "closed before the datagram was acknowledged");
  EXPECT_EQ(r.pending(), 0U);
  EXPECT_FALSE(timers.step());
}

}  // namespace
}  // namespace PROTOFORGE_NS
