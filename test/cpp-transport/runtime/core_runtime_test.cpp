// The C++ transport core's stand-alone pieces: the token bucket (driven by a
// hand clock), the trace line text, and the io pool (a strand runs its
// handlers one at a time, stop() joins).
#include <PROTOFORGE_NS/io_pool.hpp>
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
