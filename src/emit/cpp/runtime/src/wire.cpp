// The wire format's building blocks (docs/wire-format.md sections 1 to 6).
#include "PROTOFORGE_NS/wire.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace PROTOFORGE_NS {

// Floats go on the wire as their IEEE 754 bits; patterns match one code point per wchar_t.
static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559, "floats must be IEEE 754 binary32/binary64");
static_assert(sizeof(wchar_t) == 4, "the patterns need a 32-bit wchar_t (one code point each)");

namespace {

std::string hex2(unsigned b) {
  const char* digits = "0123456789abcdef";
  return {digits[(b >> 4) & 0xF], digits[b & 0xF]};
}

std::uint32_t be32(const std::uint8_t* p) {
  return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) | (static_cast<std::uint32_t>(p[2]) << 8) |
         static_cast<std::uint32_t>(p[3]);
}

}  // namespace

std::string_view control_name(ControlKind kind) noexcept {
  switch (kind) {
    case ControlKind::kAck: return "ack";
    case ControlKind::kPing: return "ping";
    case ControlKind::kPong: return "pong";
  }
  return "ack";
}

std::vector<Bytes> Deframer::push(std::span<const std::uint8_t> chunk) {
  if (failure_) throw *failure_;
  std::vector<Bytes> frames;
  try {
    std::size_t at = 0;
    while (at < chunk.size()) {
      if (pending_.empty() && !frame_size_) {
        // Whole frames straight out of the chunk, without copying them twice.
        std::span<const std::uint8_t> rest = chunk.subspan(at);
        if (rest.size() >= kHeaderBytes) {
          std::size_t size = kHeaderBytes + detail::read_header(rest, wire_version_, max_frame_bytes_).length;
          if (rest.size() >= size) {
            frames.emplace_back(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(size));
            at += size;
            continue;
          }
        }
      }
      if (!frame_size_) {
        std::size_t n = std::min(kHeaderBytes - pending_.size(), chunk.size() - at);
        pending_.insert(pending_.end(), chunk.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin() + static_cast<std::ptrdiff_t>(at + n));
        at += n;
        if (pending_.size() < kHeaderBytes) break;
        frame_size_ = kHeaderBytes + detail::read_header(pending_, wire_version_, max_frame_bytes_).length;
      }
      std::size_t n = std::min(*frame_size_ - pending_.size(), chunk.size() - at);
      pending_.insert(pending_.end(), chunk.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin() + static_cast<std::ptrdiff_t>(at + n));
      at += n;
      if (pending_.size() == *frame_size_) {
        frames.push_back(std::move(pending_));
        pending_ = Bytes();
        frame_size_.reset();
      }
    }
  } catch (const WireError& e) {
    failure_ = e;
    throw;
  }
  return frames;
}

void Deframer::finish() const {
  if (failure_) throw *failure_;
  if (!pending_.empty()) {
    throw WireError(WireError::Code::kTruncated, "stream ended inside a frame (" + std::to_string(pending_.size()) + " bytes held)");
  }
}

