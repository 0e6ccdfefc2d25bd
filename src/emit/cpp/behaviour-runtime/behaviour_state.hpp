// The state of the behaviour engine (behaviour.hpp, docs/decisions/0009),
// spec-agnostic: sessions by identity and token, groups with their members
// (in join order, each with its attributes) and a bounded numbered history,
// idempotency records and sequence numbers. Not thread-safe by itself: the
// engine holds its mutex around every call. In its own namespace: the spec's
// types may be called Member or GroupState too. Messages the state decides to
// send go to an Outbox, sent after the mutex is released.
#pragma once

#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/server_session.hpp>

#include <algorithm>
#include <any>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS::behaviour_state {

/** Messages to send once the engine's lock is released, in order. */
class Outbox {
 public:
  void add(std::shared_ptr<ServerSession> to, Message message) { items_.emplace_back(std::move(to), std::move(message)); }
  /** Sends each message its session may take now. */
  void send() {
    for (auto& [to, message] : items_) {
      if (to->can_push(message)) to->push(message);
    }
    items_.clear();
  }

 private:
  std::vector<std::pair<std::shared_ptr<ServerSession>, Message>> items_;
};

/** A session known by identity: the connection it is on (none while it waits to be resumed), its token. */
struct SessionRecord {
  std::string identity;
  /** Weak: the transport owns its sessions (they must go before its I/O context does). */
  std::weak_ptr<ServerSession> session;
  std::optional<Bytes> token;
  /** When the engine saw its connection gone (steady clock, ms); the resume window runs from there. */
  std::optional<std::int64_t> lost_at;
  std::map<std::string, std::uint64_t> sequences;
  std::deque<std::pair<std::string, Message>> answers;

  /** Its connection, when open. */
  std::shared_ptr<ServerSession> connection() const {
    auto s = session.lock();
    return s != nullptr && !s->closed() ? s : nullptr;
  }
  /** Whether its connection is open. */
  bool live() const { return connection() != nullptr; }
};

using RecordPtr = std::shared_ptr<SessionRecord>;

struct Member {
  RecordPtr record;
  std::set<std::string> attributes;
  bool has(const std::string& attribute) const { return attributes.count(attribute) != 0; }
};

/** One recorded item and the event that carried it (for replays). */
struct HistoryEntry {
  std::uint64_t id = 0;
  std::any item;
  std::optional<Message> event;
};

struct GroupState {
  std::string kind;
  std::string key;
  std::vector<Member> members;
  std::deque<HistoryEntry> history;

  const Member* member(const std::string& identity) const {
    for (const auto& m : members) {
      if (m.record->identity == identity) return &m;
    }
    return nullptr;
  }
};

using GroupPtr = std::shared_ptr<GroupState>;

class BehaviourState {
 public:
  /** What the engine sends when `record` leaves `group` as its session ends. */
  using LeftHandler = std::function<void(const RecordPtr& record, const GroupPtr& group, Outbox& out)>;

  BehaviourState(std::optional<std::int64_t> window_ms, LeftHandler on_left) : window_ms_(window_ms), on_left_(std::move(on_left)) {}

  // --- sessions --------------------------------------------------------------

  /** The record of `session`: the one it opened, or one without identity. */
  RecordPtr sender(ServerSession& session) {
    auto it = by_session_.find(session.id());
    if (it != by_session_.end()) return it->second;
    auto record = std::make_shared<SessionRecord>();
    record->identity = "#" + std::to_string(session.id());
    record->session = session.shared_from_this();
    by_session_[session.id()] = record;
    return record;
  }

  /** Whether a session with an open connection has `identity`. */
  bool taken(const std::string& identity) {
    auto it = by_identity_.find(identity);
    return it != by_identity_.end() && it->second->live();
  }

  /** Opens the session of `identity` on `session`; one waiting to be resumed under it ends first. */
  RecordPtr open(ServerSession& session, const std::string& identity, Outbox& out) {
    auto held = by_identity_.find(identity);
    if (held != by_identity_.end()) end(held->second, out);
    auto record = std::make_shared<SessionRecord>();
    record->identity = identity;
    record->session = session.shared_from_this();
    by_identity_[identity] = record;
    by_session_[session.id()] = record;
    return record;
  }

  /** A fresh token of `record` (the one before is spent). */
  Bytes issue(const RecordPtr& record, Bytes token) {
    if (record->token) by_token_.erase(*record->token);
    record->token = token;
    by_token_[token] = record;
    return token;
  }

