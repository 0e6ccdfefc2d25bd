// The C++ transport core's stand-alone pieces: the token bucket (driven by a
// hand clock), the trace line text, and the io pool (a strand runs its
// handlers one at a time, stop() joins).
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/trace.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <future>

using namespace PROTOFORGE_NS;

TEST(TokenBucket, StartsFullSpendsAndRefills) {
  std::int64_t now = 0;
  TokenBucket bucket(RateLimit(2.0, 3), [&] { return now; });
  EXPECT_EQ(bucket.retry_after_ms(), 1);  // a token is there: never 0, as Java
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_FALSE(bucket.take());
  EXPECT_EQ(bucket.retry_after_ms(), 500);
  now += 250'000'000;  // a quarter second: half a token
  EXPECT_FALSE(bucket.take());
  EXPECT_EQ(bucket.retry_after_ms(), 250);
  now += 250'000'000;
  EXPECT_TRUE(bucket.take());
  now += 10'000'000'000;  // never more than the burst
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_FALSE(bucket.take());
}

TEST(TokenBucket, RefusesANonsenseLimit) {
  EXPECT_THROW(RateLimit(0.0, 1), std::invalid_argument);
  EXPECT_THROW(RateLimit(1.0, 0), std::invalid_argument);
}

TEST(Trace, LinesHaveTheSharedText) {
  EXPECT_EQ(trace_line(7, "127.0.0.1:5000", "<-", "Ping{}"), "[7 127.0.0.1:5000] <- Ping{}");
  EXPECT_EQ(trace_line("->", "Ping{}"), "-> Ping{}");
}

TEST(IoPool, AStrandRunsItsHandlersOneAtATime) {
  IoPool pool(2);
  auto strand = pool.make_strand();
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  int count = 0;
  std::promise<void> done;
  constexpr int kPosts = 2000;
  for (int i = 0; i < kPosts; ++i) {
    asio::post(strand, [&] {
      if (inside.fetch_add(1) != 0) overlaps.fetch_add(1);
      if (++count == kPosts) done.set_value();
      inside.fetch_sub(1);
    });
  }
  done.get_future().wait();
  EXPECT_EQ(count, kPosts);
  EXPECT_EQ(overlaps.load(), 0);
  pool.stop();
  pool.stop();
  EXPECT_EQ(pool.threads(), 2u);
}

// A session that records what it transmits (chat's namespace: the test is built against chat).
#include <PROTOFORGE_NS/hub.hpp>

#include <memory>
#include <vector>

namespace {

class RecordingSession : public ServerSession {
 public:
  RecordingSession(Hub& hub, bool auth_required)
      : ServerSession(hub, hub.next_id(), "127.0.0.1:" + std::to_string(40000 + hub.sessions().size()), auth_required, std::nullopt, Trace{}) {}
  std::vector<Message> sent;

 protected:
  void transmit(const Message& message) override { sent.push_back(message); }
};

}  // namespace

TEST(Hub, IdsGroupsAndMembersInJoinOrder) {
  Hub hub;
  auto a = std::make_shared<RecordingSession>(hub, true);
  auto b = std::make_shared<RecordingSession>(hub, true);
  auto c = std::make_shared<RecordingSession>(hub, true);
  EXPECT_EQ(a->id(), 1u);
  EXPECT_EQ(b->id(), 2u);
  EXPECT_EQ(c->id(), 3u);
  for (const auto& s : {a, b, c}) hub.add(s);
  hub.join("room", c);
  hub.join("room", a);
  hub.join("room", c);  // a second join keeps its place
  auto members = hub.members("room");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0], c);
  EXPECT_EQ(members[1], a);
  EXPECT_EQ(a->groups(), std::set<std::string>{"room"});
  hub.leave("room", *c);
  EXPECT_EQ(hub.members("room").size(), 1u);
  EXPECT_TRUE(c->groups().empty());
  hub.remove(a);
  EXPECT_TRUE(hub.members("room").empty());
  EXPECT_EQ(hub.sessions().size(), 2u);
  c->close("bye");
  hub.join("other", c);  // a closed session joins nothing
  EXPECT_TRUE(hub.members("other").empty());
}

TEST(Hub, BroadcastSkipsSessionsThatMayNotReceive) {
  Hub hub;
  auto a = std::make_shared<RecordingSession>(hub, true);  // not authenticated: nothing may be pushed
  hub.add(a);
  const Message any = Message{};
  EXPECT_FALSE(a->can_push(any));
  EXPECT_EQ(hub.broadcast(any), 0u);
  EXPECT_TRUE(a->sent.empty());
  EXPECT_FALSE(a->push(any));
}

TEST(Options, JavasDefaultsForWhatTheSpecDoesNotSet) {
  const ServerOptions server;
  EXPECT_EQ(server.queue_size, 64u);
  EXPECT_EQ(server.max_sessions, 10000u);
  EXPECT_EQ(server.shutdown_timeout.count(), 5000);
  EXPECT_FALSE(server.rate_limit.has_value());
  const ClientOptions client;
  EXPECT_FALSE(client.auto_reconnect);
  EXPECT_EQ(client.event_queue_size, 1024u);
  EXPECT_FALSE(static_cast<bool>(client.trace));
}
