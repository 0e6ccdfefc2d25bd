// A UDP socket on asio for the UDP transport (docs/wire-format.md section
// 10.2): bound (a server: one socket for every client address) or connected
// to one address (a client). Datagrams are read by an async receive loop on
// the socket's strand into a buffer one byte longer than the largest frame,
// so a longer datagram shows as a length mismatch and is never cut to fit.
// Sending is synchronous and safe from any thread; a datagram that cannot be
// sent is lost, as datagrams may be. close() is safe from any thread and
// idempotent; the loop's on_stop runs once after the socket closed.
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/buffer.hpp>
#include <asio/ip/address.hpp>
#include <asio/ip/udp.hpp>
#include <asio/post.hpp>
#include <asio/strand.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

class DatagramSocket : public std::enable_shared_from_this<DatagramSocket> {
 public:
  using Bytes = std::vector<std::uint8_t>;
  using Endpoint = asio::ip::udp::endpoint;
  using OnDatagram = std::function<void(Bytes, const Endpoint&)>;
  using Debug = std::function<void(std::string_view)>;

  /** A socket bound to host:port (port 0: the system picks one); asio::system_error when it cannot be bound. */
  static std::shared_ptr<DatagramSocket> bind(const asio::any_io_executor& executor, const std::string& host, std::uint16_t port,
                                              Debug debug = {}) {
    auto socket = std::shared_ptr<DatagramSocket>(new DatagramSocket(executor, std::move(debug)));
    const Endpoint local(resolve(executor, host, port), port);
    socket->socket_.open(local.protocol());
    socket->socket_.bind(local);
    return socket;
  }

  /** A socket connected to host:port (nothing is exchanged); asio::system_error when the host does not resolve. */
  static std::shared_ptr<DatagramSocket> connect(const asio::any_io_executor& executor, const std::string& host, std::uint16_t port,
                                                 Debug debug = {}) {
    auto socket = std::shared_ptr<DatagramSocket>(new DatagramSocket(executor, std::move(debug)));
    const Endpoint remote(resolve(executor, host, port), port);
    socket->socket_.open(remote.protocol());
    socket->socket_.connect(remote);
    return socket;
  }

  DatagramSocket(const DatagramSocket&) = delete;
  DatagramSocket& operator=(const DatagramSocket&) = delete;

  Endpoint local_endpoint() const {
    std::lock_guard<std::mutex> lock(send_mutex_);
    asio::error_code ignored;
    return socket_.local_endpoint(ignored);
  }

  bool closed() const noexcept { return closed_.load(); }

  /** Sends one datagram to `to` (to the connected peer when empty); false when it could not be sent. */
  bool send(const Bytes& data, const std::optional<Endpoint>& to = std::nullopt) {
    std::lock_guard<std::mutex> lock(send_mutex_);
    if (closed_.load()) return false;
    asio::error_code error;
    if (to) {
      socket_.send_to(asio::buffer(data), *to, 0, error);
    } else {
      socket_.send(asio::buffer(data), 0, error);
    }
    if (error) {
      log("udp: send failed: " + error.message());
      return false;
    }
    return true;
  }

  /** Starts the receive loop on the socket's strand: `on_datagram` for each datagram, `on_stop` once after close. */
  void start(std::size_t max_frame_bytes, OnDatagram on_datagram, std::function<void()> on_stop = {}) {
    buffer_.assign(std::min<std::size_t>(max_frame_bytes + 1, 65536), 0);
    on_datagram_ = std::move(on_datagram);
    on_stop_ = std::move(on_stop);
    asio::post(strand_, [self = shared_from_this()] { self->receive(); });
  }

  /**
   * Drops the loop's callbacks (and what they hold) at once. Only when the loop cannot run any more: after close() once
   * the executor's threads have stopped (an owner's destructor), so no reference cycle outlives the socket's owner.
   */
  void detach() {
    on_datagram_ = nullptr;
    on_stop_ = nullptr;
  }

  /** Closes the socket (on its strand); the receive loop ends. Safe from any thread, more than once. */
  void close() {
    if (closed_.exchange(true)) return;
    asio::post(strand_, [self = shared_from_this()] {
      std::lock_guard<std::mutex> lock(self->send_mutex_);
      asio::error_code ignored;
      self->socket_.close(ignored);
      if (!self->receiving_) self->stopped();
    });
  }

 private:
  DatagramSocket(const asio::any_io_executor& executor, Debug debug)
      : strand_(asio::make_strand(executor)), socket_(strand_), debug_(std::move(debug)) {}

  static asio::ip::address resolve(const asio::any_io_executor& executor, const std::string& host, std::uint16_t port) {
    asio::error_code error;
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, error);
    if (!error) return address;
    asio::ip::udp::resolver resolver(executor);
    auto results = resolver.resolve(asio::ip::udp::v4(), host, std::to_string(port));
    return results.begin()->endpoint().address();
  }

  void receive() {
    if (closed_.load()) {
      stopped();
      return;
    }
    receiving_ = true;
    socket_.async_receive_from(asio::buffer(buffer_), sender_, [self = shared_from_this()](const asio::error_code& error, std::size_t n) {
      self->receiving_ = false;
      if (self->closed_.load()) {
        self->stopped();
        return;
      }
      if (error) {
        // A port unreachable (nobody listens there yet) loses datagrams, not the socket.
        self->log("udp: receive failed: " + error.message());
      } else if (self->on_datagram_) {
        self->on_datagram_(Bytes(self->buffer_.begin(), self->buffer_.begin() + static_cast<std::ptrdiff_t>(n)), self->sender_);
      }
      self->receive();
    });
  }

  void stopped() {
    if (stop_reported_) return;
    stop_reported_ = true;
    on_datagram_ = nullptr;
    if (auto done = std::exchange(on_stop_, nullptr)) done();
  }

  void log(const std::string& line) const {
    if (debug_) debug_(line);
  }

  asio::strand<asio::any_io_executor> strand_;
  asio::ip::udp::socket socket_;
  const Debug debug_;
  mutable std::mutex send_mutex_;
  std::atomic<bool> closed_{false};
  // Touched on the strand only.
  bool receiving_ = false;
  bool stop_reported_ = false;
  std::vector<std::uint8_t> buffer_;
  Endpoint sender_;
  OnDatagram on_datagram_;
  std::function<void()> on_stop_;
};

}  // namespace PROTOFORGE_NS