namespace detail {

std::string flags_problem(std::uint8_t flags) {
  if ((flags & ~0x1Fu) != 0) return "reserved flag bits set (0x" + hex2(flags & ~0x1Fu & 0xFFu) + ")";
  unsigned control = flags & (kFlagAck | kFlagPing | kFlagPong);
  if (control == 0) return {};
  if ((control & (control - 1)) != 0) return "more than one of ACK, PING and PONG set";
  if ((flags & kFlagReliable) != 0) return "RELIABLE set on a control frame";
  if ((flags & kFlagResponse) != 0 && control != kFlagAck) return "RESPONSE set on a PING or PONG frame";
  return {};
}

std::string message_flags_problem(std::uint8_t flags, std::string_view name, bool response) {
  std::string problem = flags_problem(flags);
  if (!problem.empty()) return "flags 0x" + hex2(flags) + ": " + problem;
  if ((flags & (kFlagAck | kFlagPing | kFlagPong)) != 0) return "control flags set on a message frame";
  if (((flags & kFlagResponse) != 0) != response) {
    return response ? "RESPONSE missing on " + std::string(name) + ", which is a response" : "RESPONSE set on " + std::string(name) + ", which is not a response";
  }
  return {};
}

std::optional<ControlKind> control_kind(std::uint8_t flags) noexcept {
  if ((flags & kFlagAck) != 0) return ControlKind::kAck;
  if ((flags & kFlagPing) != 0) return ControlKind::kPing;
  if ((flags & kFlagPong) != 0) return ControlKind::kPong;
  return std::nullopt;
}

Header read_header(std::span<const std::uint8_t> bytes, std::uint8_t wire_version, std::uint32_t max_frame_bytes) {
  if (bytes.size() < kHeaderBytes) {
    throw WireError(WireError::Code::kTruncated, "frame header needs 14 bytes, got " + std::to_string(bytes.size()));
  }
  const std::uint8_t* p = bytes.data();
  if (p[0] != 0x50 || p[1] != 0x46) {
    throw WireError(WireError::Code::kBadMagic, "frame starts with 0x" + hex2(p[0]) + hex2(p[1]) + ", not \"PF\" (0x5046)");
  }
  if (p[2] != wire_version) {
    throw WireError(WireError::Code::kUnsupportedVersion, "wire version " + std::to_string(p[2]) + ", expected " + std::to_string(wire_version));
  }
  std::string problem = flags_problem(p[3]);
  if (!problem.empty()) throw WireError(WireError::Code::kInvalidFlags, "flags 0x" + hex2(p[3]) + ": " + problem);
  std::uint32_t length = be32(p + 10);
  if (length > max_frame_bytes - kHeaderBytes) {
    throw WireError(WireError::Code::kFrameTooLarge,
                    "frame of " + std::to_string(kHeaderBytes + length) + " bytes exceeds maxFrameBytes " + std::to_string(max_frame_bytes));
  }
  return Header{p[3], static_cast<std::uint16_t>((p[4] << 8) | p[5]), be32(p + 6), length};
}

void write_header(std::uint8_t* frame, std::uint8_t wire_version, std::uint8_t flags, std::uint16_t message_id, std::uint32_t seq, std::uint32_t length) {
  frame[0] = 0x50;
  frame[1] = 0x46;
  frame[2] = wire_version;
  frame[3] = flags;
  frame[4] = static_cast<std::uint8_t>(message_id >> 8);
  frame[5] = static_cast<std::uint8_t>(message_id);
  for (int i = 0; i < 4; ++i) frame[6 + i] = static_cast<std::uint8_t>(seq >> (24 - 8 * i));
  for (int i = 0; i < 4; ++i) frame[10 + i] = static_cast<std::uint8_t>(length >> (24 - 8 * i));
}

bool valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (n - i < len) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

std::wstring code_points(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned c = p[i];
    std::uint32_t cp;
    std::size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1Fu;
      len = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0Fu;
      len = 3;
    } else {
      cp = c & 0x07u;
      len = 4;
    }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (p[i + k] & 0x3Fu);
    out.push_back(static_cast<wchar_t>(cp));
    i += len;
  }
  return out;
}

bool matches(const std::wregex& pattern, std::string_view utf8) {
  return std::regex_match(code_points(utf8), pattern);
}

void ByteWriter::room(std::size_t n) {
  if (out_.size() + n > limit_) {
    throw WireError(WireError::Code::kFrameTooLarge, "frame of more than " + std::to_string(limit_) + " bytes (maxFrameBytes)");
  }
}

