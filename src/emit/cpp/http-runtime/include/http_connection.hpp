// The HTTP client's side of the wire (cpp-httplib, decision 0008): POSTs
// with a timeout, and the event stream read in pieces as it arrives. Requests
// may run at the same time: each takes a keep-alive httplib::Client from a
// small pool (an httplib::Client runs one request at a time). close() cuts
// every request and stream on its way (they fail as closed) and refuses new
// ones. Knows nothing of messages: HttpClient maps its outcomes to the
// transport's errors.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** How an exchange ended when it got no HTTP answer. */
enum class http_failure { none, timeout, failed, closed };

struct http_outcome {
  http_failure failure = http_failure::none;
  int status = 0;
  std::string body;
  /** What went wrong, for the error's text (httplib's error name). */
  std::string detail;
};

class http_connection {
 public:
  http_connection(std::string host, int port, std::chrono::milliseconds connect_timeout)
      : host_(std::move(host)), port_(port), connect_timeout_(connect_timeout) {}

  http_connection(const http_connection&) = delete;
  http_connection& operator=(const http_connection&) = delete;
  ~http_connection() { close(); }

  /** POSTs body to path; a timeout when no answer came within `timeout`. */
  http_outcome post(const std::string& path, const httplib::Headers& headers, const std::string& body, std::chrono::milliseconds timeout) {
    auto client = take();
    if (!client) return {http_failure::closed, 0, {}, "closed"};
    client->set_read_timeout(timeout);
    client->set_write_timeout(timeout);
    const auto started = std::chrono::steady_clock::now();
    auto result = client->Post(path.c_str(), headers, body, "application/json");
    const bool timed_out = std::chrono::steady_clock::now() - started >= timeout;
    if (closed_) {
      give_back(client, false);
      return {http_failure::closed, 0, {}, "closed"};
    }
    if (!result) {
      give_back(client, false);
      const auto error = result.error();
      return {error == httplib::Error::Read && timed_out ? http_failure::timeout : http_failure::failed, 0, {}, httplib::to_string(error)};
    }
    http_outcome out{http_failure::none, result->status, result->body, {}};
    give_back(client, true);
    return out;
  }

  /**
   * GETs an event stream: `on_open()` once a 200's head came (false: stop), `on_piece` for every
   * piece of its body (false: stop). Another status: its body (at most 64 KiB) comes back as the
   * outcome's body. Returns when the stream ends, fails or close() cuts it. `read_timeout`: the
   * longest silence accepted (the server's keepalive comments break it).
   */
  http_outcome stream(const std::string& path, const httplib::Headers& headers, std::chrono::milliseconds read_timeout,
                      const std::function<bool()>& on_open, const std::function<bool(std::string_view)>& on_piece) {
    auto client = make();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_) return {http_failure::closed, 0, {}, "closed"};
      busy_.push_back(client);
    }
    client->set_read_timeout(read_timeout);
    int status = 0;
    std::string error_text;
    auto result = client->Get(
        path.c_str(), headers,
        [&](const httplib::Response& head) {
          status = head.status;
          return status != 200 || on_open();
        },
        [&](const char* data, std::size_t n) {
          if (status == 200) return on_piece(std::string_view(data, n));
          error_text.append(data, std::min<std::size_t>(n, 64 * 1024 - std::min<std::size_t>(error_text.size(), 64 * 1024)));
          return true;
        });
    forget(client);
    if (closed_) return {http_failure::closed, status, {}, "closed"};
    if (status != 0 && status != 200) return {http_failure::none, status, std::move(error_text), {}};
    if (status == 200) return {http_failure::none, 200, {}, result ? std::string() : httplib::to_string(result.error())};
    return {http_failure::failed, 0, {}, httplib::to_string(result.error())};
  }

  /** Cuts every request and stream on its way; later calls fail as closed. Idempotent. */
  void close() {
    std::vector<std::shared_ptr<httplib::Client>> all;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
      all = busy_;
      all.insert(all.end(), idle_.begin(), idle_.end());
      idle_.clear();
    }
    for (auto& c : all) c->stop();
  }

  bool closed() const { return closed_; }

 private:
  std::shared_ptr<httplib::Client> make() const {
    auto client = std::make_shared<httplib::Client>(host_, port_);
    client->set_connection_timeout(connect_timeout_);
    client->set_keep_alive(true);
    client->set_follow_location(false);
    return client;
  }

  std::shared_ptr<httplib::Client> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return nullptr;
    std::shared_ptr<httplib::Client> client;
    if (!idle_.empty()) {
      client = idle_.back();
      idle_.pop_back();
    } else {
      client = make();
    }
    busy_.push_back(client);
    return client;
  }

  void forget(const std::shared_ptr<httplib::Client>& client) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase(busy_, client);
  }

  void give_back(const std::shared_ptr<httplib::Client>& client, bool reusable) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase(busy_, client);
    if (reusable && !closed_ && idle_.size() < 4) idle_.push_back(client);
  }

  const std::string host_;
  const int port_;
  const std::chrono::milliseconds connect_timeout_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<httplib::Client>> idle_;
  std::vector<std::shared_ptr<httplib::Client>> busy_;
  std::atomic<bool> closed_{false};
};

}  // namespace PROTOFORGE_NS
