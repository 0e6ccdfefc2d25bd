// The HTTP server's error answers (docs/wire-format.md section 10.3), as the
// Java runtime's HttpServer.Reply writes them: a compact JSON body
// {"error": code, "message": text, <extra integer fields>} with
// Content-Type application/json; 429 rate_limited carries Retry-After in
// whole seconds (at least 1) and retry_after_ms in the body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** s as a JSON string literal, escaped as Jackson does (control characters, '"' and '\\'; UTF-8 kept). */
inline std::string json_quote(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default:
        if (u < 0x20) {
          out.append("\\u00").push_back(hex[u >> 4]);
          out.push_back(hex[u & 0x0F]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

/** {"error":code,"message":message,...extra} on one line. */
inline std::string http_error_body(std::string_view code, std::string_view message,
                                   const std::vector<std::pair<std::string, std::int64_t>>& extra = {}) {
  std::string out = "{\"error\":" + json_quote(code) + ",\"message\":" + json_quote(message);
  for (const auto& [key, value] : extra) out += "," + json_quote(key) + ":" + std::to_string(value);
  out.push_back('}');
  return out;
}

/** Retry-After for a 429: whole seconds rounded up, at least 1; negative waits count as 0. */
inline std::int64_t retry_after_seconds(std::int64_t retry_after_ms) {
  const std::int64_t ms = retry_after_ms < 0 ? 0 : retry_after_ms;
  const std::int64_t seconds = (ms + 999) / 1000;
  return seconds < 1 ? 1 : seconds;
}

}  // namespace PROTOFORGE_NS