void ByteWriter::put(std::uint64_t v, int n) {
  room(static_cast<std::size_t>(n));
  for (int i = n - 1; i >= 0; --i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void ByteWriter::f32(float v) { put(std::bit_cast<std::uint32_t>(v), 4); }
void ByteWriter::f64(double v) { put(std::bit_cast<std::uint64_t>(v), 8); }

void ByteWriter::count(std::size_t n) {
  if (n > 0xFFFFFFFFu) throw WireError(WireError::Code::kFrameTooLarge, "a length of " + std::to_string(n) + " does not fit a frame");
  put(n, 4);
}

void ByteWriter::string(std::string_view s) {
  count(s.size());
  room(s.size());
  out_.insert(out_.end(), s.begin(), s.end());
}

void ByteWriter::bytes(std::span<const std::uint8_t> b) {
  count(b.size());
  room(b.size());
  out_.insert(out_.end(), b.begin(), b.end());
}

void ByteWriter::skip(std::size_t n) {
  room(n);
  out_.resize(out_.size() + n);
}

std::uint64_t ByteReader::get(int n, std::string_view path) {
  if (remaining() < static_cast<std::size_t>(n)) {
    throw WireError(WireError::Code::kTruncated, "needs " + std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left", std::string(path));
  }
  std::uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | bytes_[pos_ + static_cast<std::size_t>(i)];
  pos_ += static_cast<std::size_t>(n);
  return v;
}

bool ByteReader::boolean(std::string_view path) {
  auto b = get(1, path);
  if (b > 1) throw WireError(WireError::Code::kInvalidValue, "bool byte must be 00 or 01, got 0x" + hex2(static_cast<unsigned>(b)), std::string(path));
  return b == 1;
}

bool ByteReader::present(std::string_view path) {
  auto b = get(1, path);
  if (b > 1) throw WireError(WireError::Code::kInvalidValue, "presence byte must be 00 or 01, got 0x" + hex2(static_cast<unsigned>(b)), std::string(path));
  return b == 1;
}

float ByteReader::f32(std::string_view path) {
  float v = std::bit_cast<float>(static_cast<std::uint32_t>(get(4, path)));
  if (!std::isfinite(v)) throw not_finite(path, static_cast<double>(v));
  return v;
}

double ByteReader::f64(std::string_view path) {
  double v = std::bit_cast<double>(get(8, path));
  if (!std::isfinite(v)) throw not_finite(path, v);
  return v;
}

std::uint32_t ByteReader::prefix(std::string_view what, std::string_view path) {
  auto n = static_cast<std::uint32_t>(get(4, path));
  if (n > remaining()) {
    throw WireError(WireError::Code::kTruncated,
                    std::string(what) + " " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) + " bytes left", std::string(path));
  }
  return n;
}

std::string ByteReader::utf8(std::uint32_t n, std::string_view path) {
  std::string s(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
  pos_ += n;
  if (!valid_utf8(s)) throw bad_utf8(path, n);
  return s;
}

Bytes ByteReader::bytes(std::uint32_t n) {
  Bytes out(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_), bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
  pos_ += n;
  return out;
}

namespace {
WireError invalid(std::string_view path, std::string detail) { return WireError(WireError::Code::kInvalidValue, std::move(detail), std::string(path)); }
WireError violated(std::string_view path, std::string detail) {
  return WireError(WireError::Code::kConstraintViolated, std::move(detail), std::string(path));
}
}  // namespace

std::string number_text(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

WireError missing(std::string_view path) { return invalid(path, "missing: a required value is absent"); }
WireError not_finite(std::string_view path, double value) { return invalid(path, number_text(value) + " is not a finite number"); }
WireError bad_enum(std::string_view path, std::uint64_t value, std::string_view enum_name) {
  return invalid(path, std::to_string(value) + " is not a value of enum " + std::string(enum_name));
}
WireError below_min(std::string_view path, std::string_view value, std::string_view min) {
  return violated(path, std::string(value) + " is below min " + std::string(min));
}
WireError above_max(std::string_view path, std::string_view value, std::string_view max) {
  return violated(path, std::string(value) + " is above max " + std::string(max));
}
WireError length_below(std::string_view path, std::size_t length, std::size_t min) {
  return violated(path, "length of " + std::to_string(length) + " bytes is below min " + std::to_string(min));
}
WireError length_above(std::string_view path, std::size_t length, std::size_t max) {
  return violated(path, "length of " + std::to_string(length) + " bytes is above max " + std::to_string(max));
}
WireError items_below(std::string_view path, std::size_t count, std::size_t min) {
  return violated(path, std::to_string(count) + " items is below min " + std::to_string(min));
}
WireError items_above(std::string_view path, std::size_t count, std::size_t max) {
  return violated(path, std::to_string(count) + " items is above max " + std::to_string(max));
}
WireError bad_utf8(std::string_view path, std::size_t length) {
  return WireError(WireError::Code::kInvalidUtf8, "ill-formed UTF-8 in " + std::to_string(length) + " bytes", std::string(path));
}
WireError pattern_mismatch(std::string_view path, std::string_view value, std::string_view pattern) {
  std::string shown = value.size() > 40 ? "a string of " + std::to_string(value.size()) + " bytes" : "\"" + std::string(value) + "\"";
  return violated(path, shown + " does not match pattern /" + std::string(pattern) + "/");
}

}  // namespace detail
}  // namespace PROTOFORGE_NS
