// The event outbox of one HTTP session (a port of the outbox part of the Java
// runtime's HttpServerSession): the messages the server sends on its own wait
// here as Server-Sent Event text for the session's event stream, at most
// `capacity` (1024 in the server), the oldest dropped first. A stream takes
// them with next(), which waits up to a keepalive interval; the session's end
// wakes every stream. It also knows whether a stream is open and when the
// session was last active, for the idle sweep.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace PROTOFORGE_NS {

class http_outbox {
 public:
  using clock = std::chrono::steady_clock;

  /** What next() gives: an event's text, nothing in time (write a keepalive), or the end. */
  struct taken {
    enum class kind { event, keepalive, ended } what;
    std::string text;
  };

  explicit http_outbox(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  /** Queues one event's text; false when the oldest had to be dropped for it (or the outbox has ended). */
  bool put(std::string text) {
    bool kept_all = true;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (ended_) return false;
      if (events_.size() >= capacity_) {
        events_.pop_front();
        kept_all = false;
      }
      events_.push_back(std::move(text));
    }
    wake_.notify_all();
    return kept_all;
  }

  /** The next event, waiting at most `wait`; keepalive when none came in time, ended once end() was called. */
  taken next(std::chrono::milliseconds wait) {
    const auto deadline = clock::now() + wait;
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      if (ended_) return {taken::kind::ended, {}};
      if (!events_.empty()) {
        taken out{taken::kind::event, std::move(events_.front())};
        events_.pop_front();
        return out;
      }
      if (wake_.wait_until(lock, deadline) == std::cv_status::timeout && events_.empty() && !ended_) {
        return {taken::kind::keepalive, {}};
      }
    }
  }

  /** The session ended: every stream's next() says so, now and later. */
  void end() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ended_ = true;
      events_.clear();
    }
    wake_.notify_all();
  }

  bool ended() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return ended_;
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_.size();
  }

  void stream_opened() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++streams_;
  }

  void stream_closed() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (streams_ > 0) --streams_;
    last_active_ = clock::now();
  }

  void touch() {
    std::lock_guard<std::mutex> lock(mutex_);
    last_active_ = clock::now();
  }

  /** Whether no stream is open and nothing happened for `idle` up to `now`. */
  bool idle(std::chrono::milliseconds idle, clock::time_point now = clock::now()) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return streams_ == 0 && now - last_active_ >= idle;
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> events_;
  std::size_t streams_ = 0;
  bool ended_ = false;
  clock::time_point last_active_ = clock::now();
};

}  // namespace PROTOFORGE_NS
