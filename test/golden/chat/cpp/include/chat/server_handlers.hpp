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

#include "chat/behaviour.hpp"
#include "chat/handler_support.hpp"
#include "chat/hub.hpp"
#include "chat/messages.hpp"
#include "chat/server_session.hpp"

namespace chat {

/// What the server of chat does with each message a client sends.
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
  explicit ServerHandlers(MillisClock clock) : clock_(std::move(clock)), behaviour_(clock_) {}

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

  /// Authenticates a user with username and password and opens a session.
  ///
  /// Answer with LoginOk, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_login(ServerSession& session, const Login& message) {
    remember(message);
    return behaviour_.login(session, message);
  }

  /// On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.
  ///
  /// Answer with ResumeOk, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_resume(ServerSession& session, const Resume& message) {
    remember(message);
    return behaviour_.resume(session, message);
  }

  /// Ends the session: the user leaves all rooms and the session token becomes invalid.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  void on_logout(ServerSession& session, const Logout& message) {
    remember(message);
    behaviour_.logout(session, message);
  }

  /// Joins a room; the other members get a PresenceUpdate (joined).
  ///
  /// Answer with JoinOk, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_join_room(ServerSession& session, const JoinRoom& message) {
    remember(message);
    return behaviour_.join_room(session, message);
  }

  /// Leaves a room; the other members get a PresenceUpdate (left).
  ///
  /// Answer with LeaveOk, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_leave_room(ServerSession& session, const LeaveRoom& message) {
    remember(message);
    return behaviour_.leave_room(session, message);
  }

  /// Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.
  ///
  /// Answer with MessageAccepted, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_send_message(ServerSession& session, const SendMessage& message) {
    remember(message);
    return behaviour_.send_message(session, message);
  }

  /// Changes the user's status; members of the user's rooms get a PresenceUpdate (status_changed).
  void on_set_status(ServerSession& session, const SetStatus& message) {
    remember(message);
    const auto login = session.last<Login>();
    for (const std::string& group : session.groups()) {
      session.hub().broadcast(PresenceUpdate{
        .room = group,
        .username = login ? login->username : std::string("bob"),
        .change = PresenceChange::kStatusChanged,
        .status = message.status,
      }, group, &session);
    }
  }

  /// The user is typing in a room (active true; repeated every 3 s while typing) or stopped (active false). Best effort: may be lost.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  void on_typing(ServerSession& session, const Typing& message) {
    remember(message);
    behaviour_.typing(session, message);
  }

  /// A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).
  ///
  /// Answer with KickOk, or ErrorReply to refuse.
  ///
  /// The spec's behaviour section rules this message: behaviour.hpp checks it and answers.
  Message on_kick_user(ServerSession& session, const KickUser& message) {
    remember(message);
    return behaviour_.kick_user(session, message);
  }

   protected:
  /// Milliseconds since the epoch, UTC, for timestamps (injectable for tests).
  MillisClock clock_;

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
  std::atomic<std::uint64_t> ids_{0};
  /// The spec's behaviour section (behaviour.hpp): sessions, groups, history, checks.
  Behaviour behaviour_;
};

}  // namespace chat
