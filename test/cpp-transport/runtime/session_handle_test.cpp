// ServerSession::handle, refuse and refuse_invalid against chat's generated
// profile (the test is built against chat): authentication first, the role
// machine, the spec's ErrorReply per refusal reason with its code, the
// credential of Login, a failing handler answered as internal, a oneway over
// the rate limit dropped (chat answers rate_limited), onInvalid field errors.
#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/server_session.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace PROTOFORGE_NS;

namespace {

class Session : public ServerSession {
 public:
  explicit Session(Hub& hub, const std::optional<RateLimit>& rate = std::nullopt)
      : ServerSession(hub, hub.next_id(), "127.0.0.1:5000", kAuthRequired, rate, [this](std::string_view l) { lines.emplace_back(l); }) {}
  std::vector<std::string> lines;

 protected:
  void transmit(const Message&) override {}
};

class Handlers : public ServerDispatch {
 public:
  bool fail = false;
  std::optional<Message> dispatch(ServerSession& session, const Message& message) override {
    if (fail) throw std::runtime_error("boom");
    if (std::holds_alternative<Login>(message)) {
      LoginOk ok;
      ok.session_token = Bytes(32, 1);
      session.push_after_answer(PresenceUpdate{});
      return ok;
    }
    if (std::holds_alternative<JoinRoom>(message)) return JoinOk{};
    return std::nullopt;
  }
};

Login login() {
  Login l;
  l.username = "alice";
  l.password = "correct horse";
  return l;
}

const ErrorReply& error_of(const Verdict& v) { return std::get<ErrorReply>(*v.answer); }

}  // namespace

TEST(SessionHandle, RefusesBeforeAuthenticationWithTheNotAuthenticatedCode) {
  Hub hub;
  auto s = std::make_shared<Session>(hub);
  Handlers h;
  JoinRoom join;
  join.room = "general";
  auto v = s->handle(join, h);
  ASSERT_TRUE(v && v->answer);
  EXPECT_TRUE(v->refused);
  EXPECT_FALSE(v->close);
  EXPECT_EQ(error_of(*v).code, ErrorCode::kNotAuthenticated);
  EXPECT_EQ(error_of(*v).detail, "JoinRoom before Login succeeded");
  EXPECT_FALSE(s->authenticated());
  ASSERT_EQ(s->lines.size(), 1u);
  EXPECT_EQ(s->lines[0], "[1 127.0.0.1:5000] <- JoinRoom {\"room\":\"general\"}");
}

TEST(SessionHandle, LoginAuthenticatesKeepsTheCredentialAndPushesAfterTheAnswer) {
  Hub hub;
  auto s = std::make_shared<Session>(hub);
  Handlers h;
  auto v = s->handle(login(), h);
  ASSERT_TRUE(v && v->answer);
  EXPECT_TRUE(std::holds_alternative<LoginOk>(*v->answer));
  EXPECT_FALSE(v->refused);
  EXPECT_EQ(v->pushes.size(), 1u);
  EXPECT_TRUE(s->authenticated());
  EXPECT_EQ(s->credential(), std::optional<std::string>("correct horse"));
  EXPECT_EQ(s->state(), "serving");
  EXPECT_EQ(s->last<Login>()->username, "alice");
  EXPECT_FALSE(s->last<JoinRoom>().has_value());
}

