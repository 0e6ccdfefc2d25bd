#include "echo_server.hpp"

#include <array>
#include <memory>
#include <utility>

namespace bench {
namespace {

/** One connection: length, body, echo, until the peer closes or something fails. */
class EchoSession : public std::enable_shared_from_this<EchoSession> {
 public:
  explicit EchoSession(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}

  void start() {
    socket_.set_option(asio::ip::tcp::no_delay(true));
    read_length();
  }

 private:
  void read_length() {
    asio::async_read(socket_, asio::buffer(length_), [self = shared_from_this()](const asio::error_code& e, std::size_t) {
      if (!e) self->read_body();
    });
  }

  void read_body() {
    const std::size_t size = (std::size_t{length_[0]} << 24) | (std::size_t{length_[1]} << 16) | (std::size_t{length_[2]} << 8) | length_[3];
    if (size > kMaxBody) return;  // not a frame this benchmark sends: drop the connection
    body_.resize(size);
    asio::async_read(socket_, asio::buffer(body_), [self = shared_from_this()](const asio::error_code& e, std::size_t) {
      if (!e) self->write();
    });
  }

  void write() {
    const std::array<asio::const_buffer, 2> out = {asio::buffer(length_), asio::buffer(body_)};
    asio::async_write(socket_, out, [self = shared_from_this()](const asio::error_code& e, std::size_t) {
      if (!e) self->read_length();
    });
  }

  static constexpr std::size_t kMaxBody = 65536;
  asio::ip::tcp::socket socket_;
  std::array<std::uint8_t, 4> length_{};
  std::vector<std::uint8_t> body_;
};

}  // namespace

EchoServer::EchoServer(const std::string& host, std::size_t threads)
    : acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address(host), 0)) {
  port_ = acceptor_.local_endpoint().port();
  accept();
  for (std::size_t i = 0; i < threads; i++) threads_.emplace_back([this] { io_.run(); });
}

EchoServer::~EchoServer() { stop(); }

void EchoServer::accept() {
  acceptor_.async_accept([this](const asio::error_code& e, asio::ip::tcp::socket socket) {
    if (e) return;  // stopped
    std::make_shared<EchoSession>(std::move(socket))->start();
    accept();
  });
}

void EchoServer::stop() {
  io_.stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace bench
