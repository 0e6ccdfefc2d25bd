// One peer of a server (a TCP connection, a UDP address, an HTTP client),
// whatever the transport: its id and peer text, its role machine (responder),
// whether it has authenticated, its rate limit, the groups it joined, the last
// message of each kind it sent and the application's data. handle() runs one
// received message through the rules of the protocol and the application's
// handler and returns a Verdict (the answer, pushes after it, whether to
// close), as Java's ServerSession.handle; refuse()/refuse_invalid() make the
// spec's error answers through the generated profile. A transport subclasses
// it, implements transmit() (send one server-originated message) and extends
// close(); it only moves bytes. Thread-safe: a mutex guards the machine,
// authentication, groups and the pushes after the answer.
#pragma once

#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/protocol_info.hpp>
#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/role_machine.hpp>
#include <PROTOFORGE_NS/trace.hpp>
#include <PROTOFORGE_NS/verdict.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <any>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

class Hub;

class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
  /** Whether a session must complete the authentication request before anything else (the spec's auth mode and message). */
  static constexpr bool kAuthRequired = protocol_info::kAuthMode != std::string_view("none") && protocol_info::kAuthMessage.has_value();

  /** Runs `fire` after `delay_ms` on another thread; returns what cancels it. The request watchdog's timer (a transport's steady_timer). */
  using Schedule = std::function<std::function<void()>(std::int64_t delay_ms, std::function<void()> fire)>;

  ServerSession(const ServerSession&) = delete;
  ServerSession& operator=(const ServerSession&) = delete;
  virtual ~ServerSession() = default;

  std::uint64_t id() const noexcept { return id_; }
  const std::string& peer() const noexcept { return peer_; }
  Hub& hub() noexcept { return hub_; }

  std::string state() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::string(machine_.state());
  }
  bool authenticated() const noexcept { return authenticated_.load(); }
  std::optional<std::string> credential() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return credential_;
  }
  bool closed() const noexcept { return closed_.load(); }
  std::set<std::string> groups() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return groups_;
  }
  /** The application's values for this peer (handlers keep what they like here). */
  std::map<std::string, std::any>& data() noexcept { return data_; }

  /** Whether the role machine allows sending `message` now. */
  bool can_push(const Message& message) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !closed_ && authenticated_ && machine_.can_send(message_name(message));
  }

  /** Sends a message of the server's own if the role machine allows it now; false otherwise. */
  bool push(const Message& message) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_ || !authenticated_ || !machine_.can_send(message_name(message))) return false;
      machine_.send(message);
    }
    trace("->", message);
    try {
      transmit(message);
    } catch (const std::exception&) {
      return false;  // the peer is gone: the others go on
    }
    return true;
  }

  /** Pushes `message` once the answer to the request being handled is sent (it goes out in the Verdict's pushes). */
  void push_after_answer(Message message) {
    std::lock_guard<std::mutex> lock(mutex_);
    after_answer_.push_back(std::move(message));
  }

  /** The last message of type T this session received, if any. */
  template <typename T>
  std::optional<T> last() const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = last_.find(Message(std::in_place_type<T>).index());
    if (it == last_.end()) return std::nullopt;
    return std::get<T>(it->second);
  }

  /** "<session id peer>" for diagnostics (takes no lock). */
  std::string describe_session() const { return "<session " + std::to_string(id_) + " " + peer_ + ">"; }

  // --- receiving (called by the transport) ---------------------------------------------

  /** What a session accepts before it has authenticated: the requests the responder receives in its initial state, and the authentication request. */
  static bool is_open_message(std::string_view name) {
    if (protocol_info::kAuthMessage && name == *protocol_info::kAuthMessage) return true;
    for (const auto& t : RoleMachine::transitions(RoleMachine::Role::kResponder, RoleMachine::initial(RoleMachine::Role::kResponder))) {
      if (t.action == "receive" && t.message == name) return true;
    }
    return false;
  }

  /**
   * Answers a request with the spec's error message, or closes when there is none. `reason`: not_authenticated,
   * out_of_order, invalid, rate_limited, internal. A oneway or event over the rate limit is dropped when the spec has a
   * rate_limited error; an invalid one is dropped; otherwise the session closes.
   */
  Verdict refuse(const Message& message, std::string_view reason, std::string_view detail, std::optional<std::int64_t> retry_after_ms) const {
    debug_log(describe_session() + ": refusing " + std::string(message_name(message)) + " (" + std::string(reason) + "): " + std::string(detail));
    if (profile::info(message).is_request()) {
      if (auto answer = profile::error_answer(message, reason, detail, retry_after_ms)) {
        Verdict v;
        v.answer = std::move(answer);
        v.reason = std::string(reason);
        v.refused = true;
        return v;
      }
    } else if (reason == "invalid" || (reason == "rate_limited" && profile::kRateLimitAnswerable)) {
      Verdict v;
      v.reason = std::string(reason);
      v.refused = true;
      return v;
    }
    return Verdict::closing(std::string(reason) + ": " + std::string(detail));
  }

  /** Over the rate limit: rate_limited with the wait until the next token. */
  Verdict over_limit(const Message& message) { return refuse(message, "rate_limited", "too many messages; slow down", retry_after_ms()); }

  /**
   * A complete frame that did not decode: answered when it was a request with an error message (a broken constraint of a
   * field the spec maps to a declared error, onInvalid, with that error); the wire error code starts the detail.
   */
  Verdict refuse_invalid(std::uint16_t message_id, const WireError& error) const {
    const std::string detail = error.what();  // "code: path: detail"
    const auto named = field_error(error);
    Verdict v;
    v.answer = profile::invalid_answer(message_id, detail, named ? std::optional<std::string_view>(*named) : std::nullopt);
    v.reason = "invalid";
    v.refused = true;
    debug_log(describe_session() + ": invalid frame (message id " + std::to_string(message_id) + "): " + error.what());
    return v;
  }

  /** The declared error the spec maps a broken constraint of a request's field to (its onInvalid), if any. */
  static std::optional<std::string> field_error(const WireError& error) {
    if (error.code() != WireError::Code::kConstraintViolated || error.message_name().empty() || error.path().empty()) return std::nullopt;
    const std::string prefix = error.message_name() + ".";
    if (error.path().compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    // The field's own value (or an element of it): text, tags[2].
    std::string_view rest = std::string_view(error.path()).substr(prefix.size());
    std::size_t end = 0;
    while (end < rest.size() && ((rest[end] >= 'a' && rest[end] <= 'z') || (rest[end] >= '0' && rest[end] <= '9') || rest[end] == '_')) ++end;
    if (end == 0) return std::nullopt;
    for (std::size_t i = end; i < rest.size();) {
      if (rest[i] != '[') return std::nullopt;
      std::size_t j = i + 1;
      while (j < rest.size() && rest[j] >= '0' && rest[j] <= '9') ++j;
      if (j == i + 1 || j >= rest.size() || rest[j] != ']') return std::nullopt;
      i = j + 1;
    }
    if (auto named = profile::field_error(error.message_name(), rest.substr(0, end))) return std::string(*named);
    return std::nullopt;
  }

  /**
   * Checks `message` against authentication and the role machine, runs its handler and returns the verdict. With a
   * `schedule` and a positive `timeout`, when the handler takes longer `on_timeout` gets the verdict refusing the
   * request at that moment (on the timer's thread) and this returns std::nullopt once the handler has finished (its
   * result is ignored). Without them it always returns a verdict.
   */
  std::optional<Verdict> handle(const Message& message, ServerDispatch& dispatch, std::chrono::milliseconds timeout = std::chrono::milliseconds(0),
                                const Schedule& schedule = nullptr, std::function<void(Verdict)> on_timeout = nullptr) {
    trace("<-", message);
    const std::string name(message_name(message));
    if (!authenticated_ && !is_open_message(name)) {
      return refuse(message, "not_authenticated", name + " before " + std::string(protocol_info::kAuthMessage.value_or("")) + " succeeded", std::nullopt);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      try {
        machine_.receive(name);
      } catch (const StateError& e) {
        // Java's StateError text: "the responder cannot receive Login in state serving".
        return refuse(message, "out_of_order", "the " + e.role() + " cannot " + e.action() + " " + e.message_name() + " in state " + e.state(), std::nullopt);
      }
      after_answer_.clear();
      last_.insert_or_assign(message.index(), message);
    }
    const MessageInfo& info = profile::info(message);
    auto decided = std::make_shared<std::atomic<bool>>(false);
    std::function<void()> cancel;
    if (schedule && timeout.count() > 0 && on_timeout) {
      std::weak_ptr<ServerSession> self = weak_from_this();
      const Message copy = message;
      const auto ms = timeout.count();
      cancel = schedule(ms, [self, decided, copy, name, ms, on_timeout] {
        auto session = self.lock();
        bool expected = false;
        if (!session || !decided->compare_exchange_strong(expected, true)) return;
        Verdict v = session->failed(copy, "the handler of " + name + " took longer than " + std::to_string(ms) + " ms");
        v.timed_out = true;
        on_timeout(std::move(v));
      });
    }
    std::optional<Message> answer;
    try {
      answer = dispatch.dispatch(*this, message);
    } catch (const std::exception& e) {
      bool expected = false;
      if (!decided->compare_exchange_strong(expected, true)) return std::nullopt;
      if (cancel) cancel();
      // A failing handler must not take the server down.
      debug_log(describe_session() + ": the handler of " + name + " failed: " + e.what());
      return failed(message, "the handler of " + name + " failed: " + e.what());
    } catch (...) {
      bool expected = false;
      if (!decided->compare_exchange_strong(expected, true)) return std::nullopt;
      if (cancel) cancel();
      return failed(message, "the handler of " + name + " failed: unknown exception");
    }
    bool expected = false;
    if (!decided->compare_exchange_strong(expected, true)) return std::nullopt;
    if (cancel) cancel();
    if (!info.is_request()) {
      if (answer) debug_log(describe_session() + ": the handler of " + name + " returned " + std::string(message_name(*answer)) + "; " + std::string(info.kind_name()) + " takes no answer");
      return finish(Verdict::none());
    }
    if (!answer || !info.answers_with(message_name(*answer))) {
      return failed(message, "the handler of " + name + " returned " + (answer ? std::string(message_name(*answer)) : std::string("nothing")));
    }
    const std::string answer_name(message_name(*answer));
    std::optional<std::string> refused_in;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!machine_.can_send(answer_name)) refused_in = std::string(machine_.state());
    }
    if (refused_in) return failed(message, answer_name + " may not be sent in state " + *refused_in);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      machine_.send(answer_name);
      if (is_open_message(name) && answer_name != info.error && machine_.state() != RoleMachine::initial(RoleMachine::Role::kResponder)) {
        // The authentication request, or another request of the initial state that opens the session (a resumption).
        authenticated_ = true;
        if (protocol_info::kAuthMessage && name == *protocol_info::kAuthMessage) {
          if (auto c = profile::credential_of(message)) credential_ = std::move(*c);
        }
      }
    }
    Verdict v;
    v.answer = std::move(answer);
    return finish(std::move(v));
  }

  /** Ends the session; the transport drops the connection or forgets the peer. Transports extend it. */
  virtual void close(std::string_view /*reason*/) { closed_ = true; }

  /** Marks the session authenticated (the authentication request succeeded). */
  void authenticate(std::string credential) {
    std::lock_guard<std::mutex> lock(mutex_);
    credential_ = std::move(credential);
    authenticated_ = true;
  }

  /** Spends one message of the rate limit; false when the peer is over it. */
  bool admit() { return !bucket_ || bucket_->take(); }
  std::int64_t retry_after_ms() { return bucket_ ? bucket_->retry_after_ms() : 0; }

 protected:
  /**
   * `auth_required`: whether the peer must authenticate before anything else (the protocol
   * info's AUTH_REQUIRED); `rate`: the server's rate limit, if any; `trace`: may be empty.
   */
  ServerSession(Hub& hub, std::uint64_t id, std::string peer, bool auth_required, const std::optional<RateLimit>& rate, Trace trace)
      : hub_(hub), id_(id), peer_(std::move(peer)), trace_(std::move(trace)), authenticated_(!auth_required) {
    if (rate) bucket_.emplace(*rate);
  }

  /** Sends one message the server originates; throws when it cannot. */
  virtual void transmit(const Message& message) = 0;

  void mark_closed() noexcept { closed_ = true; }

  void trace(std::string_view arrow, const Message& message) const {
    if (trace_) trace_(trace_line(id_, peer_, arrow, describe(message)));
  }

  /** The role machine, for the dispatch (guard it with machine_mutex()). */
  RoleMachine& machine() noexcept { return machine_; }
  std::mutex& machine_mutex() const noexcept { return mutex_; }

 private:
  friend class Hub;

  Verdict finish(Verdict verdict) {
    std::lock_guard<std::mutex> lock(mutex_);
    verdict.pushes = std::move(after_answer_);
    after_answer_.clear();
    if (machine_.terminal()) {
      verdict.close = true;
      if (verdict.reason.empty()) verdict.reason = "conversation over (state " + std::string(machine_.state()) + ")";
    }
    return verdict;
  }

  Verdict failed(const Message& message, const std::string& detail) {
    std::lock_guard<std::mutex> lock(mutex_);
    after_answer_.clear();
    Verdict verdict = refuse(message, "internal", detail, std::nullopt);
    if (verdict.answer) {
      const auto answer_name = message_name(*verdict.answer);
      if (machine_.can_send(answer_name)) machine_.send(answer_name);
      if (machine_.terminal()) verdict.close = true;
    }
    return verdict;
  }

  Hub& hub_;
  const std::uint64_t id_;
  const std::string peer_;
  Trace trace_;
  mutable std::mutex mutex_;
  RoleMachine machine_{RoleMachine::Role::kResponder};
  std::set<std::string> groups_;
  std::map<std::string, std::any> data_;
  std::optional<std::string> credential_;
  std::optional<TokenBucket> bucket_;
  std::map<std::size_t, Message> last_;
  std::vector<Message> after_answer_;
  std::atomic<bool> authenticated_;
  std::atomic<bool> closed_{false};
};

}  // namespace PROTOFORGE_NS
