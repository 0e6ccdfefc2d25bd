// A rate limit (messages per second, bursts) and the token bucket that keeps
// it, as the Java/Python/JavaScript runtimes do: the bucket starts full,
// refills continuously, and a message spends one token. The clock is
// injectable so tests drive it by hand. Thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>

namespace PROTOFORGE_NS {

struct RateLimit {
  double per_second;
  int burst;

  RateLimit(double per_second_, int burst_) : per_second(per_second_), burst(burst_) {
    if (!(per_second > 0) || burst < 1) throw std::invalid_argument("a rate limit needs a positive rate and a burst of at least 1");
  }
};

class TokenBucket {
 public:
  /** A monotonic clock in nanoseconds. */
  using Clock = std::function<std::int64_t()>;

  static std::int64_t steady_nanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  explicit TokenBucket(const RateLimit& limit, Clock clock = &TokenBucket::steady_nanos)
      : rate_(limit.per_second), burst_(limit.burst), clock_(std::move(clock)), tokens_(limit.burst), updated_(clock_()) {}

  /** Spends one token; false when none is left (the message is over the limit). */
  bool take() {
    std::lock_guard<std::mutex> lock(mutex_);
    refill();
    if (tokens_ >= 1) {
      tokens_ -= 1;
      return true;
    }
    return false;
  }

  /** How long until the next token is there, in whole milliseconds rounded up, at least 1 (as Java's). */
  std::int64_t retry_after_ms() {
    std::lock_guard<std::mutex> lock(mutex_);
    refill();
    const double missing = std::max(0.0, 1 - tokens_);
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(missing / rate_ * 1000.0)));
  }

 private:
  void refill() {
    const std::int64_t now = clock_();
    tokens_ = std::min(burst_, tokens_ + static_cast<double>(now - updated_) / 1e9 * rate_);
    updated_ = now;
  }

  double rate_;
  double burst_;
  Clock clock_;
  double tokens_;
  std::int64_t updated_;
  std::mutex mutex_;
};

}  // namespace PROTOFORGE_NS
