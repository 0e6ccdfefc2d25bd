// The sessions of one server and their groups, as Java's Hub: ids 1, 2, …,
// join/leave a group, members in the order they joined, broadcast to every
// session (or a group's) that may receive the message now. Thread-safe.
#pragma once

#include <PROTOFORGE_NS/server_session.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace PROTOFORGE_NS {

class Hub {
 public:
  using SessionPtr = std::shared_ptr<ServerSession>;

  /** A new number, 1, 2, … (session ids; handlers may use it too). */
  std::uint64_t next_id() noexcept { return ids_.fetch_add(1) + 1; }

  /** The open sessions, oldest first. */
  std::vector<SessionPtr> sessions() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<SessionPtr> out;
    for (const auto& [id, s] : sessions_) out.push_back(s);
    return out;
  }

  void add(const SessionPtr& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[session->id()] = session;
  }

  void remove(const SessionPtr& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(session->id());
    for (const auto& group : session->groups()) leave_locked(group, *session);
  }

  /** Adds `session` to `group` (not when it is closed). */
  void join(const std::string& group, const SessionPtr& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (session->closed()) return;
    std::lock_guard<std::mutex> inner(session->mutex_);
    if (session->groups_.count(group) != 0) return;  // already a member: keeps its place
    auto& members = groups_[group];
    members.order.try_emplace(members.next++, session);
    session->groups_.insert(group);
  }

  /** Removes `session` from `group`. */
  void leave(const std::string& group, ServerSession& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    leave_locked(group, session);
  }

  /** The sessions in `group`, in the order they joined. */
  std::vector<SessionPtr> members(const std::string& group) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<SessionPtr> out;
    auto it = groups_.find(group);
    if (it == groups_.end()) return out;
    for (const auto& [n, s] : it->second.order) out.push_back(s);
    return out;
  }

  /** Pushes `message` to every session (of `group`; none: all) that may receive it now, except `exclude`; how many got it. */
  std::size_t broadcast(const Message& message, const std::optional<std::string>& group = std::nullopt, const ServerSession* exclude = nullptr) {
    const auto targets = group ? members(*group) : sessions();
    std::vector<SessionPtr> chosen;
    for (const auto& s : targets) {
      if (s.get() != exclude && s->can_push(message)) chosen.push_back(s);
    }
    std::size_t delivered = 0;
    for (const auto& s : chosen) {
      if (s->push(message)) ++delivered;
    }
    return delivered;
  }

 private:
  struct Group {
    std::uint64_t next = 0;
    std::map<std::uint64_t, SessionPtr> order;
  };

  void leave_locked(const std::string& group, ServerSession& session) {
    auto it = groups_.find(group);
    if (it != groups_.end()) {
      for (auto m = it->second.order.begin(); m != it->second.order.end(); ++m) {
        if (m->second.get() == &session) {
          it->second.order.erase(m);
          break;
        }
      }
      if (it->second.order.empty()) groups_.erase(it);
    }
    std::lock_guard<std::mutex> inner(session.mutex_);
    session.groups_.erase(group);
  }

  std::atomic<std::uint64_t> ids_{0};
  mutable std::mutex mutex_;
  std::map<std::uint64_t, SessionPtr> sessions_;
  std::map<std::string, Group> groups_;
};

}  // namespace PROTOFORGE_NS
