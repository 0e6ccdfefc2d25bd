// The identities of the RELIABLE frames delivered from one peer, with the
// answer sent to each (docs/wire-format.md section 10.2, duplicates). An
// identity is the sequence number times two plus the RESPONSE bit. It is
// forgotten only when more than `capacity` newer ones are kept and it is older
// than `span_ms`, the sender's whole retransmission span. Thread-safe: the
// reader adds and looks up, the worker remembers answers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

class DuplicateWindow {
 public:
  using Clock = std::function<std::int64_t()>;

  /** A window of at least `capacity` identities, each kept at least `span_ms` on `clock_ms` (monotonic ms). */
  DuplicateWindow(std::size_t capacity, std::int64_t span_ms, Clock clock_ms)
      : capacity_(capacity), span_ms_(span_ms), clock_ms_(std::move(clock_ms)) {}

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return index_.size();
  }

  bool seen(std::uint64_t key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return index_.contains(key);
  }

  /** Records a delivered identity as the newest. */
  void add(std::uint64_t key) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
    order_.push_back(Entry{key, clock_ms_(), std::nullopt});
    index_.emplace(key, std::prev(order_.end()));
    trim();
  }

  /** Keeps the answer frame sent for a delivered request, to send it again to a duplicate. */
  void remember_answer(std::uint64_t key, std::vector<std::uint8_t> frame) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) it->second->answer = std::move(frame);
  }

  /** The answer frame sent for `key`, or nothing (none yet, or forgotten). */
  std::optional<std::vector<std::uint8_t>> answer(std::uint64_t key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    return it->second->answer;
  }

 private:
  struct Entry {
    std::uint64_t key;
    std::int64_t added;
    std::optional<std::vector<std::uint8_t>> answer;
  };

  void trim() {
    const std::int64_t now = clock_ms_();
    // Insertion order: the oldest identity comes first.
    while (!order_.empty() && order_.size() > capacity_ && now - order_.front().added >= span_ms_) {
      index_.erase(order_.front().key);
      order_.pop_front();
    }
  }

  const std::size_t capacity_;
  const std::int64_t span_ms_;
  const Clock clock_ms_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;
  std::unordered_map<std::uint64_t, std::list<Entry>::iterator> index_;
};

}  // namespace PROTOFORGE_NS
