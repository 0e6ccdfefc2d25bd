// The wire format's building blocks (docs/wire-format.md sections 1 to 6):
// frame header constants and checks, control frames, the stream deframer,
// and in `detail` the bounds-checked big-endian reader and writer, strict
// UTF-8 and the constraint errors the generated code throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "PROTOFORGE_NS/wire_error.hpp"

namespace PROTOFORGE_NS {

/** Bytes of a frame or a payload. */
using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kHeaderBytes = 14;
inline constexpr std::uint8_t kFlagReliable = 0x01;
inline constexpr std::uint8_t kFlagAck = 0x02;
inline constexpr std::uint8_t kFlagResponse = 0x04;
inline constexpr std::uint8_t kFlagPing = 0x08;
inline constexpr std::uint8_t kFlagPong = 0x10;

/** The kind of a control frame (section 2). */
enum class ControlKind : std::uint8_t { kAck = kFlagAck, kPing = kFlagPing, kPong = kFlagPong };

/** "ack", "ping", "pong" (the golden vectors' spelling). */
std::string_view control_name(ControlKind kind) noexcept;

/** A frame header that passed steps 1 to 5 of section 6. */
struct Header {
  std::uint8_t flags = 0;
  std::uint16_t message_id = 0;
  std::uint32_t seq = 0;
  std::uint32_t length = 0;
};

/** Cuts one stream (a TCP connection) into frames (section 10.1): the header is checked as soon as it is there. */
class Deframer {
 public:
  Deframer(std::uint8_t wire_version, std::uint32_t max_frame_bytes) : wire_version_(wire_version), max_frame_bytes_(max_frame_bytes) {}
  /** The complete frames `chunk` finishes, in order; WireError (and every later call too) on a bad header. */
  std::vector<Bytes> push(std::span<const std::uint8_t> chunk);
  /** At the end of the stream: truncated when it ended inside a frame. */
  void finish() const;
  /** Bytes held of a frame not complete yet. */
  std::size_t buffered() const noexcept { return pending_.size(); }

 private:
  std::uint8_t wire_version_;
  std::uint32_t max_frame_bytes_;
  Bytes pending_;
  std::optional<std::size_t> frame_size_;
  std::optional<WireError> failure_;
};

namespace detail {

/** Steps 1 to 5 of section 6 on the first bytes of `bytes`. */
Header read_header(std::span<const std::uint8_t> bytes, std::uint8_t wire_version, std::uint32_t max_frame_bytes);
void write_header(std::uint8_t* frame, std::uint8_t wire_version, std::uint8_t flags, std::uint16_t message_id, std::uint32_t seq, std::uint32_t length);
/** Empty when the flags byte keeps rules 1 to 3 of section 2, else what is wrong. */
std::string flags_problem(std::uint8_t flags);
/** The problem of a message frame's flags for a message (response or not), or empty. */
std::string message_flags_problem(std::uint8_t flags, std::string_view name, bool response);
std::optional<ControlKind> control_kind(std::uint8_t flags) noexcept;

/** Whether `s` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points above U+10FFFF). */
bool valid_utf8(std::string_view s) noexcept;
/** The code points of well-formed UTF-8 (for the patterns). */
std::wstring code_points(std::string_view s);
/** Whether the whole string matches (a pattern over code points, see patterns.cpp). */
bool matches(const std::wregex& pattern, std::string_view utf8);

/** A big-endian writer into a growing buffer that refuses to grow past the frame limit. */
class ByteWriter {
 public:
  explicit ByteWriter(std::size_t limit) : limit_(limit) {}
  void boolean(bool v) { u8(v ? 1 : 0); }
  void u8(std::uint8_t v) { put(v, 1); }
  void i8(std::int8_t v) { put(static_cast<std::uint8_t>(v), 1); }
  void u16(std::uint16_t v) { put(v, 2); }
  void i16(std::int16_t v) { put(static_cast<std::uint16_t>(v), 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
  void u64(std::uint64_t v) { put(v, 8); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
  void f32(float v);
  void f64(double v);
  /** A uint32 length or count. */
  void count(std::size_t n);
  void string(std::string_view s);
  void bytes(std::span<const std::uint8_t> b);
  void skip(std::size_t n);
  std::size_t size() const noexcept { return out_.size(); }
  Bytes finish() { return std::move(out_); }

 private:
  void put(std::uint64_t v, int n);
  void room(std::size_t n);
  std::size_t limit_;
  Bytes out_;
};

/** A big-endian reader over a payload: every read is checked against the bytes left (truncated). */
class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  std::size_t position() const noexcept { return pos_; }
  std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
  bool boolean(std::string_view path);
  bool present(std::string_view path);
  std::uint8_t u8(std::string_view path) { return static_cast<std::uint8_t>(get(1, path)); }
  std::int8_t i8(std::string_view path) { return static_cast<std::int8_t>(get(1, path)); }
  std::uint16_t u16(std::string_view path) { return static_cast<std::uint16_t>(get(2, path)); }
  std::int16_t i16(std::string_view path) { return static_cast<std::int16_t>(get(2, path)); }
  std::uint32_t u32(std::string_view path) { return static_cast<std::uint32_t>(get(4, path)); }
  std::int32_t i32(std::string_view path) { return static_cast<std::int32_t>(get(4, path)); }
  std::uint64_t u64(std::string_view path) { return get(8, path); }
  std::int64_t i64(std::string_view path) { return static_cast<std::int64_t>(get(8, path)); }
  /** A finite float32 (NaN and infinities are invalid_value). */
  float f32(std::string_view path);
  double f64(std::string_view path);
  /** A uint32 length or count, at most the bytes left after it (else truncated). */
  std::uint32_t prefix(std::string_view what, std::string_view path);
  /** `n` bytes (checked by prefix) as a string, which must be UTF-8 (invalid_utf8). */
  std::string utf8(std::uint32_t n, std::string_view path);
  Bytes bytes(std::uint32_t n);

 private:
  std::uint64_t get(int n, std::string_view path);
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

// The errors of checks (section 5 and 7), with a relative path.
WireError missing(std::string_view path);
WireError not_finite(std::string_view path, double value);
WireError bad_enum(std::string_view path, std::uint64_t value, std::string_view enum_name);
WireError below_min(std::string_view path, std::string_view value, std::string_view min);
WireError above_max(std::string_view path, std::string_view value, std::string_view max);
WireError length_below(std::string_view path, std::size_t length, std::size_t min);
WireError length_above(std::string_view path, std::size_t length, std::size_t max);
WireError items_below(std::string_view path, std::size_t count, std::size_t min);
WireError items_above(std::string_view path, std::size_t count, std::size_t max);
WireError bad_utf8(std::string_view path, std::size_t length);
WireError pattern_mismatch(std::string_view path, std::string_view value, std::string_view pattern);
/** A number as an error message shows it. */
std::string number_text(double v);
inline std::string number_text(float v) { return number_text(static_cast<double>(v)); }
template <typename T>
std::string number_text(T v) {
  return std::to_string(v);
}

/** Checks of application values, shared by validate() and the JSON readers. */
inline void check_utf8(std::string_view s, std::string_view path) {
  if (!valid_utf8(s)) throw bad_utf8(path, s.size());
}

}  // namespace detail
}  // namespace PROTOFORGE_NS
