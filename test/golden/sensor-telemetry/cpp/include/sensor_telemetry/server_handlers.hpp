// Generated once by protoforge; yours to edit.

#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sensor_telemetry/handler_support.hpp"
#include "sensor_telemetry/hub.hpp"
#include "sensor_telemetry/messages.hpp"
#include "sensor_telemetry/server_session.hpp"

namespace sensor_telemetry {

/// What the collector of sensor-telemetry does with each message a sensor sends.
///
/// Generated once with a working default for every message; edit freely, protoforge does not overwrite
/// this file. The transports check authentication, the role machines, the rate limit and the input
/// before a handler runs. Handlers of one session run one at a time (on the session's strand); handlers
/// of different sessions run at the same time: keep shared state thread-safe.
///
/// `session` is the sender's session: `session.last` gives its last message of a kind,
/// `session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,
/// `leave`, `members`).
class ServerHandlers {
   public:
  /// Handlers on the system clock.
  ServerHandlers() : ServerHandlers(epoch_millis) {}
  /// Handlers on `clock` (timestamps the handlers fill in).
  explicit ServerHandlers(MillisClock clock) : clock_(std::move(clock)) {}

  /// How many handled messages `received()` keeps.
  static constexpr std::size_t kKeep = 1000;

  /// Every message handled, oldest first (the last kKeep): the default store. A copy.
  std::vector<Message> received() const {
    std::lock_guard<std::mutex> lock(received_mutex_);
    return {received_.begin(), received_.end()};
  }

  /// Keeps `message` in `received()`.
  void remember(const Message& message) {
    std::lock_guard<std::mutex> lock(received_mutex_);
    received_.push_back(message);
    if (received_.size() > kKeep) received_.pop_front();
  }

  /// A fresh id (1, 2, 3, ...) for ids the server hands out.
  std::uint64_t next_id() { return ids_.fetch_add(1) + 1; }

  /// Opens a session and authenticates the sensor.
  ///
  /// Answer with HelloAck, or ErrorReply to refuse.
  ///
  /// The default accepts every credential: check them here.
  Message on_hello([[maybe_unused]] ServerSession& session, const Hello& message) {
    remember(message);
    return HelloAck{.session_id = static_cast<std::uint32_t>(next_id()), .report_interval_ms = 30000U};
  }

  /// One temperature reading.
  ///
  /// Answer with ReportAck, or ErrorReply to refuse.
  Message on_report([[maybe_unused]] ServerSession& session, const Report& message) {
    remember(message);
    return ReportAck{.stored_at = clock_()};
  }

  /// Ends the session cleanly.
  void on_goodbye([[maybe_unused]] ServerSession& session, const Goodbye& message) {
    remember(message);
  }

   protected:
  /// Milliseconds since the epoch, UTC, for timestamps (injectable for tests).
  MillisClock clock_;

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
  std::atomic<std::uint64_t> ids_{0};
};

}  // namespace sensor_telemetry
