// Resends RELIABLE frames until they are acknowledged (docs/wire-format.md
// section 10.2, retransmission). Attempt 1 is the first send; after attempt k
// it waits the k-th delay and sends the identical bytes again; after the last
// attempt and its wait the send has failed. The waits run on a timer the
// owner gives (the UDP transport's steady_timer; a hand-driven one in the
// tests); send and settle are safe from any thread, and the sender and the
// outcome callbacks are called without the lock held.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** The waits after each attempt for timing.retry (round half up, in float64; one per attempt). */
inline std::vector<std::int64_t> retransmit_delays(std::int64_t max_attempts, double initial_backoff_ms, double multiplier,
                                                   double max_backoff_ms) {
  std::vector<std::int64_t> delays;
  double delay = std::min(initial_backoff_ms, max_backoff_ms);
  for (std::int64_t attempt = 1; attempt <= max_attempts; ++attempt) {
    delays.push_back(static_cast<std::int64_t>(std::floor(delay + 0.5)));
    delay = std::min(delay * multiplier, max_backoff_ms);
  }
  return delays;
}

/** How a retransmitted send ended. */
enum class DeliveryOutcome {
  kAcknowledged,  // settled: its ACK (or answer) came
  kFailed,        // not acknowledged after the last attempt and its wait
  kClosed,        // the retransmitter was closed first
};

class Retransmitter {
 public:
  using Bytes = std::vector<std::uint8_t>;
  using Sender = std::function<void(const Bytes&)>;
  /** Runs `fire` after `delay_ms`; returns what cancels it (a no-op once it ran). */
  using Schedule = std::function<std::function<void()>(std::int64_t delay_ms, std::function<void()> fire)>;
  /** The outcome, and for kFailed and kClosed the reason as the other targets word it. */
  using Done = std::function<void(DeliveryOutcome, const std::string&)>;

  Retransmitter(Sender sender, Schedule schedule, std::vector<std::int64_t> delays_ms)
      : sender_(std::move(sender)), schedule_(std::move(schedule)), delays_ms_(std::move(delays_ms)) {}

  Retransmitter(const Retransmitter&) = delete;
  Retransmitter& operator=(const Retransmitter&) = delete;
  ~Retransmitter() { close(); }

  /** The number of frames waiting for their ACK. */
  std::size_t pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return open_.size();
  }

  /** Sends `data` now and again after each delay until settle(`identity`); `done` is told how it ended. */
  void send(Bytes data, std::uint64_t identity, Done done) {
    settle(identity);
    auto entry = std::make_shared<Open>();
    entry->data = std::move(data);
    entry->done = std::move(done);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_[identity] = entry;
    }
    attempt(identity, entry);
  }

  /** The frame was acknowledged (or answered): stop resending it. */
  void settle(std::uint64_t identity) {
    std::shared_ptr<Open> entry;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = open_.find(identity);
      if (it == open_.end()) return;
      entry = it->second;
      open_.erase(it);
    }
    if (entry->cancel) entry->cancel();
    if (entry->done) entry->done(DeliveryOutcome::kAcknowledged, {});
  }

  /** Stops every retransmission; each is told kClosed. */
  void close() {
    std::unordered_map<std::uint64_t, std::shared_ptr<Open>> entries;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      entries.swap(open_);
    }
    for (auto& [identity, entry] : entries) {
      if (entry->cancel) entry->cancel();
      if (entry->done) entry->done(DeliveryOutcome::kClosed, "closed before the datagram was acknowledged");
    }
  }

 private:
  struct Open {
    Bytes data;
    Done done;
    std::size_t attempt = 0;
    std::function<void()> cancel;
  };

  bool current(std::uint64_t identity, const std::shared_ptr<Open>& entry) const {
    auto it = open_.find(identity);
    return it != open_.end() && it->second == entry;
  }

  void attempt(std::uint64_t identity, const std::shared_ptr<Open>& entry) {
    std::int64_t wait = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!current(identity, entry)) return;
      if (entry->attempt >= delays_ms_.size()) {
        open_.erase(identity);
        lock.unlock();
        const std::string kind = identity % 2 == 1 ? "answer" : "frame";
        if (entry->done) {
          entry->done(DeliveryOutcome::kFailed, kind + " " + std::to_string(identity / 2) + " was not acknowledged after " +
                                                    std::to_string(delays_ms_.size()) + " attempts");
        }
        return;
      }
      wait = delays_ms_[entry->attempt];
      ++entry->attempt;
    }
    sender_(entry->data);
    std::weak_ptr<Open> weak = entry;
    auto cancel = schedule_(wait, [this, identity, weak] {
      if (auto still = weak.lock()) attempt(identity, still);
    });
    std::lock_guard<std::mutex> lock(mutex_);
    if (current(identity, entry)) {
      entry->cancel = std::move(cancel);
    } else if (cancel) {
      cancel();
    }
  }

  const Sender sender_;
  const Schedule schedule_;
  const std::vector<std::int64_t> delays_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Open>> open_;
};

}  // namespace PROTOFORGE_NS
