// HttpServer and HttpClient over real HTTP on 127.0.0.1 with the chat layer
// and a hand-written dispatch: a request answered in a 200 envelope, a
// oneway 202, an event pushed to the client's SSE stream, the bearer bound to
// the session, the request timeout's 504, a chunked body over the frame limit
// 413, the session maximum 429 and stop() ending an open stream. Every wait
// is bounded (the request timeout, kWait).
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "PROTOFORGE_NS/http_client.hpp"
#include "PROTOFORGE_NS/http_server.hpp"

namespace PROTOFORGE_NS {
namespace {

using namespace std::chrono_literals;
constexpr auto kWait = 5000ms;

class Dispatch : public ServerDispatch {
 public:
  std::atomic<int> statuses{0};
  std::chrono::milliseconds join_delay{0};

  std::optional<Message> dispatch(ServerSession& session, const Message& message) override {
    if (const auto* login = std::get_if<Login>(&message)) {
      LoginOk ok;
      ok.session_token = Bytes(32, 7);
      ok.resume_window_ms = 60000;
      ok.server_time = 1;
      (void)login;
      return ok;
    }
    if (const auto* join = std::get_if<JoinRoom>(&message)) {
      if (join_delay.count() > 0) std::this_thread::sleep_for(join_delay);
      JoinOk ok;
      ok.summary.room = join->room;
      return ok;
    }
    if (const auto* send = std::get_if<SendMessage>(&message)) {
      RoomMessage event;
      event.room = send->room;
      event.message.message_id = 9;
      event.message.sender = "alice";
      event.message.text = send->text;
      event.message.sent_at = 2;
      session.push_after_answer(event);
      MessageAccepted ok;
      ok.client_msg_id = send->client_msg_id;
      ok.message_id = 9;
      ok.sent_at = 2;
      return ok;
    }
    if (std::holds_alternative<SetStatus>(message)) ++statuses;
    return std::nullopt;
  }
};

Login login() {
  Login m;
  m.username = "alice";
  m.password = "secret123";
  return m;
}

JoinRoom join(std::string room) {
  JoinRoom m;
  m.room = std::move(room);
  return m;
}

ServerOptions server_options() {
  auto o = ServerOptions::defaults();
  o.request_timeout = 2000ms;
  o.keepalive_interval = 200ms;
  return o;
}

ClientOptions client_options() {
  auto o = ClientOptions::defaults();
  o.request_timeout = 3000ms;
  o.connect_timeout = 2000ms;
  return o;
}

TEST(HttpLoopback, RequestsOnewaysAndAnEventOnTheStream) {
  Dispatch dispatch;
  HttpServer server(dispatch, server_options());
  const auto port = server.start("127.0.0.1", 0);
  HttpClient client("127.0.0.1", port, nullptr, client_options());
  client.connect();
  const Message ok = client.request(login());
  ASSERT_TRUE(std::holds_alternative<LoginOk>(ok));
  EXPECT_EQ(std::get<LoginOk>(ok).session_token, Bytes(32, 7));
  ASSERT_TRUE(std::holds_alternative<JoinOk>(client.request(join("lobby"))));
  SendMessage send;
  send.room = "lobby";
  send.client_msg_id = 5;
  send.text = "hello";
  const Message accepted = client.request(send);
  ASSERT_TRUE(std::holds_alternative<MessageAccepted>(accepted));
  EXPECT_EQ(std::get<MessageAccepted>(accepted).client_msg_id, 5u);
  const Message event = client.next_event(kWait);
  ASSERT_TRUE(std::holds_alternative<RoomMessage>(event));
  EXPECT_EQ(std::get<RoomMessage>(event).message.text, "hello");
  SetStatus status;
  status.status = UserStatus::kAway;
  client.send(status);
  EXPECT_EQ(dispatch.statuses.load(), 1);
  ASSERT_EQ(server.sessions().size(), 1u);
  EXPECT_TRUE(server.sessions()[0]->authenticated());
  client.close();
  EXPECT_THROW(client.request(join("late")), ConnectionClosed);
  server.stop();
}

TEST(HttpLoopback, TheBearerIsBoundToTheSession) {
  Dispatch dispatch;
  HttpServer server(dispatch, server_options());
  const auto port = server.start("127.0.0.1", 0);
  HttpClient client("127.0.0.1", port, nullptr, client_options());
  client.connect();
  ASSERT_TRUE(std::holds_alternative<LoginOk>(client.request(login())));
  httplib::Client raw("127.0.0.1", port);
  raw.set_read_timeout(kWait);
  const std::string body = R"({"room":"lobby"})";
  const httplib::Headers wrong{{"X-Protoforge-Session", client.session_id()}, {"X-Protoforge-Seq", "7"}, {"Authorization", "Bearer nope-nope"}};
  auto res = raw.Post("/" + std::string(protocol_info::kProtocolName) + "/messages/JoinRoom", wrong, body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->body, R"({"error":"unauthorized","message":"the credential does not match the session's"})");
  const httplib::Headers right{{"X-Protoforge-Session", client.session_id()}, {"X-Protoforge-Seq", "7"}, {"Authorization", "Bearer secret123"}};
  res = raw.Post("/" + std::string(protocol_info::kProtocolName) + "/messages/JoinRoom", right, body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, R"({"type":"JoinOk","seq":7,"payload":{"summary":{"room":"lobby","members":[],"is_moderator":false},"history":[]}})");
  // Before authentication the state machine answers: the error message, not_authenticated.
  const httplib::Headers fresh{{"X-Protoforge-Session", "fresh"}, {"X-Protoforge-Seq", "1"}};
  res = raw.Post("/" + std::string(protocol_info::kProtocolName) + "/messages/JoinRoom", fresh, body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("not_authenticated"), std::string::npos) << res->body;
}

TEST(HttpLoopback, AHandlerOverTheRequestTimeoutIs504) {
  Dispatch dispatch;
  dispatch.join_delay = 600ms;
  auto options = server_options();
  options.request_timeout = 100ms;
  HttpServer server(dispatch, options);
  const auto port = server.start("127.0.0.1", 0);
  HttpClient client("127.0.0.1", port, nullptr, client_options());
  client.connect();
  ASSERT_TRUE(std::holds_alternative<LoginOk>(client.request(login())));
  try {
    client.request(join("slow"));
    FAIL() << "no 504";
  } catch (const HttpStatusError& e) {
    EXPECT_EQ(e.status(), 504);
    EXPECT_EQ(e.error(), "timeout");
    EXPECT_EQ(e.code(), "http_status");
  }
  server.stop();
}

TEST(HttpLoopback, AChunkedBodyOverTheLimitIs413) {
  Dispatch dispatch;
  auto options = server_options();
  options.max_frame_bytes = 1000;
  HttpServer server(dispatch, options);
  const auto port = server.start("127.0.0.1", 0);
  httplib::Client raw("127.0.0.1", port);
  raw.set_read_timeout(kWait);
  const std::string big(200000, 'a');
  std::size_t sent = 0;
  auto res = raw.Post(
      "/" + std::string(protocol_info::kProtocolName) + "/messages/Login", httplib::Headers{{"X-Protoforge-Seq", "1"}},
      [&](std::size_t, httplib::DataSink& sink) {
        const std::size_t n = std::min<std::size_t>(8192, big.size() - sent);
        if (n == 0) {
          sink.done();
          return true;
        }
        sink.write(big.data() + sent, n);
        sent += n;
        return true;
      },
      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->body, R"({"error":"frame_too_large","message":"the body is larger than 1000 bytes"})");
  EXPECT_EQ(sent, big.size());
}

TEST(HttpLoopback, OverTheSessionMaximumIs429AndStopEndsAStream) {
  Dispatch dispatch;
  auto options = server_options();
  options.max_sessions = 1;
  HttpServer server(dispatch, options);
  const auto port = server.start("127.0.0.1", 0);
  HttpClient first("127.0.0.1", port, nullptr, client_options());
  first.connect();
  ASSERT_TRUE(std::holds_alternative<LoginOk>(first.request(login())));
  HttpClient second("127.0.0.1", port, nullptr, client_options());
  second.connect();
  try {
    second.request(login());
    FAIL() << "no 429";
  } catch (const HttpStatusError& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_EQ(e.error(), "rate_limited");
  }
  server.stop();
  EXPECT_TRUE(server.sessions().empty());
  EXPECT_THROW(first.request(join("after")), ConnectionClosed);
}

}  // namespace
}  // namespace PROTOFORGE_NS
