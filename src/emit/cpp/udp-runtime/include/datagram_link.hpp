// Frames to one address over a datagram socket (docs/wire-format.md section
// 10.2), as Java's DatagramLink: one frame per datagram, RELIABLE frames
// retransmitted until acknowledged (Retransmitter, its waits as steady_timers
// on the given executor), the identities of delivered reliable frames and the
// answers sent to them kept for duplicates (DuplicateWindow: 1024 identities,
// each at least the whole retransmission span). Without an address the socket
// is connected to its peer (a client) and the link owns it: closing the link
// closes the socket. Safe from any thread.
#pragma once

#include <asio/any_io_executor.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "PROTOFORGE_NS/datagram_header.hpp"
#include "PROTOFORGE_NS/datagram_inbox.hpp"
#include "PROTOFORGE_NS/datagram_socket.hpp"
#include "PROTOFORGE_NS/duplicate_window.hpp"
#include "PROTOFORGE_NS/retransmit.hpp"
#include "PROTOFORGE_NS/retransmit_timer.hpp"

namespace PROTOFORGE_NS {

class DatagramLink {
 public:
  using Bytes = std::vector<std::uint8_t>;
  /** True for an outgoing datagram that should be lost (loss simulation in tests). */
  using Drop = std::function<bool(const Bytes&)>;
  using Debug = std::function<void(std::string_view)>;

  static constexpr std::size_t kWindowCapacity = 1024;

  /**
   * `address`: the peer, or std::nullopt for a socket connected to it (the link then owns the socket).
   * `delays_ms`: the waits between the attempts of a reliable send (datagram_delays of the retry policy).
   * `drop`, `on_close` (runs once when the link closes: the peer is forgotten) and `debug` may be empty.
   */
  DatagramLink(std::shared_ptr<DatagramSocket> socket, std::optional<DatagramSocket::Endpoint> address, const asio::any_io_executor& timers,
               const std::vector<std::int64_t>& delays_ms, Drop drop = {}, std::function<void()> on_close = {}, Debug debug = {})
      : socket_(std::move(socket)),
        address_(std::move(address)),
        drop_(std::move(drop)),
        on_close_(std::move(on_close)),
        debug_(std::move(debug)),
        retransmitter_([this](const Bytes& data) { send_now(data); }, retransmit_timer(timers), delays_ms),
        window_(kWindowCapacity, retransmission_span(delays_ms), monotonic_ms) {}

  DatagramLink(const DatagramLink&) = delete;
  DatagramLink& operator=(const DatagramLink&) = delete;
  ~DatagramLink() { close(); }

  /** Datagrams: RELIABLE frames, acknowledgements, nothing closes on a bad frame. */
  bool datagram() const noexcept { return true; }

  const std::shared_ptr<DatagramSocket>& socket() const noexcept { return socket_; }
  const std::optional<DatagramSocket::Endpoint>& address() const noexcept { return address_; }

  /** The identities of delivered reliable frames of this peer. */
  DuplicateWindow& window() noexcept { return window_; }

  /** The retransmissions under way. */
  std::size_t pending() const { return retransmitter_.pending(); }

  bool closed() const noexcept { return closed_.load(); }

  /** What a DatagramInbox of this link sends and settles through. */
  DatagramInbox::Link inbox_link() {
    return DatagramInbox::Link{[this](const Bytes& data) { send_now(data); }, [this](std::uint64_t identity) { settle(identity); }, &window_};
  }

  /** Sends one datagram now; one that cannot be sent is lost, as datagrams may be. */
  void send_now(const Bytes& data) {
    if (closed_.load()) return;
    if (drop_ && drop_(data)) {
      log("dropped an outgoing datagram of " + std::to_string(data.size()) + " bytes (loss simulation)");
      return;
    }
    socket_->send(data, address_);
  }

  /** Writes one frame; false when the link is closed (the peer is forgotten). */
  bool write(const Bytes& data) {
    if (closed_.load()) return false;
    send_now(data);
    return true;
  }

  /** Writes a RELIABLE frame and resends it until acknowledged; `done` is told how it ended (kClosed at once when closed). */
  void write_reliable(Bytes data, std::uint64_t identity, Retransmitter::Done done) {
    if (closed_.load()) {
      if (done) done(DeliveryOutcome::kClosed, "the peer is forgotten");
      return;
    }
    retransmitter_.send(std::move(data), identity, std::move(done));
  }

  /** The answer frame sent to request `request_seq`, kept for its duplicates. */
  void answered(std::uint32_t request_seq, Bytes frame) {
    window_.remember_answer(DatagramHeader::identity_of(false, request_seq), std::move(frame));
  }

  /** An ACK or answer came for the frame of `identity`: its retransmission stops. */
  void settle(std::uint64_t identity) { retransmitter_.settle(identity); }

  /** Stops the retransmissions (each told kClosed), closes an owned socket, runs on_close; once. */
  void close() {
    if (closed_.exchange(true)) return;
    retransmitter_.close();
    if (!address_) socket_->close();
    if (auto done = std::exchange(on_close_, nullptr)) done();
  }

 private:
  static std::int64_t monotonic_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  void log(const std::string& line) const {
    if (debug_) debug_(line);
  }

  const std::shared_ptr<DatagramSocket> socket_;
  const std::optional<DatagramSocket::Endpoint> address_;
  const Drop drop_;
  std::function<void()> on_close_;
  const Debug debug_;
  std::atomic<bool> closed_{false};
  Retransmitter retransmitter_;
  DuplicateWindow window_;
};

}  // namespace PROTOFORGE_NS