  /**
   * The session `token` resumes, if any: one waiting to be resumed inside its window, or one whose
   * connection still looks open (a half-open connection not seen gone yet), which the resumption takes over.
   */
  RecordPtr resumable(const Bytes& token, Outbox& out) {
    auto it = by_token_.find(token);
    if (it == by_token_.end()) return nullptr;
    RecordPtr record = it->second;
    if (record->live()) return record;
    if (!record->lost_at) record->lost_at = now();
    if (window_ms_ && now() - *record->lost_at > *window_ms_) {
      end(record, out);
      return nullptr;
    }
    return record;
  }

  /** `session` takes over `record` (closing the connection it had, if any); its groups of the kinds in `restores` come back, the others end. */
  void resume(ServerSession& session, const RecordPtr& record, const std::vector<std::string>& restores, Outbox& out) {
    if (auto previous = record->connection(); previous != nullptr && previous->id() != session.id()) {
      by_session_.erase(previous->id());
      for (const auto& group : groups_of(record)) previous->hub().leave(group->key, *previous);
      previous->close("its session was resumed on another connection");
    }
    record->session = session.shared_from_this();
    record->lost_at.reset();
    by_session_[session.id()] = record;
    for (const auto& group : groups_of(record)) {
      if (std::find(restores.begin(), restores.end(), group->kind) != restores.end()) {
        session.hub().join(group->key, session.shared_from_this());
      } else {
        leave_with_notice(record, group, out);
      }
    }
  }

  /** The session ends: it leaves every group (the others are told), its identity and token are free. */
  void end(const RecordPtr& record, Outbox& out) {
    if (record->token) by_token_.erase(*record->token);
    record->token.reset();
    auto it = by_identity_.find(record->identity);
    if (it != by_identity_.end() && it->second == record) by_identity_.erase(it);
    for (const auto& group : groups_of(record)) leave_with_notice(record, group, out);
  }

  /**
   * Ends the sessions whose connection is gone: at once without a resume window (or a token to resume
   * with), else once the window has passed. The engine calls it every so often, so that the other
   * members hear of a lost connection although nobody sends anything.
   */
  void sweep(Outbox& out) {
    std::vector<RecordPtr> ended;
    for (auto it = by_session_.begin(); it != by_session_.end();) {
      const RecordPtr record = it->second;
      const auto s = record->session.lock();
      if (s != nullptr && s->id() == it->first && !s->closed()) {
        ++it;
        continue;
      }
      const bool older = s != nullptr && s->id() != it->first;  // a connection before a resume
      it = by_session_.erase(it);
      if (older || record->live()) continue;
      if (!record->lost_at) record->lost_at = now();
      if (!window_ms_ || !record->token) ended.push_back(record);
    }
    for (const auto& [token, record] : by_token_) {
      if (!record->live() && record->lost_at && window_ms_ && now() - *record->lost_at > *window_ms_) ended.push_back(record);
    }
    for (const auto& record : ended) end(record, out);
  }

  // --- groups -----------------------------------------------------------------

  /** The group of `kind` named `key`; a fresh one, kept only once someone joins it, when there is none. */
  GroupPtr group(const std::string& kind, const std::string& key) {
    for (const auto& g : groups_[kind]) {
      if (g->key == key) return g;
    }
    auto g = std::make_shared<GroupState>();
    g->kind = kind;
    g->key = key;
    return g;
  }

  /** The groups `record` belongs to (of `kind`, or all), in order of creation. */
  std::vector<GroupPtr> groups_of(const RecordPtr& record, const std::optional<std::string>& kind = std::nullopt) const {
    std::vector<GroupPtr> out;
    for (const auto& [k, list] : groups_) {
      if (kind && k != *kind) continue;
      for (const auto& g : list) {
        if (member_of(*g, record) != nullptr) out.push_back(g);
      }
    }
    return out;
  }

  static const Member* member_of(const GroupState& group, const RecordPtr& record) {
    const Member* m = group.member(record->identity);
    return m != nullptr && m->record == record ? m : nullptr;
  }

  /** Whether `record` is a member of `group` holding `attribute`. */
  static bool has_attribute(const GroupState& group, const RecordPtr& record, const std::string& attribute) {
    const Member* m = member_of(group, record);
    return m != nullptr && m->has(attribute);
  }

  /** The record of the member of `group` with `identity`, or nullptr. */
  static RecordPtr member_record(const GroupState& group, const std::string& identity) {
    const Member* m = group.member(identity);
    return m == nullptr ? nullptr : m->record;
  }

