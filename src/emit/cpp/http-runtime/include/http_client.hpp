// A client over HTTP (docs/wire-format.md section 10.3) on cpp-httplib
// (decision 0008), a port of the Java runtime's HttpClient. Requests and
// oneways are POSTed as JSON with a sequence number of this client's own; the
// answer comes back in the response. Messages the server sends on its own
// arrive on the Server-Sent Event stream, which the client opens once it has
// authenticated (at once when the protocol does not authenticate) and
// re-opens with the retry policy's backoff when it fails; its reader is a
// thread of the client. Failures: HttpStatusError (a 4xx/5xx answer, code
// "http_status"), RequestTimeout, ConnectionClosed, ConnectFailed (the event
// stream could not be opened), UnexpectedAnswer.
#pragma once

#include <PROTOFORGE_NS/client_base.hpp>
#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/http_connection.hpp>
#include <PROTOFORGE_NS/json.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/protocol_info.hpp>
#include <PROTOFORGE_NS/server_session.hpp>
#include <PROTOFORGE_NS/sse.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** An HTTP request failed with a 4xx or 5xx status and a JSON error body. */
class HttpStatusError : public TransportError {
 public:
  HttpStatusError(int status, std::string error, const std::string& message)
      : TransportError("HTTP " + std::to_string(status) + " " + error + ": " + message), status_(status), error_(std::move(error)) {}
  int status() const noexcept { return status_; }
  /** The body's "error" code (bad_request, unauthorized, rate_limited …), "http" without one. */
  const std::string& error() const noexcept { return error_; }
  std::string_view code() const noexcept override { return "http_status"; }

 private:
  int status_;
  std::string error_;
};

class HttpClient : public ClientBase {
 public:
  static constexpr std::string_view kTransportName = "http";
  static constexpr const char* kSessionHeader = "X-Protoforge-Session";
  static constexpr const char* kSeqHeader = "X-Protoforge-Seq";

  /** `dispatch` may be null (events then only go to next_event); it must outlive the client. */
  HttpClient(std::string host, std::uint16_t port, ClientDispatch* dispatch = nullptr, ClientOptions options = ClientOptions::defaults())
      : ClientBase(std::move(host), port, dispatch, std::move(options)), session_id_(random_hex(16)) {}

  ~HttpClient() override { close(); }

  /** The name of this client's session on the server (the X-Protoforge-Session header). */
  const std::string& session_id() const noexcept { return session_id_; }

  bool connected() const override { return open_; }

