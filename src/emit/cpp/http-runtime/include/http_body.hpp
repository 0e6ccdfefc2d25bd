// A request body read in pieces and bounded by the frame limit: cpp-httplib's
// set_payload_max_length bounds only bodies with Content-Length, not chunked
// ones (decision 0008), so the server reads every body through a
// ContentReader into an http_body and answers 413 frame_too_large when
// append() says no. The piece that goes over is not kept.
#pragma once

#include <cstddef>
#include <string>

namespace PROTOFORGE_NS {

class http_body {
 public:
  explicit http_body(std::size_t limit) : limit_(limit) {}

  /** Adds n bytes; false (and nothing kept) once the body would be over the limit. */
  bool append(const char* data, std::size_t n) {
    if (over_ || n > limit_ - text_.size()) {
      over_ = true;
      return false;
    }
    text_.append(data, n);
    return true;
  }

  bool over() const { return over_; }
  const std::string& text() const { return text_; }

 private:
  std::size_t limit_;
  std::string text_;
  bool over_ = false;
};

}  // namespace PROTOFORGE_NS
