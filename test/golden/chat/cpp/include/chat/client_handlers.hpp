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

#include "chat/handler_support.hpp"
#include "chat/messages.hpp"

namespace chat {

/// What the client of chat does with the messages the server sends on its own
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

  /// A message posted to one of the user's rooms, pushed to every member of the room.
  void on_room_message(const RoomMessage& message) {
    remember(message);
  }

  /// A member of one of the user's rooms came, went or changed status. Not sent about the user's own joins and leaves.
  void on_presence_update(const PresenceUpdate& message) {
    remember(message);
  }

  /// Another member is typing (or stopped). Receivers hide the indicator 6 s after the last active notice. Best effort: may be lost.
  void on_member_typing(const MemberTyping& message) {
    remember(message);
  }

  /// The user was removed from a room by a moderator; no more events of the room follow. The user may join again.
  void on_kicked(const Kicked& message) {
    remember(message);
  }

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
};

}  // namespace chat