  /** Prepares the client; without authentication also opens the event stream (with retries). */
  void connect() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (open_) return;
      open_ = true;
      seq_ = 1;
      connection_ = std::make_shared<http_connection>(host_, port_, std::max(options_.connect_timeout, std::chrono::milliseconds(1)));
    }
    if (!ServerSession::kAuthRequired) start_events();
  }

  /** Ends the event stream and aborts requests on their way (they fail with ConnectionClosed). Safe to call twice. */
  void close() override {
    std::shared_ptr<http_connection> connection;
    std::thread reader;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = false;
      stream_stopped_ = true;
      connection = connection_;
      reader = std::move(stream_);
    }
    stop_wake_.notify_all();
    if (connection) connection->close();
    if (reader.joinable()) {
      if (reader.get_id() == std::this_thread::get_id()) {
        reader.detach();  // closed by a handler on the stream's own thread
      } else {
        reader.join();
      }
    }
  }

  /**
   * POSTs a request and returns its answer (a response or the error message). StateError when the role machine does
   * not allow it now; HttpStatusError, RequestTimeout, ConnectionClosed, UnexpectedAnswer.
   */
  Message request(const Message& message) override {
    check_request(message);
    require_open();
    const std::string body = to_json_text(message);  // a message that does not encode leaves the role machine where it was
    machine_send(message);
    trace("->", message);
    const std::string name(message_name(message));
    const bool authenticating = ServerSession::kAuthRequired && protocol_info::kAuthMessage && name == *protocol_info::kAuthMessage;
    if (authenticating) {
      std::lock_guard<std::mutex> lock(mutex_);
      credential_ = profile::credential_of(message);
    }
    in_flight_.fetch_add(1);
    Posted posted;
    try {
      posted = post(message, body);
    } catch (...) {
      in_flight_.fetch_sub(1);
      throw;
    }
    in_flight_.fetch_sub(1);
    Message answer;
    try {
      Envelope envelope = from_envelope_text(posted.text);
      if (envelope.seq != posted.seq) debug_log(describe_client() + ": the answer to seq " + std::to_string(posted.seq) + " carries seq " + std::to_string(envelope.seq));
      answer = std::move(envelope.message);
    } catch (const WireError& e) {
      throw HttpStatusError(posted.status, std::string(e.code_name()), "the answer is not a valid envelope: " + java_message(e));
    }
    const MessageInfo& info = profile::info(message);
    if (!info.answers_with(message_name(answer))) throw UnexpectedAnswer(name, std::string(message_name(answer)));
    received(answer);
    replay_early();
    if (authenticating && message_name(answer) != info.error) start_events();
    return answer;
  }

  /** POSTs a oneway (202 Accepted). */
  void send(const Message& message) override {
    check_send(message);
    require_open();
    const std::string body = to_json_text(message);
    machine_send(message);
    trace("->", message);
    post(message, body);
  }

 private:
  struct Posted {
    std::uint32_t seq = 0;
    int status = 0;
    std::string text;
  };

  static std::string random_hex(std::size_t bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    std::random_device device;
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
      const auto b = static_cast<unsigned>(device()) & 0xFFu;
      out.push_back(hex[b >> 4]);
      out.push_back(hex[b & 0xFu]);
    }
    return out;
  }

  /** A path segment: unreserved characters kept, the rest %XX. */
  static std::string url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '*') {
        out.push_back(c);
      } else {
        out.push_back('%');
        out.push_back(hex[u >> 4]);
        out.push_back(hex[u & 0xFu]);
      }
    }
    return out;
  }

  /** The text Java's WireError.getMessage() gives: "path: detail". */
  static std::string java_message(const WireError& e) { return e.path().empty() ? e.detail() : e.path() + ": " + e.detail(); }

  std::string base_path() const { return "/" + std::string(protocol_info::kProtocolName); }

  httplib::Headers headers() const {
    httplib::Headers h{{kSessionHeader, session_id_}};
    std::lock_guard<std::mutex> lock(mutex_);
    if (credential_) h.emplace("Authorization", "Bearer " + *credential_);
    return h;
  }

  std::shared_ptr<http_connection> connection() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return connection_;
  }

  void require_open() const {
    if (!open_) throw ConnectionClosed("not connected to " + host_ + ":" + std::to_string(port_));
  }

  std::uint32_t next_seq() {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::uint32_t value = seq_;
    seq_ = value == 0xFFFFFFFFu ? 1 : value + 1;
    return value;
  }

  /** POSTs `body`, the JSON envelope of `message` encoded before the role machine moved. */
  Posted post(const Message& message, const std::string& body) {
    require_open();
    const auto connection = this->connection();
    if (!connection) throw ConnectionClosed("not connected to " + host_ + ":" + std::to_string(port_));
    const std::uint32_t n = next_seq();
    const std::string name(message_name(message));
    const auto timeout = std::max(options_.request_timeout, std::chrono::milliseconds(1));
    httplib::Headers h = headers();
    h.emplace(kSeqHeader, std::to_string(n));
    const http_outcome out = connection->post(base_path() + "/messages/" + url_encode(name), h, body, timeout);
    switch (out.failure) {
      case http_failure::timeout:
        throw RequestTimeout("no answer to " + name + " (seq " + std::to_string(n) + ") within " + std::to_string(options_.request_timeout.count()) + " ms");
      case http_failure::closed: throw ConnectionClosed(name + " was cut off: the client closed");
      case http_failure::failed: throw ConnectionClosed(name + " could not be sent: " + out.detail);
      case http_failure::none: break;
    }
    if (out.status >= 400) {
      std::string error = "http";
      std::string detail = out.body;
      try {
        const Json body = parse_json(out.body);
        if (body.is_object()) {
          if (auto it = body.find("error"); it != body.end() && !it->is_null()) error = it->is_string() ? it->get<std::string>() : it->dump();
          if (auto it = body.find("message"); it != body.end() && !it->is_null()) detail = it->is_string() ? it->get<std::string>() : it->dump();
        }
      } catch (const WireError&) {
        // not a JSON error body: the text as it came
      }
      throw HttpStatusError(out.status, error, detail);
    }
    return Posted{n, out.status, out.body};
  }

  // --- the event stream ------------------------------------------------------------------

  /** Opens the event stream (once) and waits until it is open, at most connect_timeout; ConnectFailed when it gave up. */
  void start_events() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stream_running_) return;
      if (stream_.joinable()) {
        // A reader that has ended (it left stream_running_ false): gone in a moment.
        if (stream_.get_id() == std::this_thread::get_id()) {
          stream_.detach();
        } else {
          stream_.join();
        }
      }
      stream_stopped_ = false;
      stream_failure_.clear();
      stream_opened_ = false;
      stream_running_ = true;
      stream_ = std::thread([this] { read_events(); });
    }
    std::unique_lock<std::mutex> lock(mutex_);
    // Open, given up, or still trying after the connect timeout (it goes on in the background).
    stream_state_.wait_for(lock, std::max(options_.connect_timeout, std::chrono::milliseconds(1)), [this] { return stream_opened_ || !stream_running_; });
    if (!stream_opened_ && !stream_failure_.empty()) {
      throw ConnectFailed("the event stream of " + host_ + ":" + std::to_string(port_) + " could not be opened: " + stream_failure_);
    }
  }

  /** Reads the event stream, re-opening it with backoff; ends when the server ends it, on close, or when every retry failed. */
  void read_events() {
    std::vector<std::int64_t> delays = options_.retry.delays_ms();
    if (delays.empty()) delays.push_back(options_.retry.initial_backoff_ms);
    std::size_t failures = 0;
    const auto silence = std::max({options_.keepalive_interval * 3, options_.idle_timeout, std::chrono::milliseconds(10000)});
    while (!stream_stopped_) {
      const auto connection = this->connection();
      if (!connection) break;
      httplib::Headers h = headers();
      h.emplace("Accept", "text/event-stream");
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (last_event_id_) h.emplace("Last-Event-ID", *last_event_id_);
      }
      sse_reader reader(std::max<std::size_t>(options_.max_frame_bytes, 64 * 1024) * 2);
      bool opened = false;
      const http_outcome out = connection->stream(
          base_path() + "/events", h, silence,
          [this, &opened, &failures] {
            opened = true;
            failures = 0;
            {
              std::lock_guard<std::mutex> lock(mutex_);
              stream_opened_ = true;
            }
            stream_state_.notify_all();
            return !stream_stopped_.load();
          },
          [this, &reader](std::string_view piece) {
            return reader.feed(piece, [this](sse_event e) {
              {
                std::lock_guard<std::mutex> lock(mutex_);
                last_event_id_ = e.id;
              }
              event(e.data);
            });
          });
      if (stream_stopped_ || out.failure == http_failure::closed) break;
      std::string failure;
      if (out.status == 200 && out.detail.empty()) {
        debug_log(describe_client() + ": the event stream ended");
        break;
      }
      if (out.status == 200) {
        failure = "the event stream broke: " + out.detail;
      } else if (out.status != 0) {
        failure = HttpStatusError(out.status, "events", out.body).what();
      } else {
        failure = out.detail;
      }
      ++failures;
      if (failures > delays.size()) {
        std::lock_guard<std::mutex> lock(mutex_);
        stream_failure_ = "the event stream failed " + std::to_string(failures) + " times: " + failure;
        debug_log(describe_client() + ": " + stream_failure_);
        break;
      }
      debug_log(describe_client() + ": event stream: " + failure + "; retrying");
      std::unique_lock<std::mutex> lock(mutex_);
      stop_wake_.wait_for(lock, std::chrono::milliseconds(delays[failures - 1]), [this] { return stream_stopped_.load(); });
      (void)opened;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stream_running_ = false;
    }
    stream_state_.notify_all();
  }

  void event(const std::string& data) {
    Message message;
    try {
      message = from_envelope_text(data).message;
    } catch (const WireError& e) {
      debug_log(describe_client() + ": dropped an invalid event: " + e.what());
      return;
    }
    {
      std::lock_guard<std::mutex> lock(early_mutex_);
      if (in_flight_.load() > 0 && !can_receive(message)) {
        early_.push_back(std::move(message));  // its state follows the answer still on its way
        return;
      }
    }
    deliver_event(message);
  }

  void replay_early() {
    std::vector<Message> waiting;
    {
      std::lock_guard<std::mutex> lock(early_mutex_);
      waiting.swap(early_);
    }
    for (const auto& message : waiting) deliver_event(message);
  }

  void deliver_event(const Message& message) {
    if (!accept(message)) return;
    std::optional<Message> answer;
    try {
      answer = handle_pushed(message);
    } catch (const std::exception& e) {
      // A failing handler must not stop the stream.
      debug_log(describe_client() + ": handling " + std::string(message_name(message)) + " failed: " + e.what());
      return;
    }
    if (answer) debug_log(describe_client() + ": the HTTP mapping cannot carry the answer " + std::string(message_name(*answer)) + " to the server");
  }

  const std::string session_id_;
  mutable std::mutex mutex_;
  std::condition_variable stream_state_;
  std::condition_variable stop_wake_;
  std::shared_ptr<http_connection> connection_;
  std::optional<std::string> credential_;
  std::optional<std::string> last_event_id_;
  std::uint32_t seq_ = 1;
  std::atomic<bool> open_{false};
  std::atomic<bool> stream_stopped_{false};
  std::thread stream_;
  bool stream_running_ = false;
  bool stream_opened_ = false;
  std::string stream_failure_;
  std::atomic<int> in_flight_{0};
  std::mutex early_mutex_;
  std::vector<Message> early_;
};

}  // namespace PROTOFORGE_NS
