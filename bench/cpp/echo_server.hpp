// The raw baseline of bench/cpp's TCP part: an asio echo server, written
// plainly. One io_context run by two threads (the generated server's IoPool
// default); per connection one chain of async operations: read a 4-byte
// big-endian length, read the body, write both back, again. No protocol.
#pragma once

#include <asio.hpp>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace bench {

class EchoServer {
 public:
  /** Listens on host, an ephemeral port, and serves on `threads` threads until stop(). */
  EchoServer(const std::string& host, std::size_t threads);
  ~EchoServer();
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  std::uint16_t port() const { return port_; }
  void stop();

 private:
  void accept();

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace bench
