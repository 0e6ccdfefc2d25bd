// One HTTP client of an HttpServer (docs/wire-format.md section 10.3), a port
// of the Java runtime's HttpServerSession: named by its session header, its
// credential or its address (key()). Its requests are handled one at a time
// (exclusive()); the messages the server sends on its own wait in an outbox
// (at most 1024, the oldest dropped first) as Server-Sent Event text for the
// session's event stream, numbered by the session's own sequence counter.
#pragma once

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/http_outbox.hpp>
#include <PROTOFORGE_NS/json.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/server_session.hpp>
#include <PROTOFORGE_NS/sse.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace PROTOFORGE_NS {

class HttpServerSession : public ServerSession {
 public:
  static constexpr std::size_t kOutboxSize = 1024;

  /** `on_close` runs once when the session closes (the server forgets it); the caller adds it to the hub. */
  HttpServerSession(Hub& hub, std::string key, std::string peer, const ServerOptions& options, std::function<void(HttpServerSession&)> on_close)
      : ServerSession(hub, hub.next_id(), std::move(peer), kAuthRequired, options.rate_limit, options.trace),
        key_(std::move(key)),
        on_close_(std::move(on_close)),
        outbox_(kOutboxSize) {}

  const std::string& key() const noexcept { return key_; }

  /** Held while one request of this session is handled: requests run one after the other. */
  std::mutex& exclusive() noexcept { return exclusive_; }

  /** The bearer token every request of this session must carry once it has opened, or nothing (none needed). */
  std::optional<std::string> bearer() const {
    if (auto c = credential()) return c;
    std::lock_guard<std::mutex> lock(bearer_mutex_);
    return bound_bearer_;
  }

  /** Binds a session opened by another request than the authentication one (a resumption) to the bearer it came with. */
  void bind_bearer(const std::string& bearer) {
    if (credential()) return;
    std::lock_guard<std::mutex> lock(bearer_mutex_);
    if (!bound_bearer_) bound_bearer_ = bearer;
  }

  void touch() { outbox_.touch(); }
  /** Whether nothing happened for `idle` and no event stream is open. */
  bool idle(std::chrono::milliseconds idle) const { return outbox_.idle(idle); }

  /** An event stream opens / closes: it reads the outbox until the session closes. */
  void stream_opened() { outbox_.stream_opened(); }
  void stream_closed() { outbox_.stream_closed(); }

  /** The next event for a stream, waiting at most `wait`. */
  http_outbox::taken next_event(std::chrono::milliseconds wait) { return outbox_.next(wait); }

  /** Traces a message this session answers with (the server writes it into the response). */
  void trace_answer(const Message& answer) const { trace("->", answer); }

  void close(std::string_view reason) override {
    if (closing_.exchange(true)) return;
    ServerSession::close(reason);
    outbox_.end();
    debug_log(describe_session() + ": closing" + (reason.empty() ? std::string() : ": " + std::string(reason)));
    hub().remove(std::static_pointer_cast<ServerSession>(shared_from_this()));
    if (on_close_) on_close_(*this);
  }

 protected:
  void transmit(const Message& message) override {
    const std::uint32_t n = next_seq();
    if (!outbox_.put(sse_format(message_name(message), n, json_text(to_envelope(message, n))))) {
      debug_log(describe_session() + ": event stream backlog full, dropped the oldest event");
    }
  }

 private:
  /** 1, 2, … 2^32 - 1, then 1 again (wire format 11). */
  std::uint32_t next_seq() {
    std::lock_guard<std::mutex> lock(bearer_mutex_);
    const std::uint32_t value = seq_;
    seq_ = value == 0xFFFFFFFFu ? 1 : value + 1;
    return value;
  }

  const std::string key_;
  std::function<void(HttpServerSession&)> on_close_;
  http_outbox outbox_;
  std::mutex exclusive_;
  mutable std::mutex bearer_mutex_;
  std::optional<std::string> bound_bearer_;
  std::uint32_t seq_ = 1;
  std::atomic<bool> closing_{false};
};

}  // namespace PROTOFORGE_NS
