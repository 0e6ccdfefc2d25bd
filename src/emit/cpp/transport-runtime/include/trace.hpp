// The trace: one line per message a session or client sends or receives, in
// the text every language prints: a server session's line is
// "[<id> <peer>] <arrow> <description>", a client's "<arrow> <description>".
// Servers and clients take a Trace in their options; an empty one traces
// nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

using Trace = std::function<void(std::string_view line)>;

/** "[<id> <peer>] <arrow> <description>", the shared trace line. */
inline std::string trace_line(std::uint64_t id, std::string_view peer, std::string_view arrow, std::string_view description) {
  std::string line;
  line.reserve(peer.size() + arrow.size() + description.size() + 24);
  line += '[';
  line += std::to_string(id);
  line += ' ';
  line += peer;
  line += "] ";
  line += arrow;
  line += ' ';
  line += description;
  return line;
}

/** "<arrow> <description>", a client's trace line. */
inline std::string trace_line(std::string_view arrow, std::string_view description) {
  std::string line(arrow);
  line += ' ';
  line += description;
  return line;
}

}  // namespace PROTOFORGE_NS
