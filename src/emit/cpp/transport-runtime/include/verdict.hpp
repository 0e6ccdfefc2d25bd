// What to do after a received message, as Java's Verdict: send `answer` (to a
// request), then the pushes, then close if `close`. ServerSession::handle
// and refuse() make them; a transport applies them.
#pragma once

#include <PROTOFORGE_NS/messages.hpp>

#include <optional>
#include <string>
#include <vector>

namespace PROTOFORGE_NS {

struct Verdict {
  /** std::nullopt: nothing to answer. */
  std::optional<Message> answer;
  bool close = false;
  std::string reason;
  /** The message was refused (not authenticated, out of order, invalid, over the rate limit, failing handler). */
  bool refused = false;
  /** The handler did not finish within the request timeout. */
  bool timed_out = false;
  /** Messages to push once the answer is sent (ServerSession::push_after_answer). */
  std::vector<Message> pushes;

  static Verdict none() { return Verdict{}; }
  static Verdict closing(std::string reason) {
    Verdict v;
    v.close = true;
    v.reason = std::move(reason);
    v.refused = true;
    return v;
  }
};

}  // namespace PROTOFORGE_NS
