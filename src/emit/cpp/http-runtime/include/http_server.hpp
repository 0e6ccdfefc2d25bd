// Serves the protocol over HTTP (docs/wire-format.md section 10.3) on
// cpp-httplib (decision 0008), a port of the Java runtime's HttpServer:
//
//   POST /<protocol>/messages/<Message>   the payload JSON; X-Protoforge-Seq; Authorization: Bearer <credential>
//     200 + the answer's envelope (requests), 202 (oneways)
//   GET  /<protocol>/events               text/event-stream of the messages the server sends on its own
//
// Failures are 4xx/5xx with {"error": code, "message": text}: 400 bad payload
// or sequence header, 401 a bearer that is not the session's credential, 404
// unknown message, 405 method, 409 session ended, 413 body over the maximum
// frame size, 415 content type, 429 rate limit (Retry-After and
// retry_after_ms), 500, 504. A client's session is named by its
// X-Protoforge-Session header, else its bearer credential, else its address.
// A message the session's state does not allow is answered as on TCP
// (section 10.4): 200 with the request's error message, or 409 when it has
// none, ending the session. Each exchange runs on a thread of cpp-httplib's
// pool (kPoolThreads); an open event stream keeps one. A request's handler runs
// on a thread of its own so that the request timeout can answer 504 while it
// runs on (its result is then dropped, as in Java).
#pragma once

#include <httplib.h>

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/http_body.hpp>
#include <PROTOFORGE_NS/http_error.hpp>
#include <PROTOFORGE_NS/http_route.hpp>
#include <PROTOFORGE_NS/http_server_session.hpp>
#include <PROTOFORGE_NS/http_session_key.hpp>
#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/json.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/protocol_info.hpp>
#include <PROTOFORGE_NS/server_session.hpp>
#include <PROTOFORGE_NS/sse.hpp>
#include <PROTOFORGE_NS/verdict.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

class HttpServer {
 public:
  static constexpr std::string_view kTransportName = "http";
  static constexpr const char* kSessionHeader = "X-Protoforge-Session";
  static constexpr const char* kSeqHeader = "X-Protoforge-Seq";
  /** How much of a too-large body the server reads and drops before its 413 (streamed, never held). */
  static constexpr std::size_t kDrainLimitBytes = 16u * 1024 * 1024;
  /** cpp-httplib's threads: each open connection (a keep-alive client, an event stream) holds one while it is open. */
  static constexpr std::size_t kPoolThreads = 64;

  /** `dispatch` (the application's handlers) must outlive the server. */
  explicit HttpServer(ServerDispatch& dispatch, ServerOptions options = ServerOptions::defaults())
      : dispatch_(dispatch), options_(std::move(options)), prefix_("/" + std::string(protocol_info::kProtocolName)) {}

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  virtual ~HttpServer() { stop(); }

