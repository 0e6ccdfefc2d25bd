// A coder's answer for chat's R7 in C++, as a model would write it: the first
// member of a room is its moderator, and only the moderator may kick. The
// handlers are the emitter's default include/chat/server_handlers.hpp
// (header-only, user-owned) with the rule added; the behaviour test, in the
// place the generated CMakeLists.txt picks it up by name, drives a real
// server and two clients over loopback.

/** include/chat/server_handlers.hpp with the moderation rule (R7) added to the emitter's default. */
export function moderationHandlersCpp(defaultText: string): string {
  const edits: readonly (readonly [string, string])[] = [
    ["#include <deque>\n", "#include <deque>\n#include <map>\n"],
    [
      "namespace chat {\n\n",
      [
        "namespace chat {",
        "",
        "/// The user of `session`: the username of its Login.",
        "inline std::string user_of(ServerSession& session) {",
        "  const auto login = session.last<Login>();",
        "  return login ? login->username : std::string();",
        "}",
        "",
        "",
      ].join("\n"),
    ],
    [".is_moderator = false}", ".is_moderator = moderate(message.room, user_of(session))}"],
    [
      "  Message on_kick_user(ServerSession& session, const KickUser& message) {\n    remember(message);\n",
      [
        "  Message on_kick_user(ServerSession& session, const KickUser& message) {",
        "    remember(message);",
        "    if (moderator_of(message.room) != user_of(session)) {",
        "      return ErrorReply{.code = ErrorCode::kNotAModerator, .detail = \"only the room's moderator may kick\", .retry_after_ms = std::nullopt};",
        "    }",
        "",
      ].join("\n"),
    ],
    [
      "   protected:\n",
      [
        "  /// Makes `user` the moderator of `room` when it has none; whether `user` moderates it.",
        "  bool moderate(const std::string& room, const std::string& user) {",
        "    std::lock_guard<std::mutex> lock(moderators_mutex_);",
        "    return moderators_.try_emplace(room, user).first->second == user;",
        "  }",
        "",
        "  /// The moderator of `room`; empty when it has none.",
        "  std::string moderator_of(const std::string& room) const {",
        "    std::lock_guard<std::mutex> lock(moderators_mutex_);",
        "    const auto found = moderators_.find(room);",
        "    return found == moderators_.end() ? std::string() : found->second;",
        "  }",
        "",
        "   protected:",
        "",
      ].join("\n"),
    ],
    [
      "   private:\n  mutable std::mutex received_mutex_;\n",
      "   private:\n  mutable std::mutex moderators_mutex_;\n  /// Each room's moderator: its first member.\n  std::map<std::string, std::string> moderators_;\n  mutable std::mutex received_mutex_;\n",
    ],
  ];
  let text = defaultText;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the default C++ handlers no longer contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

/** Where the coder's policy and the generated CMakeLists.txt expect a behaviour test. */
export const MODERATION_TEST_CPP_PATH = "test/behaviour_moderation_test.cpp";

export const MODERATION_TEST_CPP = `// Moderation (R7): the first member of a room is its moderator; only the moderator may kick.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <variant>

#include "chat/client.hpp"
#include "chat/server.hpp"

using namespace chat;

namespace {

/// Connects \`client\`, logs \`username\` in and joins the lobby; the JoinOk.
JoinOk join_lobby(ChatClient& client, const std::string& username) {
  client.connect();
  const Message login = client.login(Login{.username = username, .password = "password1", .status = std::nullopt});
  EXPECT_TRUE(std::holds_alternative<LoginOk>(login));
  return std::get<JoinOk>(client.join_room(JoinRoom{.room = "lobby"}));
}

}  // namespace

TEST(Moderation, TheFirstMemberModeratesAndMayKick) {
  ChatServer server;
  const auto port = server.start("127.0.0.1", 0);
  ChatClient alice("127.0.0.1", port);
  ChatClient bob("127.0.0.1", port);
  EXPECT_TRUE(join_lobby(alice, "alice").summary.is_moderator);
  EXPECT_FALSE(join_lobby(bob, "bob_b").summary.is_moderator);
  const Message kicked = alice.kick_user(KickUser{.room = "lobby", .username = "bob_b", .reason = std::nullopt});
  ASSERT_TRUE(std::holds_alternative<KickOk>(kicked));
  EXPECT_EQ(std::get<KickOk>(kicked), (KickOk{.room = "lobby", .username = "bob_b"}));
}

TEST(Moderation, AMemberMayNotKick) {
  ChatServer server;
  const auto port = server.start("127.0.0.1", 0);
  ChatClient alice("127.0.0.1", port);
  ChatClient bob("127.0.0.1", port);
  join_lobby(alice, "alice");
  join_lobby(bob, "bob_b");
  const Message refused = bob.kick_user(KickUser{.room = "lobby", .username = "alice", .reason = std::nullopt});
  ASSERT_TRUE(std::holds_alternative<ErrorReply>(refused));
  EXPECT_EQ(std::get<ErrorReply>(refused).code, ErrorCode::kNotAModerator);
}
`;
