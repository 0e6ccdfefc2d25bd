// A blocking loopback TCP connection for bench/cpp's load client, on plain
// POSIX sockets: TCP_NODELAY, and a 30 s receive timeout so that a server
// that stops answering ends the benchmark with an error instead of a hang.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace bench {

class Connection {
 public:
  Connection(const std::string& host, std::uint16_t port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void write_all(std::span<const std::uint8_t> bytes);
  void read_exact(std::span<std::uint8_t> into);
  /** Some bytes (at most into.size()), at least one; throws when the peer closed. */
  std::size_t read_some(std::span<std::uint8_t> into);

 private:
  int fd_ = -1;
};

}  // namespace bench
