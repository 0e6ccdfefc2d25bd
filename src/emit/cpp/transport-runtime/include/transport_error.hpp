// The transport's own failures, as Java's TransportException family: every
// one is a TransportError whose code() names it for programs — connect_failed,
// closed, timeout, unexpected_answer, delivery_failed (the codes every
// language uses). Protocol-level failures stay the layer's WireError (bad
// frames) and StateError (a message the role machine does not allow now).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

/** Base of every transport failure; code() is "transport" for one of no finer kind. */
class TransportError : public std::runtime_error {
 public:
  explicit TransportError(const std::string& message) : std::runtime_error(message) {}
  virtual std::string_view code() const noexcept { return "transport"; }
};

/** No connection could be made, after every attempt the retry policy allows. */
class ConnectFailed : public TransportError {
 public:
  using TransportError::TransportError;
  std::string_view code() const noexcept override { return "connect_failed"; }
};

/** The connection closed (or was never opened) while a message was on its way. */
class ConnectionClosed : public TransportError {
 public:
  using TransportError::TransportError;
  std::string_view code() const noexcept override { return "closed"; }
};

/** No answer (or event) came within the timeout. */
class RequestTimeout : public TransportError {
 public:
  using TransportError::TransportError;
  std::string_view code() const noexcept override { return "timeout"; }
};

/** A reliable datagram was never acknowledged, after every retransmission. */
class DeliveryFailed : public TransportError {
 public:
  using TransportError::TransportError;
  std::string_view code() const noexcept override { return "delivery_failed"; }
};

/** The peer answered a request with a message the spec does not allow as its answer. */
class UnexpectedAnswer : public TransportError {
 public:
  UnexpectedAnswer(std::string request, std::string answer)
      : TransportError(request + " was answered with " + answer + ", which is not one of its declared answers"),
        request_(std::move(request)),
        answer_(std::move(answer)) {}
  const std::string& request() const noexcept { return request_; }
  const std::string& answer() const noexcept { return answer_; }
  std::string_view code() const noexcept override { return "unexpected_answer"; }

 private:
  std::string request_;
  std::string answer_;
};

}  // namespace PROTOFORGE_NS
