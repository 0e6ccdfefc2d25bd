// Messages the server sent on its own, in arrival order, as Java's
// EventQueue: when full the oldest is dropped; take() waits up to a timeout
// (RequestTimeout when nothing came). Thread-safe.
#pragma once

#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace PROTOFORGE_NS {

class EventQueue {
 public:
  explicit EventQueue(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

  /** Adds a message; returns the one dropped to make room, if any. */
  std::optional<Message> put(Message message) {
    std::optional<Message> dropped;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (items_.size() >= capacity_) {
        dropped = std::move(items_.front());
        items_.pop_front();
      }
      items_.push_back(std::move(message));
    }
    ready_.notify_all();
    return dropped;
  }

  /** The oldest message without waiting, if any. */
  std::optional<Message> poll() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (items_.empty()) return std::nullopt;
    Message m = std::move(items_.front());
    items_.pop_front();
    return m;
  }

  /** The next message; RequestTimeout when none came within `timeout`. */
  Message take(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [this] { return !items_.empty(); })) {
      throw RequestTimeout("no event within " + std::to_string(timeout.count()) + " ms");
    }
    Message m = std::move(items_.front());
    items_.pop_front();
    return m;
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.clear();
  }

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Message> items_;
};

}  // namespace PROTOFORGE_NS
