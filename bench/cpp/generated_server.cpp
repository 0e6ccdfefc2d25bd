#include "generated_server.hpp"

#include "server_process.hpp"
#include "tcp_bench.hpp"

#include <stdexcept>

#if BENCH_HAVE_GENERATED_SERVER
#include <chat/client.hpp>
#include <chat/server.hpp>

#include <memory>
#include <optional>
#include <variant>
#endif

namespace bench {

#if BENCH_HAVE_GENERATED_SERVER
bool have_generated_server() { return true; }

std::string generated_server_missing() { return ""; }

namespace {

/** The generated ChatClient facade: connect and Login once, then send_message() -> MessageAccepted. */
class ClientSession : public Session {
 public:
  ClientSession(std::uint16_t port, int index) : client_(kHost, port) {
    client_.connect();
    chat::Login login;
    login.username = "bench" + std::to_string(1000 + index).substr(1);
    login.password = "correct horse battery staple";
    login.status = chat::UserStatus::kOnline;
    if (!std::holds_alternative<chat::LoginOk>(client_.login(login))) throw std::runtime_error("login refused");
  }

  bool round_trip() override {
    chat::SendMessage m;
    m.room = "bench";
    m.client_msg_id = ++next_id_;
    m.text = "See you at 10 in the usual room, bring the slides please.";
    return std::holds_alternative<chat::MessageAccepted>(client_.send_message(m));
  }

 private:
  chat::ChatClient client_;
  std::uint64_t next_id_ = 0;
};

}  // namespace

std::optional<Kind> generated_client_kind() {
  return Kind{"generated ChatServer/ChatClient", "serve-generated",
              [](std::uint16_t port, int index) -> std::unique_ptr<Session> { return std::make_unique<ClientSession>(port, index); }};
}

void serve_generated() {
  chat::ServerOptions options = chat::ServerOptions::defaults();
  options.rate_limit = std::nullopt;
  chat::ChatServer server(std::make_shared<chat::ServerHandlers>(), options);
  serve_until_stdin_closes(server.start(kHost, 0));
  server.stop();
}
#else
bool have_generated_server() { return false; }

std::optional<Kind> generated_client_kind() { return std::nullopt; }

std::string generated_server_missing() {
  return "generated server rows skipped: the generated C++ project has no TCP server yet (include/chat/server.hpp); only the raw echo below";
}

void serve_generated() { throw std::runtime_error(generated_server_missing()); }
#endif

}  // namespace bench
