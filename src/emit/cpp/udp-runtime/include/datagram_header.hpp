// A datagram's frame header read without decoding the payload
// (docs/wire-format.md sections 1, 2, 6 and 10.2). The UDP transport
// acknowledges a RELIABLE frame once its header passes steps 1 to 7 of
// section 6; servers use the header of an undecodable frame to answer the
// request it carried. The identity (RESPONSE bit and sequence as one number)
// is what duplicate suppression and ACKs refer to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

namespace PROTOFORGE_NS {

struct DatagramHeader {
  static constexpr std::size_t kBytes = 14;
  static constexpr std::uint8_t kReliable = 0x01;
  static constexpr std::uint8_t kAck = 0x02;
  static constexpr std::uint8_t kResponse = 0x04;
  static constexpr std::uint8_t kPing = 0x08;
  static constexpr std::uint8_t kPong = 0x10;

  std::uint8_t flags = 0;
  std::uint16_t message_id = 0;
  std::uint32_t seq = 0;
  std::uint32_t payload_length = 0;

  bool reliable() const noexcept { return (flags & kReliable) != 0; }
  bool response() const noexcept { return (flags & kResponse) != 0; }
  bool control() const noexcept { return (flags & (kAck | kPing | kPong)) != 0; }
  std::uint64_t identity() const noexcept { return identity_of(response(), seq); }

  static std::uint64_t identity_of(bool response, std::uint32_t seq) noexcept {
    return static_cast<std::uint64_t>(seq) * 2 + (response ? 1 : 0);
  }

  /** The header fields of whatever `data` starts with, unchecked (for logging and error answers); nothing when shorter. */
  static std::optional<DatagramHeader> peek(std::span<const std::uint8_t> data) noexcept {
    if (data.size() < kBytes) return std::nullopt;
    DatagramHeader h;
    h.flags = data[3];
    h.message_id = static_cast<std::uint16_t>((data[4] << 8) | data[5]);
    h.seq = (static_cast<std::uint32_t>(data[6]) << 24) | (static_cast<std::uint32_t>(data[7]) << 16) |
            (static_cast<std::uint32_t>(data[8]) << 8) | data[9];
    h.payload_length = (static_cast<std::uint32_t>(data[10]) << 24) | (static_cast<std::uint32_t>(data[11]) << 16) |
                       (static_cast<std::uint32_t>(data[12]) << 8) | data[13];
    return h;
  }

  /** The header of one complete frame, or nothing when steps 1 to 7 of section 6 fail. */
  static std::optional<DatagramHeader> read(std::span<const std::uint8_t> data, std::uint8_t wire_version,
                                            std::size_t max_frame_bytes) noexcept {
    if (data.size() < kBytes) return std::nullopt;
    if (data[0] != 0x50 || data[1] != 0x46 || data[2] != wire_version || !valid_flags(data[3])) return std::nullopt;
    auto h = peek(data);
    if (max_frame_bytes < kBytes || h->payload_length > max_frame_bytes - kBytes || data.size() != kBytes + h->payload_length) {
      return std::nullopt;
    }
    return h;
  }

  /** The ACK of this frame: message id 0, empty payload, its sequence, its RESPONSE bit (flags 02 or 06). */
  std::vector<std::uint8_t> ack(std::uint8_t wire_version) const {
    const std::uint8_t ack_flags = static_cast<std::uint8_t>(kAck | (flags & kResponse));
    return {0x50,
            0x46,
            wire_version,
            ack_flags,
            0,
            0,
            static_cast<std::uint8_t>(seq >> 24),
            static_cast<std::uint8_t>(seq >> 16),
            static_cast<std::uint8_t>(seq >> 8),
            static_cast<std::uint8_t>(seq),
            0,
            0,
            0,
            0};
  }

  static bool valid_flags(std::uint8_t flags) noexcept {
    switch (flags) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x08:
      case 0x10:
        return true;
      default:
        return false;
    }
  }
};

/** The waits between the attempts of a reliable send; one wait of the initial backoff when the policy has none. */
inline std::vector<std::int64_t> datagram_delays(std::vector<std::int64_t> delays, std::int64_t initial_backoff_ms) {
  if (delays.empty()) return {initial_backoff_ms};
  return delays;
}

/** How long a receiver keeps a delivered identity: the sender's whole retransmission span. */
inline std::int64_t retransmission_span(const std::vector<std::int64_t>& delays) {
  return std::accumulate(delays.begin(), delays.end(), std::int64_t{0});
}

}  // namespace PROTOFORGE_NS