  /** The recorded items of `group`, oldest first. */
  template <typename Item>
  static std::vector<Item> items(const GroupState& group) {
    std::vector<Item> out;
    for (const auto& e : group.history) out.push_back(std::any_cast<Item>(e.item));
    return out;
  }

  void join(const GroupPtr& group, const RecordPtr& record, std::set<std::string> attributes) {
    auto& list = groups_[group->kind];
    if (std::find(list.begin(), list.end(), group) == list.end()) list.push_back(group);
    group->members.push_back(Member{record, std::move(attributes)});
    if (auto s = record->connection()) s->hub().join(group->key, s);
  }

  void leave(const GroupPtr& group, const RecordPtr& record) {
    auto& ms = group->members;
    const auto before = ms.size();
    ms.erase(std::remove_if(ms.begin(), ms.end(), [&](const Member& m) { return m.record == record; }), ms.end());
    if (ms.size() == before) return;
    if (ms.empty() && group->history.empty()) {
      auto& list = groups_[group->kind];
      list.erase(std::remove(list.begin(), list.end(), group), list.end());
    }
    if (auto s = record->session.lock()) s->hub().leave(group->key, *s);
  }

  /** Queues `message` for the members of `group` with an open connection, but `exclude`. */
  static void broadcast(const GroupState& group, const Message& message, Outbox& out, const RecordPtr& exclude = nullptr) {
    for (const auto& m : group.members) {
      if (m.record == exclude) continue;
      if (auto s = m.record->connection()) out.add(s, message);
    }
  }

  static void send_to(const RecordPtr& record, const Message& message, Outbox& out) {
    if (auto s = record->connection()) out.add(s, message);
  }

  /** A fresh item id, increasing across the server. */
  std::uint64_t next_item_id() { return ++item_ids_; }

  /** Records `item` under `id` into `group`'s history, keeping the last `size`. */
  HistoryEntry& record(const GroupPtr& group, std::size_t size, std::uint64_t id, std::any item) {
    group->history.push_back(HistoryEntry{id, std::move(item), std::nullopt});
    while (group->history.size() > size) group->history.pop_front();
    return group->history.back();
  }

  /** The recorded events of `record`'s groups of `kinds` newer than `after`, oldest first. */
  std::vector<Message> missed(const RecordPtr& record, const std::vector<std::string>& kinds, std::uint64_t after) const {
    std::vector<const HistoryEntry*> entries;
    for (const auto& g : groups_of(record)) {
      if (std::find(kinds.begin(), kinds.end(), g->kind) == kinds.end()) continue;
      for (const auto& e : g->history) {
        if (e.event && e.id > after) entries.push_back(&e);
      }
    }
    std::sort(entries.begin(), entries.end(), [](const HistoryEntry* a, const HistoryEntry* b) { return a->id < b->id; });
    std::vector<Message> out;
    for (const auto* e : entries) out.push_back(*e->event);
    return out;
  }

  // --- sequences and idempotent requests ---------------------------------------

  /** Takes sequence number `seq` of `field`: how many numbers it skips after the highest received. */
  static std::uint64_t sequence(const RecordPtr& record, const std::string& field, std::uint64_t seq) {
    auto it = record->sequences.find(field);
    if (it != record->sequences.end() && seq <= it->second) return 0;
    const std::uint64_t gaps = it == record->sequences.end() ? 0 : seq - it->second - 1;
    record->sequences[field] = seq;
    return gaps;
  }

  /** The answer kept for request `name` with `key`. */
  static std::optional<Message> answered(const RecordPtr& record, const std::string& name, const std::string& key) {
    for (const auto& [k, answer] : record->answers) {
      if (k == name + "|" + key) return answer;
    }
    return std::nullopt;
  }

  /** Keeps `answer` (the last `remember` per session). */
  static void keep(const RecordPtr& record, const std::string& name, const std::string& key, const Message& answer, std::size_t remember) {
    record->answers.emplace_back(name + "|" + key, answer);
    while (record->answers.size() > remember) record->answers.pop_front();
  }

 private:
  static std::int64_t now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  void leave_with_notice(const RecordPtr& record, const GroupPtr& group, Outbox& out) {
    leave(group, record);
    on_left_(record, group, out);
  }

  std::optional<std::int64_t> window_ms_;
  LeftHandler on_left_;
  std::map<std::string, RecordPtr> by_identity_;
  std::map<std::uint64_t, RecordPtr> by_session_;
  std::map<Bytes, RecordPtr> by_token_;
  std::map<std::string, std::vector<GroupPtr>> groups_;
  std::uint64_t item_ids_ = 0;
};

}  // namespace PROTOFORGE_NS::behaviour_state
