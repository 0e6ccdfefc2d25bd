// One peer of a server (a TCP connection, a UDP address, an HTTP client),
// whatever the transport: its id and peer text, its role machine (responder),
// whether it has authenticated, its rate limit, the groups it joined and the
// application's data. A transport subclasses it and implements transmit()
// (send one server-originated message) and close(); push() checks the role
// machine first, as Java's ServerSession.push. Thread-safe: a mutex guards the
// machine, authentication and groups; a transport calls it on the session's
// strand.
#pragma once

#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/role_machine.hpp>
#include <PROTOFORGE_NS/trace.hpp>

#include <any>
#include <atomic>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace PROTOFORGE_NS {

class Hub;

class ServerSession : public std::enable_shared_from_this<ServerSession> {
 public:
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
    if (trace_) trace_(trace_line(id_, peer_, arrow, message_name(message)));
  }

  /** The role machine, for the dispatch (guard it with machine_mutex()). */
  RoleMachine& machine() noexcept { return machine_; }
  std::mutex& machine_mutex() const noexcept { return mutex_; }

 private:
  friend class Hub;

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
  std::atomic<bool> authenticated_;
  std::atomic<bool> closed_{false};
};

}  // namespace PROTOFORGE_NS
