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

  /// Authenticates a user with username and password and opens a session.
  ///
  /// Answer with LoginOk, or ErrorReply to refuse.
  ///
  /// The default accepts every credential: check them here.
  Message on_login([[maybe_unused]] ServerSession& session, const Login& message) {
    remember(message);
    return LoginOk{.session_token = random_bytes(32), .resume_window_ms = 600000U, .server_time = clock_()};
  }

  /// On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.
  ///
  /// Answer with ResumeOk, or ErrorReply to refuse.
  Message on_resume(ServerSession& session, const Resume& message) {
    remember(message);
    const auto login = session.last<Login>();
    return ResumeOk{
      .session_token = random_bytes(32),
      .username = login ? login->username : std::string("bob"),
      .rooms = std::vector<RoomSummary>{},
      .replayed_count = 0,
    };
  }

  /// Ends the session: the user leaves all rooms and the session token becomes invalid.
  void on_logout([[maybe_unused]] ServerSession& session, const Logout& message) {
    remember(message);
  }

  /// Joins a room; the other members get a PresenceUpdate (joined).
  ///
  /// Answer with JoinOk, or ErrorReply to refuse.
  Message on_join_room(ServerSession& session, const JoinRoom& message) {
    remember(message);
    const auto login = session.last<Login>();
    const JoinOk answer = JoinOk{
      .summary = RoomSummary{.room = message.room, .members = std::vector<Member>{}, .is_moderator = false},
      .history = std::vector<ChatMessage>{},
    };
    session.hub().join(message.room, session.shared_from_this());
    session.hub().broadcast(PresenceUpdate{
      .room = message.room,
      .username = login ? login->username : std::string("bob"),
      .change = PresenceChange::kJoined,
      .status = login && login->status ? *login->status : UserStatus::kOnline,
    }, message.room, &session);
    return answer;
  }

  /// Leaves a room; the other members get a PresenceUpdate (left).
  ///
  /// Answer with LeaveOk, or ErrorReply to refuse.
  Message on_leave_room(ServerSession& session, const LeaveRoom& message) {
    remember(message);
    const auto login = session.last<Login>();
    const LeaveOk answer = LeaveOk{.room = message.room};
    session.hub().leave(message.room, session);
    session.hub().broadcast(PresenceUpdate{
      .room = message.room,
      .username = login ? login->username : std::string("bob"),
      .change = PresenceChange::kLeft,
      .status = login && login->status ? *login->status : UserStatus::kOnline,
    }, message.room, &session);
    return answer;
  }

  /// Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.
  ///
  /// Answer with MessageAccepted, or ErrorReply to refuse.
  Message on_send_message(ServerSession& session, const SendMessage& message) {
    remember(message);
    const auto login = session.last<Login>();
    const MessageAccepted answer = MessageAccepted{
      .client_msg_id = message.client_msg_id,
      .message_id = next_id(),
      .sent_at = clock_(),
    };
    session.hub().broadcast(RoomMessage{
      .room = message.room,
      .message = ChatMessage{
        .message_id = answer.message_id,
        .sender = login ? login->username : std::string("bob"),
        .text = message.text,
        .sent_at = answer.sent_at,
      },
    }, message.room, nullptr);
    return answer;
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
  void on_typing(ServerSession& session, const Typing& message) {
    remember(message);
    const auto login = session.last<Login>();
    session.hub().broadcast(MemberTyping{
      .room = message.room,
      .username = login ? login->username : std::string("bob"),
      .active = message.active,
    }, message.room, &session);
  }

  /// A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).
  ///
  /// Answer with KickOk, or ErrorReply to refuse.
  Message on_kick_user(ServerSession& session, const KickUser& message) {
    remember(message);
    const auto login = session.last<Login>();
    const KickOk answer = KickOk{.room = message.room, .username = message.username};
    session.hub().broadcast(PresenceUpdate{
      .room = message.room,
      .username = message.username,
      .change = PresenceChange::kKicked,
      .status = login && login->status ? *login->status : UserStatus::kOnline,
    }, message.room, &session);
    session.hub().broadcast(Kicked{
      .room = message.room,
      .moderator = login ? login->username : std::string("bob"),
      .reason = message.reason,
    }, message.room, &session);
    return answer;
  }

   protected:
  /// Milliseconds since the epoch, UTC, for timestamps (injectable for tests).
  MillisClock clock_;

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
  std::atomic<std::uint64_t> ids_{0};
};

}  // namespace chat