TEST(SessionHandle, OutOfOrderAndFailingHandlersAreAnsweredWithTheSpecsCodes) {
  Hub hub;
  auto s = std::make_shared<Session>(hub);
  Handlers h;
  ASSERT_TRUE(s->handle(login(), h));
  auto again = s->handle(login(), h);  // Login again in ready
  ASSERT_TRUE(again && again->answer);
  EXPECT_EQ(error_of(*again).code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(again->reason, "out_of_order");
  EXPECT_EQ(error_of(*again).detail, "the responder cannot receive Login in state serving");  // Java's StateError text
  h.fail = true;
  JoinRoom join;
  join.room = "general";
  auto failed = s->handle(join, h);
  ASSERT_TRUE(failed && failed->answer);
  EXPECT_EQ(failed->reason, "internal");
  EXPECT_EQ(error_of(*failed).detail, "the handler of JoinRoom failed: boom");
  EXPECT_EQ(s->state(), "serving");  // the error answer took the machine back
}

TEST(SessionHandle, OverTheRateLimitIsRateLimitedWithRetryAfter) {
  Hub hub;
  auto s = std::make_shared<Session>(hub, RateLimit(1.0, 1));
  EXPECT_TRUE(s->admit());
  EXPECT_FALSE(s->admit());
  JoinRoom join;
  join.room = "general";
  auto v = s->over_limit(join);
  ASSERT_TRUE(v.answer);
  EXPECT_EQ(error_of(v).code, ErrorCode::kRateLimited);
  ASSERT_TRUE(error_of(v).retry_after_ms.has_value());
  EXPECT_GE(*error_of(v).retry_after_ms, 1u);
  EXPECT_LE(*error_of(v).retry_after_ms, 1000u);
  auto typing = s->over_limit(Typing{});  // a oneway: dropped, the session goes on (chat answers rate_limited)
  EXPECT_FALSE(typing.answer);
  EXPECT_FALSE(typing.close);
}

TEST(SessionHandle, ABrokenFieldConstraintIsAnsweredWithItsOnInvalidError) {
  Hub hub;
  auto s = std::make_shared<Session>(hub);
  const WireError error = WireError(WireError::Code::kConstraintViolated, "length of 1001 bytes is above max 1000", "text").in_message("SendMessage");
  EXPECT_EQ(ServerSession::field_error(error), std::optional<std::string>("message_too_long"));
  auto v = s->refuse_invalid(20, error);
  ASSERT_TRUE(v.answer);
  EXPECT_EQ(error_of(v).code, ErrorCode::kMessageTooLong);
  EXPECT_EQ(error_of(v).detail, "constraint_violated: SendMessage.text: length of 1001 bytes is above max 1000");
  const WireError other(WireError::Code::kInvalidUtf8, "bad", "SendMessage.room");
  auto w = s->refuse_invalid(20, other);
  ASSERT_TRUE(w.answer);
  EXPECT_EQ(error_of(w).code, ErrorCode::kInvalidRequest);
  EXPECT_FALSE(s->refuse_invalid(5, other).answer);  // Logout is a oneway: nothing to answer
}

TEST(Profile, KnowsEveryMessage) {
  ASSERT_NE(profile::info("Login"), nullptr);
  EXPECT_TRUE(profile::info("Login")->answers_with("LoginOk"));
  EXPECT_TRUE(profile::info("Login")->answers_with("ErrorReply"));
  EXPECT_FALSE(profile::info("Login")->answers_with("JoinOk"));
  EXPECT_EQ(profile::info(Message(Typing{})).kind_name(), "oneway");
  EXPECT_EQ(profile::info("Nope"), nullptr);
  EXPECT_EQ(ServerOptions::defaults().max_frame_bytes, protocol_info::kMaxFrameBytes);
  EXPECT_TRUE(ServerOptions::defaults().rate_limit.has_value());
  EXPECT_EQ(ClientOptions::defaults().retry.delays_ms().size(), static_cast<std::size_t>(protocol_info::kRetryMaxAttempts));
}

TEST(SessionHandle, AHandlerOutlivingTheTimeoutIsAnsweredByTheWatchdogAndItsResultDropped) {
  Hub hub;
  auto s = std::make_shared<Session>(hub);
  // The schedule keeps the watchdog; the handler fires it while it runs, as a timer would after the timeout.
  std::function<void()> watchdog;
  std::int64_t scheduled_ms = 0;
  int cancels = 0;
  ServerSession::Schedule schedule = [&](std::int64_t delay_ms, std::function<void()> fire) -> std::function<void()> {
    scheduled_ms = delay_ms;
    watchdog = std::move(fire);
    return [&cancels] { ++cancels; };
  };
  class Slow : public ServerDispatch {
   public:
    explicit Slow(std::function<void()>& w) : watchdog_(w) {}
    std::optional<Message> dispatch(ServerSession&, const Message&) override {
      watchdog_();  // the timeout passes while the handler runs
      LoginOk ok;
      ok.session_token = Bytes(32, 1);
      return ok;
    }

   private:
    std::function<void()>& watchdog_;
  } slow(watchdog);
  std::optional<Verdict> late;
  auto v = s->handle(login(), slow, std::chrono::milliseconds(250), schedule, [&](Verdict verdict) { late = std::move(verdict); });
  EXPECT_FALSE(v.has_value());  // the handler's own answer is dropped
  EXPECT_EQ(scheduled_ms, 250);
  EXPECT_EQ(cancels, 0);
  ASSERT_TRUE(late && late->answer);
  EXPECT_TRUE(late->timed_out);
  EXPECT_EQ(late->reason, "internal");
  EXPECT_EQ(error_of(*late).detail, "the handler of Login took longer than 250 ms");
  EXPECT_FALSE(s->authenticated());
  // A handler within the timeout cancels the watchdog once.
  auto fresh = std::make_shared<Session>(hub);
  Handlers quick;
  auto ok = fresh->handle(login(), quick, std::chrono::milliseconds(250), schedule, [](Verdict) {});
  ASSERT_TRUE(ok && ok->answer);
  EXPECT_EQ(cancels, 1);
}
