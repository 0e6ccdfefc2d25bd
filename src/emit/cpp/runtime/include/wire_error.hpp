// The one error of the wire layer (docs/wire-format.md section 7): a code,
// the path of the value (`Login.username`, `JoinOk.summary.members[0].username`;
// empty for header errors), the message once known, and what went wrong.
#pragma once

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

class WireError : public std::exception {
 public:
  enum class Code {
    kTruncated,
    kBadMagic,
    kUnsupportedVersion,
    kInvalidFlags,
    kUnknownMessage,
    kFrameTooLarge,
    kTrailingBytes,
    kInvalidValue,
    kInvalidUtf8,
    kConstraintViolated,
  };

  WireError(Code code, std::string detail, std::string path = {}, std::string message_name = {})
      : code_(code), detail_(std::move(detail)), path_(std::move(path)), message_name_(std::move(message_name)) {
    compose();
  }

  /** The code. */
  Code code() const noexcept { return code_; }
  /** The code as the wire format spells it: "constraint_violated". */
  std::string_view code_name() const noexcept { return name_of(code_); }
  /** Where the value is; empty for errors about the frame's header. */
  const std::string& path() const noexcept { return path_; }
  /** The message being decoded or checked, once known; else empty. */
  const std::string& message_name() const noexcept { return message_name_; }
  /** What went wrong, without the path. */
  const std::string& detail() const noexcept { return detail_; }
  /** "path: detail" (code_name() first). */
  const char* what() const noexcept override { return what_.c_str(); }

  /** Moves the error into the field `segment` of the value it was found in. */
  WireError& under(std::string_view segment) {
    path_ = join(std::string(segment), path_);
    compose();
    return *this;
  }
  /** Moves the error into item `index` of the list it was found in. */
  WireError& under(std::size_t index) {
    path_ = join("[" + std::to_string(index) + "]", path_);
    compose();
    return *this;
  }
  /** Puts the message's name in front of the path (and records the message). */
  WireError& in_message(std::string_view name) {
    path_ = path_.empty() ? std::string(name) : join(std::string(name), path_);
    message_name_ = std::string(name);
    compose();
    return *this;
  }

  /** Puts a struct's name in front of the path (a struct validated on its own). */
  WireError& in_type(std::string_view name) {
    path_ = path_.empty() ? std::string(name) : join(std::string(name), path_);
    compose();
    return *this;
  }

  static std::string_view name_of(Code code) noexcept {
    switch (code) {
      case Code::kTruncated: return "truncated";
      case Code::kBadMagic: return "bad_magic";
      case Code::kUnsupportedVersion: return "unsupported_version";
      case Code::kInvalidFlags: return "invalid_flags";
      case Code::kUnknownMessage: return "unknown_message";
      case Code::kFrameTooLarge: return "frame_too_large";
      case Code::kTrailingBytes: return "trailing_bytes";
      case Code::kInvalidValue: return "invalid_value";
      case Code::kInvalidUtf8: return "invalid_utf8";
      case Code::kConstraintViolated: return "constraint_violated";
    }
    return "invalid_value";
  }

 private:
  static std::string join(std::string head, const std::string& rest) {
    if (rest.empty()) return head;
    if (rest.front() == '[') return head + rest;
    return head + "." + rest;
  }
  void compose() {
    what_ = std::string(code_name());
    what_ += ": ";
    if (!path_.empty()) what_ += path_ + ": ";
    what_ += detail_;
  }

  Code code_;
  std::string detail_;
  std::string path_;
  std::string message_name_;
  std::string what_;
};

/** A message the role machine's current state has no transition for. */
class StateError : public std::exception {
 public:
  StateError(std::string role, std::string state, std::string message_name, std::string action)
      : role_(std::move(role)), state_(std::move(state)), message_name_(std::move(message_name)), action_(std::move(action)),
        what_("unexpected_message: the " + role_ + " in state " + state_ + " cannot " + action_ + " " + message_name_) {}
  /** Always "unexpected_message". */
  std::string_view code() const noexcept { return "unexpected_message"; }
  const std::string& role() const noexcept { return role_; }
  const std::string& state() const noexcept { return state_; }
  const std::string& message_name() const noexcept { return message_name_; }
  /** "send" or "receive". */
  const std::string& action() const noexcept { return action_; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  std::string role_;
  std::string state_;
  std::string message_name_;
  std::string action_;
  std::string what_;
};

}  // namespace PROTOFORGE_NS
