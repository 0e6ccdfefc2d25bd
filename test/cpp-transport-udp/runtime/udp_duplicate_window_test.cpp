// DuplicateWindow (docs/wire-format.md section 10.2, duplicates): an identity
// is kept while the window holds at most `capacity` newer ones or it is
// younger than the retransmission span; answers are kept byte for byte.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "PROTOFORGE_NS/duplicate_window.hpp"

namespace PROTOFORGE_NS {
namespace {

struct ManualClock {
  std::int64_t now = 0;
};

TEST(UdpDuplicateWindow, RemembersWhatWasAdded) {
  ManualClock clock;
  DuplicateWindow window(4, 1000, [&] { return clock.now; });
  EXPECT_FALSE(window.seen(6));
  window.add(6);
  EXPECT_TRUE(window.seen(6));
  EXPECT_FALSE(window.seen(7));  // the same sequence with the RESPONSE bit is another identity
  EXPECT_EQ(window.size(), 1U);
}

TEST(UdpDuplicateWindow, KeepsMoreThanCapacityWithinTheSpan) {
  ManualClock clock;
  DuplicateWindow window(2, 1000, [&] { return clock.now; });
  for (std::uint64_t key = 0; key < 10; ++key) window.add(key * 2);
  EXPECT_EQ(window.size(), 10U);
  EXPECT_TRUE(window.seen(0));
}

TEST(UdpDuplicateWindow, ForgetsTheOldestOnlyPastCapacityAndSpan) {
  ManualClock clock;
  DuplicateWindow window(2, 1000, [&] { return clock.now; });
  window.add(2);
  window.add(4);
  clock.now = 999;
  window.add(6);  // three kept, but the oldest is younger than the span
  EXPECT_TRUE(window.seen(2));
  clock.now = 1000;
  window.add(8);  // 2 and 4 are now as old as the span and more than two are newer
  EXPECT_FALSE(window.seen(2));
  EXPECT_FALSE(window.seen(4));
  EXPECT_TRUE(window.seen(6));
  EXPECT_TRUE(window.seen(8));
  EXPECT_EQ(window.size(), 2U);
}

TEST(UdpDuplicateWindow, ReAddingMakesAnIdentityTheNewest) {
  ManualClock clock;
  DuplicateWindow window(1, 10, [&] { return clock.now; });
  window.add(2);
  window.add(4);
  clock.now = 5;
  window.add(2);  // 2 moves behind 4 with a new time
  clock.now = 12;
  window.add(6);  // 4 (added at 0) goes; 2 (at 5) is younger than the span
  EXPECT_FALSE(window.seen(4));
  EXPECT_TRUE(window.seen(2));
  EXPECT_TRUE(window.seen(6));
}

TEST(UdpDuplicateWindow, KeepsTheAnswerOfADeliveredRequest) {
  ManualClock clock;
  DuplicateWindow window(4, 1000, [&] { return clock.now; });
  const std::vector<std::uint8_t> frame{0x50, 0x46, 0x01, 0x06, 0x00, 0x02};
  window.remember_answer(8, frame);  // not delivered: nothing is kept
  EXPECT_FALSE(window.answer(8).has_value());
  window.add(8);
  EXPECT_FALSE(window.answer(8).has_value());  // still being handled
  window.remember_answer(8, frame);
  ASSERT_TRUE(window.answer(8).has_value());
  EXPECT_EQ(*window.answer(8), frame);
}

}  // namespace
}  // namespace PROTOFORGE_NS