  /** Starts listening on host:port (port 0: the system picks one); returns the bound port. std::system_error when it cannot bind. */
  std::uint16_t start(const std::string& host = "127.0.0.1", std::uint16_t port = 0) {
    std::lock_guard<std::mutex> lock(lifecycle_);
    if (server_) throw std::logic_error(describe_server() + " is already started");
    auto server = std::make_unique<httplib::Server>();
    server->new_task_queue = [] { return new httplib::ThreadPool(kPoolThreads); };
    server->set_keep_alive_max_count(1u << 30);
    server->set_keep_alive_timeout(2);
    // cpp-httplib sets SO_REUSEPORT on the listening socket: a second server would bind the same port and
    // share its connections. SO_REUSEADDR only: a port in use is refused (std::system_error below).
    server->set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      error(res, 500, "internal", "the server failed");
    });
    auto with_body = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) { exchange(req, res, &reader); };
    auto without_body = [this](const httplib::Request& req, httplib::Response& res) { exchange(req, res, nullptr); };
    server->Post(".*", with_body);
    server->Put(".*", with_body);
    server->Patch(".*", with_body);
    server->Delete(".*", with_body);
    server->Get(".*", without_body);
    server->Options(".*", without_body);
    int bound = port;
    if (port == 0) {
      bound = server->bind_to_any_port(host);
    } else if (!server->bind_to_port(host, port)) {
      bound = -1;
    }
    if (bound <= 0) throw std::system_error(std::make_error_code(std::errc::address_not_available), "cannot listen on " + host + ":" + std::to_string(port));
    host_ = host;
    port_ = static_cast<std::uint16_t>(bound);
    closing_ = false;
    server_ = std::move(server);
    listener_ = std::thread([s = server_.get()] { s->listen_after_bind(); });
    janitor_ = std::thread([this] { sweep(); });
    debug_log(describe_server() + ": listening");
    return port_;
  }

  /** Graceful shutdown: closes every session (ending its event stream), waits for exchanges up to shutdown_timeout, then the listener. */
  void stop() {
    std::lock_guard<std::mutex> lock(lifecycle_);
    if (!server_) return;
    {
      std::lock_guard<std::mutex> wake(sweep_mutex_);
      closing_ = true;
    }
    sweep_wake_.notify_all();
    if (janitor_.joinable()) janitor_.join();
    for (const auto& session : held()) session->close("server shutting down");
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_timeout;
    while ((active_->load() > 0) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server_->stop();
    if (listener_.joinable()) listener_.join();
    server_.reset();
    debug_log(describe_server() + ": closed");
  }

  const std::string& host() const noexcept { return host_; }
  /** The bound port once started. */
  std::uint16_t port() const noexcept { return port_; }
  const ServerOptions& options() const noexcept { return options_; }
  Hub& hub() noexcept { return hub_; }

  /** The sessions it holds now. */
  std::vector<std::shared_ptr<ServerSession>> sessions() const {
    std::vector<std::shared_ptr<ServerSession>> out;
    for (auto& s : held()) out.push_back(s);
    return out;
  }

  std::string describe_server() const { return "<HttpServer " + host_ + ":" + std::to_string(port_) + ">"; }

 private:
  using SessionPtr = std::shared_ptr<HttpServerSession>;

  /** What one request's handler thread leaves for the exchange waiting on it. */
  struct Pending {
    std::mutex mutex;
    std::condition_variable ready;
    std::function<void()> fire;
    bool done = false;
    bool timed_out = false;
    std::optional<Verdict> verdict;
  };

  // --- answers ---------------------------------------------------------------------------

  static void error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                    const std::vector<std::pair<std::string, std::int64_t>>& extra = {}) {
    res.status = status;
    res.set_content(http_error_body(code, message, extra), "application/json");
  }

  /** 429 rate_limited: Retry-After in whole seconds (at least 1) and retry_after_ms in the body. */
  static void rate_limited(httplib::Response& res, std::int64_t retry_after_ms, std::string_view message) {
    const std::int64_t ms = std::max<std::int64_t>(0, retry_after_ms);
    res.set_header("Retry-After", std::to_string(retry_after_seconds(ms)));
    error(res, 429, "rate_limited", message, {{"retry_after_ms", ms}});
  }

  /** Reads and drops the request body (keeps the connection usable); false when it was over the drain limit. */
  static bool discard(const httplib::ContentReader* reader) {
    if (reader == nullptr) return true;
    std::size_t dropped = 0;
    return (*reader)([&dropped](const char*, std::size_t n) {
      dropped += n;
      return dropped <= kDrainLimitBytes;
    });
  }

  /** 413, once the rest of the body has been read and dropped (up to kDrainLimitBytes); the connection closes after it. */
  static void too_large(httplib::Response& res, const httplib::ContentReader* reader, std::size_t limit) {
    discard(reader);
    res.set_header("Connection", "close");
    error(res, 413, "frame_too_large", "the body is larger than " + std::to_string(limit) + " bytes");
  }

  // --- sessions ----------------------------------------------------------------------------

  std::vector<SessionPtr> held() const {
    std::lock_guard<std::mutex> lock(sessions_mutex_);
    std::vector<SessionPtr> out;
    for (const auto& [key, s] : sessions_) out.push_back(s);
    return out;
  }

  void sweep() {
    const auto idle = options_.idle_timeout;
    const auto every = std::chrono::milliseconds(std::min<std::int64_t>(std::max<std::int64_t>(idle.count() / 4, 10), 5000));
    std::unique_lock<std::mutex> lock(sweep_mutex_);
    while (!closing_) {
      sweep_wake_.wait_for(lock, every, [this] { return closing_.load(); });
      if (closing_ || idle.count() <= 0) continue;
      lock.unlock();
      for (const auto& session : held()) {
        if (session->idle(idle)) session->close("idle");
      }
      lock.lock();
    }
  }

  static std::string address_of(const httplib::Request& req) { return req.remote_addr; }

  /** The session of the request; a new one when `create` (nullptr: none, or the server serves its maximum). */
  SessionPtr session(const httplib::Request& req, bool create) {
    const std::string key = http_session_key(req.get_header_value(kSessionHeader), bearer_of(req.get_header_value("Authorization")), address_of(req));
    SessionPtr session;
    {
      std::lock_guard<std::mutex> lock(sessions_mutex_);
      auto it = sessions_.find(key);
      if (it != sessions_.end()) {
        session = it->second;
        // Ended a moment ago (being forgotten): its name starts a fresh session (section 10.3).
        if (session->closed()) {
          sessions_.erase(it);
          session = nullptr;
        }
      }
      if (!session && create && sessions_.size() < options_.max_sessions && !closing_) {
        session = std::make_shared<HttpServerSession>(hub_, key, req.remote_addr + ":" + std::to_string(req.remote_port), options_,
                                                      [this](HttpServerSession& s) { forget(s); });
        sessions_.emplace(key, session);
        hub_.add(session);
      }
    }
    if (session) session->touch();
    return session;
  }

  void forget(HttpServerSession& session) {
    std::lock_guard<std::mutex> lock(sessions_mutex_);
    auto it = sessions_.find(session.key());
    if (it != sessions_.end() && it->second.get() == &session) sessions_.erase(it);
  }

  // --- exchanges ---------------------------------------------------------------------------

  void exchange(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
    active_->fetch_add(1);
    try {
      route(req, res, reader);
    } catch (const std::exception& e) {
      // Whatever failed, the client gets an answer: an exchange never answered hangs it.
      debug_log(describe_server() + ": " + req.method + " " + req.target + " failed: " + e.what());
      error(res, 500, "internal", "the server failed");
    }
    active_->fetch_sub(1);
  }

  void route(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
    const std::string path = req.target.substr(0, req.target.find('?'));
    const http_route r = route_of(path, protocol_info::kProtocolName);
    switch (r.kind) {
      case http_route_kind::message: return message(req, res, reader, r.name);
      case http_route_kind::events: return events(req, res, reader);
      case http_route_kind::not_found: break;
    }
    discard(reader);
    error(res, 404, "not_found", "no such resource: " + path);
  }

  // --- POST /<protocol>/messages/<Message> -------------------------------------------------

  void message(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader, const std::string& name) {
    if (req.method != "POST") {
      discard(reader);
      res.set_header("Allow", "POST");
      return error(res, 405, "method_not_allowed", "messages are sent with POST");
    }
    const MessageInfo* info = profile::info(name);
    if (info == nullptr || info->sender != "initiator" || info->kind == MessageInfo::Kind::kResponse) {
      discard(reader);
      return error(res, 404, "unknown_message", name + " is not a message the " + std::string(protocol_info::kInitiatorName) + " sends");
    }
    if (media_type_of(req.get_header_value("Content-Type")) != "application/json") {
      discard(reader);
      return error(res, 415, "unsupported_media_type", "the body must be application/json");
    }
    const auto seq = sequence_of(req.get_header_value(kSeqHeader));
    if (!seq) {
      discard(reader);
      return error(res, 400, "bad_request", std::string(kSeqHeader) + " must be a sequence number (uint32)");
    }
    const std::size_t limit = options_.max_frame_bytes;
    if (announced_over_limit(req.get_header_value("Content-Length"), limit)) return too_large(res, reader, limit);
    http_body body(limit);
    std::size_t dropped = 0;
    const bool arrived = reader == nullptr || (*reader)([&body, &dropped](const char* data, std::size_t n) {
      if (body.append(data, n)) return true;
      dropped += n;
      return dropped <= kDrainLimitBytes;
    });
    if (body.over()) {
      res.set_header("Connection", "close");
      return error(res, 413, "frame_too_large", "the body is larger than " + std::to_string(limit) + " bytes");
    }
    if (!arrived) return error(res, 400, "bad_request", "the body did not arrive");
    const SessionPtr s = session(req, true);
    if (!s) return rate_limited(res, 1000, "the server serves its maximum of sessions");
    const auto bearer = bearer_of(req.get_header_value("Authorization"));
    // Only a session that opened with a credential is bound to it; before that, the session's
    // state machine answers (a request it does not allow gets not_authenticated).
    const auto bound = s->bearer();
    if (ServerSession::kAuthRequired && s->authenticated() && bound && bound != bearer) {
      return error(res, 401, "unauthorized", bearer ? "the credential does not match the session's" : "send Authorization: Bearer <credential>");
    }
    if (!s->admit()) return rate_limited(res, s->retry_after_ms(), "too many requests; slow down");
    Json data;
    try {
      data = parse_json(body.text());
    } catch (const WireError&) {
      return error(res, 400, "bad_request", "the body is not valid JSON");
    }
    std::optional<Message> decoded;
    try {
      decoded = from_json(name, data);
    } catch (const WireError& e) {
      return error(res, 400, e.code_name(), e.path().empty() ? e.detail() : e.path() + ": " + e.detail());
    }
    if (ServerSession::kAuthRequired && !s->authenticated() && bearer) {
      const auto credential = profile::credential_of(*decoded);
      if (credential && *credential != *bearer) return error(res, 401, "unauthorized", "the bearer token is not the credential of the request");
    }
    const auto verdict = handle(s, std::move(*decoded), bearer);
    if (!verdict) return error(res, 504, "timeout", "no answer within " + std::to_string(options_.request_timeout.count()) + " ms");
    // Refused without an error message to say so (section 10.4): the session is over.
    if (verdict->refused && verdict->close && !verdict->answer) {
      return error(res, 409, "session_closed", verdict->reason.empty() ? name + " ended the session" : verdict->reason);
    }
    if (info->is_request()) {
      if (!verdict->answer) return error(res, 400, "bad_request", verdict->reason.empty() ? name + " was refused" : verdict->reason);
      res.status = 200;
      res.set_content(json_text(to_envelope(*verdict->answer, *seq)), "application/json");
      return;
    }
    if (verdict->refused) return error(res, 400, "bad_request", verdict->reason.empty() ? name + " was refused" : verdict->reason);
    res.status = 202;
  }

  /**
   * Runs the message through the session on a thread of its own (one request of a session at a time) and waits for
   * its verdict; nothing when the request timeout came first (the handler's result is then dropped).
   */
  std::optional<Verdict> handle(const SessionPtr& s, Message message, std::optional<std::string> bearer) {
    auto pending = std::make_shared<Pending>();
    const auto timeout = options_.request_timeout;
    ServerDispatch& dispatch = dispatch_;
    auto active = active_;
    active->fetch_add(1);
    std::thread([s, pending, timeout, &dispatch, active, message = std::move(message), bearer = std::move(bearer)] {
      std::optional<Verdict> verdict;
      try {
        std::lock_guard<std::mutex> one_at_a_time(s->exclusive());
        const bool opening = !s->authenticated();
        verdict = s->handle(
            message, dispatch, timeout,
            [pending](std::int64_t, std::function<void()> fire) {
              std::lock_guard<std::mutex> lock(pending->mutex);
              pending->fire = std::move(fire);
              return std::function<void()>([pending] {
                std::lock_guard<std::mutex> inner(pending->mutex);
                pending->fire = nullptr;
              });
            },
            [pending](Verdict) {
              {
                std::lock_guard<std::mutex> lock(pending->mutex);
                pending->timed_out = true;
              }
              pending->ready.notify_all();
            });
        if (verdict) {
          // A session opened by another request than the authentication one (a resumption) is bound to the bearer it came with.
          if (opening && s->authenticated() && bearer) s->bind_bearer(*bearer);
          if (verdict->answer) s->trace_answer(*verdict->answer);
          for (const auto& pushed : verdict->pushes) s->push(pushed);
          if (verdict->close) s->close(verdict->reason);
        }
      } catch (const std::exception& e) {
        debug_log(s->describe_session() + ": handling failed: " + e.what());
        verdict = Verdict::closing("the server failed");
      }
      {
        std::lock_guard<std::mutex> lock(pending->mutex);
        pending->done = true;
        pending->verdict = std::move(verdict);
      }
      pending->ready.notify_all();
      active->fetch_sub(1);
    }).detach();
    std::unique_lock<std::mutex> lock(pending->mutex);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pending->done && !pending->timed_out) {
      if (timeout.count() <= 0) {
        pending->ready.wait(lock);
        continue;
      }
      if (pending->ready.wait_until(lock, deadline) != std::cv_status::timeout || pending->done || pending->timed_out) continue;
      if (auto fire = std::exchange(pending->fire, nullptr)) {
        // The request watchdog: the session decides (the handler may have finished a moment ago).
        lock.unlock();
        fire();
        lock.lock();
      } else {
        deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(10);
      }
    }
    if (pending->timed_out) return std::nullopt;
    return std::move(pending->verdict);
  }

  // --- GET /<protocol>/events ----------------------------------------------------------------

  void events(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
    discard(reader);
    if (req.method != "GET") {
      res.set_header("Allow", "GET");
      return error(res, 405, "method_not_allowed", "the event stream is read with GET");
    }
    const SessionPtr s = session(req, !ServerSession::kAuthRequired);
    if (ServerSession::kAuthRequired) {
      const auto bound = s ? s->bearer() : std::nullopt;
      if (!s || !s->authenticated() || (bound && bound != bearer_of(req.get_header_value("Authorization")))) {
        return error(res, 401, "unauthorized", "authenticate with " + std::string(protocol_info::kAuthMessage.value_or("")) + " first");
      }
    }
    if (!s) return rate_limited(res, 1000, "the server serves its maximum of sessions");
    s->stream_opened();
    const auto keepalive = std::chrono::milliseconds(std::max<std::int64_t>(10, options_.keepalive_interval.count() * 9 / 10));
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_chunked_content_provider(
        "text/event-stream",
        [s, keepalive](std::size_t, httplib::DataSink& sink) {
          auto next = s->next_event(keepalive);
          if (next.what == http_outbox::taken::kind::ended) {
            sink.done();  // the session has ended: so does its stream
            return true;
          }
          const std::string_view text = next.what == http_outbox::taken::kind::event ? std::string_view(next.text) : sse_keepalive;
          return sink.write(text.data(), text.size());
        },
        [s](bool) { s->stream_closed(); });
  }

  ServerDispatch& dispatch_;
  const ServerOptions options_;
  const std::string prefix_;
  Hub hub_;
  std::string host_ = "127.0.0.1";
  std::uint16_t port_ = 0;
  std::mutex lifecycle_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  std::thread janitor_;
  std::mutex sweep_mutex_;
  std::condition_variable sweep_wake_;
  std::atomic<bool> closing_{false};
  mutable std::mutex sessions_mutex_;
  std::map<std::string, SessionPtr> sessions_;
  /** Exchanges and handler threads running now (stop() waits for them). */
  std::shared_ptr<std::atomic<int>> active_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace PROTOFORGE_NS
