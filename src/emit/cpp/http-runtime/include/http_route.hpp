// The checks the HTTP server makes on a request before it has a session
// (docs/wire-format.md section 10.3); a port of the routing part of the Java
// runtime's HttpServer:
//   POST /<protocol>/messages/<Message>   (404 not_found for any other path)
//   GET  /<protocol>/events
// the media type of Content-Type (415 unless application/json), the
// X-Protoforge-Seq header (400 unless 0|[1-9][0-9]{0,9} and at most
// 2^32-1), and an announced Content-Length over the frame limit (413).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

enum class http_route_kind { message, events, not_found };

struct http_route {
  http_route_kind kind;
  /** The message name, percent-decoded, for kind message. */
  std::string name;
};

namespace http_detail {

inline int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/** %XX decoded; '+' stays '+'; a malformed escape leaves the whole text as it came (as Java). */
inline std::string percent_decode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') {
      out.push_back(raw[i]);
      continue;
    }
    if (i + 2 >= raw.size()) return std::string(raw);
    const int hi = hex_digit(raw[i + 1]);
    const int lo = hex_digit(raw[i + 2]);
    if (hi < 0 || lo < 0) return std::string(raw);
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace http_detail

/** Which resource a raw request path names; protocol is the protocol's name (the path prefix without '/'). */
inline http_route route_of(std::string_view path, std::string_view protocol) {
  const std::string messages = "/" + std::string(protocol) + "/messages/";
  const std::string events = "/" + std::string(protocol) + "/events";
  if (path.size() > messages.size() && path.substr(0, messages.size()) == messages &&
      path.find('/', messages.size()) == std::string_view::npos) {
    return {http_route_kind::message, http_detail::percent_decode(path.substr(messages.size()))};
  }
  if (path == events) return {http_route_kind::events, {}};
  return {http_route_kind::not_found, {}};
}

/** The media type of a Content-Type value: before ';', trimmed, lower case ("" when absent). */
inline std::string media_type_of(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  std::string out;
  out.reserve(media.size());
  for (char c : media) out.push_back(http_detail::lower(c));
  return out;
}

/** X-Protoforge-Seq as a sequence number: 0|[1-9][0-9]{0,9} and at most 2^32-1, else nothing. */
inline std::optional<std::uint32_t> sequence_of(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > 0xFFFFFFFFull) return std::nullopt;
  return static_cast<std::uint32_t>(value);
}

/** True when an announced Content-Length ([0-9]{1,18}) is over limit; other values are left to the read. */
inline bool announced_over_limit(std::string_view content_length, std::size_t limit) {
  if (content_length.empty() || content_length.size() > 18) return false;
  std::uint64_t value = 0;
  for (char c : content_length) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value > limit;
}

}  // namespace PROTOFORGE_NS
