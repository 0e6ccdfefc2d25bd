// Server-Sent Events as the HTTP mapping uses them (docs/wire-format.md
// section 10.3); a port of the Java runtime's Sse.
//
// One event per message: "event: <Message>", "id: <sequence>", "data: <the
// envelope as compact JSON>", then a blank line. A line starting with ':' is
// a comment (the server's keepalive). sse_parser reads a stream line by line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

/** The keepalive comment the server writes when it has had nothing to send for a while. */
inline constexpr std::string_view sse_keepalive = ":\n\n";

/** One event: its name, id (empty optional when it had none) and data lines joined with newlines. */
struct sse_event {
  std::string event;
  std::optional<std::string> id;
  std::string data;
  bool operator==(const sse_event&) const = default;
};

/** The text of one event; data is compact JSON on one line. */
inline std::string sse_format(std::string_view name, std::uint64_t seq, std::string_view data) {
  std::string out;
  out.reserve(name.size() + data.size() + 40);
  out.append("event: ").append(name).append("\nid: ").append(std::to_string(seq));
  out.append("\ndata: ").append(data).append("\n\n");
  return out;
}

/** Reads an event stream line by line; line() returns a complete event at its blank line. Not thread-safe. */
class sse_parser {
 public:
  /** One line, with or without its line end; the event it completes, else nothing. */
  std::optional<sse_event> line(std::string_view raw) {
    std::string_view text = raw;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.empty()) {
      if (!has_data_) {
        event_ = "message";
        return std::nullopt;
      }
      sse_event done{event_, id_, data_};
      event_ = "message";
      data_.clear();
      has_data_ = false;
      return done;
    }
    if (text.front() == ':') return std::nullopt;
    const std::size_t colon = text.find(':');
    const std::string_view field = colon == std::string_view::npos ? text : text.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") {
      event_ = std::string(value);
    } else if (field == "data") {
      if (has_data_) data_.push_back('\n');
      data_.append(value);
      has_data_ = true;
    } else if (field == "id") {
      id_ = std::string(value);
    }
    return std::nullopt;
  }

 private:
  std::string event_ = "message";
  std::optional<std::string> id_;
  std::string data_;
  bool has_data_ = false;
};

/**
 * Reads an event stream as it arrives in pieces of any size: complete lines go to an
 * sse_parser, the events it completes to `on_event`; a line cut between two pieces waits for
 * the rest. A line longer than `max_line` ends the stream (feed() returns false). Not thread-safe.
 */
class sse_reader {
 public:
  explicit sse_reader(std::size_t max_line) : max_line_(max_line) {}

  template <class OnEvent>
  bool feed(std::string_view piece, OnEvent&& on_event) {
    while (!piece.empty()) {
      const std::size_t end = piece.find('\n');
      if (end == std::string_view::npos) {
        line_.append(piece);
        return line_.size() <= max_line_;
      }
      line_.append(piece.substr(0, end));
      piece.remove_prefix(end + 1);
      if (line_.size() > max_line_) return false;
      if (auto event = parser_.line(line_)) on_event(std::move(*event));
      line_.clear();
    }
    return true;
  }

 private:
  std::size_t max_line_;
  std::string line_;
  sse_parser parser_;
};

}  // namespace PROTOFORGE_NS
