// What arrives from one address (docs/wire-format.md section 10.2): ACKs
// settle retransmissions, a RELIABLE frame whose header is sound is
// acknowledged (a duplicate too, and a duplicate of an answered request gets
// the same answer again) and delivered once, anything else is delivered in
// order. A datagram that is not one well-formed frame is dropped and never
// acknowledged, and so is a message frame (not an answer, not a PING) while
// the receiver's queue is full. Called on the peer's strand; the link's
// pieces are given as functions so the transport and the tests supply them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "PROTOFORGE_NS/datagram_header.hpp"
#include "PROTOFORGE_NS/duplicate_window.hpp"

namespace PROTOFORGE_NS {

class DatagramInbox {
 public:
  using Bytes = std::vector<std::uint8_t>;

  struct Link {
    /** Sends one datagram now (lost if it cannot be sent, as datagrams may be). */
    std::function<void(const Bytes&)> send_now;
    /** An ACK (or answer) came for this identity: stop retransmitting it. */
    std::function<void(std::uint64_t)> settle;
    /** The identities of delivered reliable frames of this peer. */
    DuplicateWindow* window = nullptr;
  };

  /** `busy`: true while the receiver cannot take more (the datagram is then dropped unacknowledged); `debug` may be empty. */
  DatagramInbox(Link link, std::uint8_t wire_version, std::size_t max_frame_bytes, std::function<void(const Bytes&)> deliver,
                std::function<bool()> busy, std::function<void(std::string_view)> debug = {})
      : link_(std::move(link)),
        wire_version_(wire_version),
        max_frame_bytes_(max_frame_bytes),
        deliver_(std::move(deliver)),
        busy_(std::move(busy)),
        debug_(std::move(debug)) {}

  /** Handles one datagram at once; false when it was dropped. */
  bool accept(const Bytes& data) {
    const auto header = DatagramHeader::read(std::span<const std::uint8_t>(data), wire_version_, max_frame_bytes_);
    if (!header) {
      log("dropped an invalid datagram of " + std::to_string(data.size()) + " bytes");
      return false;
    }
    if ((header->flags & DatagramHeader::kAck) != 0) {
      if (header->message_id != 0 || header->payload_length != 0) {
        log("dropped an ACK with a message id or a payload (invalid_flags, trailing_bytes)");
        return false;
      }
      link_.settle(header->identity());
      return true;
    }
    // Answers and PINGs never wait in the queue: only the other message frames are dropped when it is full.
    if (!header->control() && !header->response() && busy_()) {
      log("dropped a datagram: the peer's queue is full");  // not ACKed: the sender will retransmit
      return false;
    }
    if (header->reliable()) {
      link_.send_now(header->ack(wire_version_));
      const std::uint64_t key = header->identity();
      DuplicateWindow& window = *link_.window;
      if (window.seen(key)) {
        if (auto answer = window.answer(key)) link_.send_now(*answer);
        return true;
      }
      window.add(key);
    }
    deliver_(data);
    return true;
  }

 private:
  void log(const std::string& line) const {
    if (debug_) debug_(line);
  }

  Link link_;
  const std::uint8_t wire_version_;
  const std::size_t max_frame_bytes_;
  const std::function<void(const Bytes&)> deliver_;
  const std::function<bool()> busy_;
  const std::function<void(std::string_view)> debug_;
};

}  // namespace PROTOFORGE_NS
