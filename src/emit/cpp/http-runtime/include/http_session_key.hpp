// Which session an HTTP request belongs to (docs/wire-format.md section
// 10.3; a port of the Java runtime's HttpServer.key and bearerOf): the
// X-Protoforge-Session header (any string the client picks, the first 128
// characters), else the bearer credential, else the client's address.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

/** The token of an Authorization value "Bearer <token>" (scheme in any case, token trimmed); nothing otherwise. */
inline std::optional<std::string> bearer_of(std::string_view authorization) {
  const std::size_t space = authorization.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view scheme = authorization.substr(0, space);
  static constexpr std::string_view bearer = "bearer";
  if (scheme.size() != bearer.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = scheme[i] >= 'A' && scheme[i] <= 'Z' ? static_cast<char>(scheme[i] - 'A' + 'a') : scheme[i];
    if (c != bearer[i]) return std::nullopt;
  }
  std::string_view token = authorization.substr(space + 1);
  while (!token.empty() && static_cast<unsigned char>(token.front()) <= ' ') token.remove_prefix(1);
  while (!token.empty() && static_cast<unsigned char>(token.back()) <= ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

/** The session key: "session:<name>" (at most 128 characters of it), "credential:<token>" or "address:<ip>". */
inline std::string http_session_key(std::string_view named, const std::optional<std::string>& bearer, std::string_view address) {
  if (!named.empty()) return "session:" + std::string(named.substr(0, 128));
  if (bearer) return "credential:" + *bearer;
  return "address:" + std::string(address);
}

}  // namespace PROTOFORGE_NS
