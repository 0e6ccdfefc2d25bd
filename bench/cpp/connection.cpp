#include "connection.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace bench {
namespace {

std::runtime_error socket_error(const char* what) { return std::runtime_error(std::string(what) + ": " + std::strerror(errno)); }

}  // namespace

Connection::Connection(const std::string& host, std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw socket_error("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    ::close(fd_);
    throw std::runtime_error("not an IPv4 address: " + host);
  }
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const auto error = socket_error("connect");
    ::close(fd_);
    throw error;
  }
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  timeval timeout{};
  timeout.tv_sec = 30;
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

void Connection::write_all(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw socket_error("send");
    }
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
}

std::size_t Connection::read_some(std::span<std::uint8_t> into) {
  while (true) {
    const ssize_t n = ::recv(fd_, into.data(), into.size(), 0);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) throw std::runtime_error("the server closed the connection");
    if (errno == EINTR) continue;
    throw socket_error("recv");
  }
}

void Connection::read_exact(std::span<std::uint8_t> into) {
  while (!into.empty()) into = into.subspan(read_some(into));
}

}  // namespace bench
