// What the transports need to know about one message of the spec (the
// generated profile::info): its kind, which role sends it, its declared
// answers and error message, and whether it travels RELIABLE on datagrams.
// As Java's MessageInfo.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>

namespace PROTOFORGE_NS {

struct MessageInfo {
  /** The four kinds of message of the spec. */
  enum class Kind { kRequest, kResponse, kOneway, kEvent };

  std::string_view name;
  std::uint16_t id = 0;
  Kind kind = Kind::kOneway;
  /** "initiator" or "responder". */
  std::string_view sender;
  /** The responses a request is answered with (empty otherwise). */
  std::span<const std::string_view> responses;
  /** The error message answering a request; empty when it has none. */
  std::string_view error;
  bool reliable = false;

  bool is_request() const noexcept { return kind == Kind::kRequest; }

  /** Whether `answer` (a message name) is one of this request's declared answers. */
  bool answers_with(std::string_view answer) const noexcept {
    return std::find(responses.begin(), responses.end(), answer) != responses.end() || (!error.empty() && answer == error);
  }

  /** The kind as the spec spells it: request, response, oneway, event. */
  std::string_view kind_name() const noexcept {
    switch (kind) {
      case Kind::kRequest: return "request";
      case Kind::kResponse: return "response";
      case Kind::kOneway: return "oneway";
      case Kind::kEvent: return "event";
    }
    return "oneway";
  }
};

}  // namespace PROTOFORGE_NS
