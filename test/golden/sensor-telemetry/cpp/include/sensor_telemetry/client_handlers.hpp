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
#include "sensor_telemetry/messages.hpp"

namespace sensor_telemetry {

/// What the sensor of sensor-telemetry does with the messages the collector sends on its own
/// (they also go to the client's event queue, `next_event`).
///
/// Generated once; edit freely, protoforge does not overwrite this file. The handlers run on the
/// client's own thread, one message at a time.
class ClientHandlers {
   public:
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

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
};

}  // namespace sensor_telemetry
