// One line describing a message for traces and logs, as Java's
// Messages.describe: "Name {json payload}", cut to `limit` characters (the
// last three then "..."). Also debug_log, Java's Debug: silent unless the
// environment variable PROTOFORGE_DEBUG is set, then one line on stderr.
#pragma once

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/messages.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

/** "Name {json}", cut to `limit` characters. */
inline std::string describe(const Message& message, std::size_t limit = 160) {
  std::string text;
  try {
    text = to_json_text(message);
  } catch (const std::exception&) {
    text = "?";
  }
  if (text.size() > limit && limit >= 3) {
    std::size_t cut = limit - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    text = text.substr(0, cut) + "...";
  }
  std::string line(message_name(message));
  line += ' ';
  line += text;
  return line;
}

/** Whether PROTOFORGE_DEBUG is set (read once). */
inline bool debug_on() {
  static const bool on = std::getenv("PROTOFORGE_DEBUG") != nullptr;
  return on;
}

/** One diagnostic line on stderr when PROTOFORGE_DEBUG is set. */
inline void debug_log(std::string_view text) {
  if (debug_on()) std::fprintf(stderr, "protoforge: %.*s\n", static_cast<int>(text.size()), text.data());
}

}  // namespace PROTOFORGE_NS
