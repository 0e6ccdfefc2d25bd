// What every client shares, whatever the transport, as Java's ClientBase: the
// initiator's role machine (a message it does not allow now is refused with
// StateError before anything is sent), the last message of each kind
// received (last<T>()), messages the server sends on its own (to the
// dispatch and to the event queue, next_event()) and the trace. Transports
// (TcpClient, UdpClient, HttpClient) subclass it and implement connect,
// close, request, send and connected. Thread-safe.
#pragma once

#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/event_queue.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/role_machine.hpp>
#include <PROTOFORGE_NS/trace.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace PROTOFORGE_NS {

class ClientBase {
 public:
  ClientBase(const ClientBase&) = delete;
  ClientBase& operator=(const ClientBase&) = delete;
  virtual ~ClientBase() = default;

  const std::string& host() const noexcept { return host_; }
  std::uint16_t port() const noexcept { return port_; }
  const ClientOptions& options() const noexcept { return options_; }

  /** Connects (retrying with backoff); ConnectFailed when every attempt failed. */
  virtual void connect() = 0;
  /** Closes; open requests fail with ConnectionClosed. Safe to call twice. */
  virtual void close() = 0;
  /**
   * Sends a request and returns its answer (a response or the error message). StateError when the role machine does
   * not allow it now; RequestTimeout, ConnectionClosed, DeliveryFailed (UDP); std::invalid_argument for a non-request.
   */
  virtual Message request(const Message& message) = 0;
  /** Sends a oneway or event (std::invalid_argument for a request or response). */
  virtual void send(const Message& message) = 0;
  /** Whether messages can be sent now. */
  virtual bool connected() const = 0;

  /** The state of the initiator's role machine. */
  std::string state() const {
    std::lock_guard<std::mutex> lock(lock_);
    return std::string(machine_.state());
  }

  /** The last message of type T received from the server, if any. */
  template <typename T>
  std::optional<T> last() const {
    std::lock_guard<std::mutex> lock(lock_);
    auto it = last_.find(Message(std::in_place_type<T>).index());
    if (it == last_.end()) return std::nullopt;
    return std::get<T>(it->second);
  }

  /** The next message the server sent on its own; RequestTimeout when none came within `timeout`. */
  Message next_event(std::chrono::milliseconds timeout) { return events_.take(timeout); }
  /** next_event with the request timeout. */
  Message next_event() { return next_event(options_.request_timeout); }

  std::string describe_client() const { return "<client " + host_ + ":" + std::to_string(port_) + ">"; }

 protected:
  /** `dispatch` may be null (no handlers: events only go to the queue); it must outlive the client. */
  ClientBase(std::string host, std::uint16_t port, ClientDispatch* dispatch, ClientOptions options)
      : host_(std::move(host)), port_(port), options_(std::move(options)), dispatch_(dispatch), events_(options_.event_queue_size) {}

  /** Starts a new conversation: a fresh role machine (a new connection). */
  void reset_machine() {
    std::lock_guard<std::mutex> lock(lock_);
    machine_ = RoleMachine(RoleMachine::Role::kInitiator);
  }

  static void check_request(const Message& message) {
    const MessageInfo& info = profile::info(message);
    if (!info.is_request()) throw std::invalid_argument(std::string(info.name) + " is a " + std::string(info.kind_name()) + "; use send()");
  }

  static void check_send(const Message& message) {
    const MessageInfo& info = profile::info(message);
    if (info.kind == MessageInfo::Kind::kRequest || info.kind == MessageInfo::Kind::kResponse) {
      throw std::invalid_argument(std::string(info.name) + " is a " + std::string(info.kind_name()) + "; use request()");
    }
  }

  /** Moves the role machine for a message this side sends; StateError (state unchanged) when it may not. */
  void machine_send(const Message& message) {
    std::lock_guard<std::mutex> lock(lock_);
    machine_.send(message_name(message));
  }

  bool can_receive(const Message& message) const {
    std::lock_guard<std::mutex> lock(lock_);
    return machine_.can_receive(message_name(message));
  }

  /** Records an answer or event and moves the role machine. */
  void received(const Message& message) {
    trace("<-", message);
    std::lock_guard<std::mutex> lock(lock_);
    last_.insert_or_assign(message.index(), message);
    try {
      machine_.receive(message_name(message));
    } catch (const StateError& e) {
      debug_log(describe_client() + ": " + e.what());
    }
  }

  /** Moves the role machine for a message the server sent on its own; false (dropped) when it may not come now. */
  bool accept(const Message& message) {
    {
      std::lock_guard<std::mutex> lock(lock_);
      if (!machine_.can_receive(message_name(message))) {
        debug_log(describe_client() + ": dropped " + std::string(message_name(message)) + ", not expected in state " + std::string(machine_.state()));
        return false;
      }
    }
    received(message);
    return true;
  }

  /** An accepted message the server sent on its own: to the dispatch and the event queue; returns the answer to a request. */
  std::optional<Message> handle_pushed(const Message& message) {
    std::optional<Message> answer = dispatch_ != nullptr ? dispatch_->dispatch(message) : std::nullopt;
    if (profile::info(message).is_request()) {
      {
        std::lock_guard<std::mutex> lock(lock_);
        if (!answer || !machine_.can_send(message_name(*answer))) {
          debug_log(describe_client() + ": no answer to the server's " + std::string(message_name(message)));
          return std::nullopt;
        }
        machine_.send(message_name(*answer));
      }
      trace("->", *answer);
      return answer;
    }
    if (auto dropped = events_.put(message)) {
      debug_log(describe_client() + ": event queue full, dropped the oldest (" + std::string(message_name(*dropped)) + ")");
    }
    return std::nullopt;
  }

  void trace(std::string_view arrow, const Message& message) const {
    if (options_.trace) options_.trace(trace_line(arrow, describe(message)));
  }

  EventQueue& events() noexcept { return events_; }

  const std::string host_;
  const std::uint16_t port_;
  const ClientOptions options_;

 private:
  ClientDispatch* const dispatch_;
  EventQueue events_;
  mutable std::mutex lock_;
  RoleMachine machine_{RoleMachine::Role::kInitiator};
  std::map<std::size_t, Message> last_;
};

}  // namespace PROTOFORGE_NS
