// The event outbox: events in order, the oldest dropped when full, a
// keepalive when nothing came within the wait, the end wakes a waiting stream
// at once, and a session with an open stream is never idle.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>

#include "PROTOFORGE_NS/http_outbox.hpp"

namespace PROTOFORGE_NS {
namespace {

using namespace std::chrono_literals;
using kind = http_outbox::taken::kind;

TEST(HttpOutbox, GivesEventsInOrderAndDropsTheOldestWhenFull) {
  http_outbox box(2);
  EXPECT_TRUE(box.put("a"));
  EXPECT_TRUE(box.put("b"));
  EXPECT_FALSE(box.put("c"));
  EXPECT_EQ(box.size(), 2u);
  auto first = box.next(0ms);
  EXPECT_EQ(first.what, kind::event);
  EXPECT_EQ(first.text, "b");
  EXPECT_EQ(box.next(0ms).text, "c");
  EXPECT_EQ(box.next(0ms).what, kind::keepalive);
}

TEST(HttpOutbox, EndWakesAWaitingStreamAndStaysEnded) {
  http_outbox box(4);
  auto waiting = std::async(std::launch::async, [&box] { return box.next(std::chrono::hours(1)).what; });
  box.end();
  EXPECT_EQ(waiting.get(), kind::ended);
  EXPECT_FALSE(box.put("late"));
  EXPECT_EQ(box.next(0ms).what, kind::ended);
}

TEST(HttpOutbox, AnEventWakesAWaitingStream) {
  http_outbox box(4);
  auto waiting = std::async(std::launch::async, [&box] { return box.next(std::chrono::hours(1)); });
  box.put("x");
  auto got = waiting.get();
  EXPECT_EQ(got.what, kind::event);
  EXPECT_EQ(got.text, "x");
}

TEST(HttpOutbox, IdleOnlyWithoutStreamAfterTheIdleTime) {
  http_outbox box(4);
  const auto later = http_outbox::clock::now() + 10s;
  EXPECT_TRUE(box.idle(5s, later));
  EXPECT_FALSE(box.idle(20s, later));
  box.stream_opened();
  EXPECT_FALSE(box.idle(5s, later));
  box.stream_closed();
  EXPECT_TRUE(box.idle(5s, http_outbox::clock::now() + 10s));
  EXPECT_FALSE(box.idle(5s, http_outbox::clock::now()));
}

}  // namespace
}  // namespace PROTOFORGE_NS
