// A client over TCP (docs/wire-format.md 10.1), as Java's FramedClient +
// TcpClient: blocking calls (connect, request, send, next_event) over an
// internal io thread. connect() tries with the connect timeout and retries
// with the retry policy's backoff (ConnectFailed after the last attempt);
// answers are matched to requests by sequence number; messages the server
// sends on its own go (in order, on the client's handler thread) to the
// dispatch and to the event queue, and the answer to a server's request goes
// back with its number; the channel keeps the connection alive (PING/PONG,
// idle timeout). With auto_reconnect a lost connection is re-opened in the
// background (a new connection starts a new conversation) and on_reconnect
// runs, e.g. to authenticate again. Thread-safe.
#pragma once

#include <PROTOFORGE_NS/client_base.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/stream_channel.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>

#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

class TcpClient : public ClientBase {
 public:
  /** `dispatch` may be null (events only go to the queue); it must outlive the client. */
  TcpClient(std::string host, std::uint16_t port, ClientDispatch* dispatch = nullptr, ClientOptions options = ClientOptions::defaults())
      : ClientBase(std::move(host), port, dispatch, std::move(options)), io_(1), handlers_(1) {}

  ~TcpClient() override {
    close();
    handlers_.join();
    io_.stop();
  }

  /** Connects (retrying with backoff); ConnectFailed when every attempt failed. At once when connected. */
  void connect() override {
    if (connected()) return;
    closing_ = false;
    do_connect();
  }

  /** Closes; open requests fail with ConnectionClosed. Waits for a reconnection in progress. Safe twice. */
  void close() override {
    closing_ = true;
    wake_.notify_all();
    close_channel();
    wait_reconnect();
    close_channel();  // a reconnection that finished meanwhile opened a new one
  }

  bool connected() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return channel_ && !channel_->closed();
  }

  Message request(const Message& message) override {
    auto channel = require_channel();
    check_request(message);
    return channel->request(message, options_.request_timeout, [&] {
      machine_send(message);
      trace("->", message);
    });
  }

  void send(const Message& message) override {
    auto channel = require_channel();
    check_send(message);
    channel->send(message, std::nullopt, [&] {
      machine_send(message);
      trace("->", message);
    });
  }

  /** What runs after an automatic reconnection (empty: nothing), e.g. authenticating again. */
  void on_reconnect(std::function<void()> action) {
    std::lock_guard<std::mutex> lock(mutex_);
    on_reconnect_ = std::move(action);
  }

  /** Waits until a reconnection in progress has finished (at once when none is). */
  void reconnected() { wait_reconnect(); }

 private:
  /** The channel's events, for one connection (a later connection's generation differs: old frames are ignored). */
  struct Link : StreamChannel::Events {
    Link(TcpClient& c, std::uint64_t g) : client(c), generation(g) {}
    void on_message(Message message, std::uint32_t seq) override { client.arrived(generation, std::move(message), seq); }
    void on_invalid(const Header& header, const WireError& error) override {
      debug_log(client.describe_client() + ": dropped an invalid frame (message id " + std::to_string(header.message_id) + ", seq " + std::to_string(header.seq) + "): " + error.what());
    }
    void on_answer(const Message& answer) override { client.answered(generation, answer); }
    void on_end(const std::string& reason) override { client.lost(generation, reason); }
    TcpClient& client;
    const std::uint64_t generation;
  };

  struct Arrival {
    Message message;
    std::uint32_t seq;
  };

  static constexpr std::size_t kInboxSize = 64;

  void close_channel() {
    std::shared_ptr<StreamChannel> channel;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      early_.clear();
      channel = channel_;
    }
    if (!channel) return;
    channel->close("closed by the client");
    // As Java's close(): what was sent before close() reaches the peer. The
    // destructor stops the io thread next, which would drop queued frames.
    channel->wait_closed(StreamChannel::kCloseGrace + std::chrono::milliseconds(500));
  }

  std::shared_ptr<StreamChannel> require_channel() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!channel_ || channel_->closed()) throw ConnectionClosed("not connected to " + host_ + ":" + std::to_string(port_));
    return channel_;
  }

  /** Opens a connection within `timeout`; std::system_error (or ConnectFailed on timeout) when it cannot. */
  asio::ip::tcp::socket open(std::chrono::milliseconds timeout) {
    asio::ip::tcp::resolver resolver(io_.context());
    const auto endpoints = resolver.resolve(host_, std::to_string(port_));
    auto socket = std::make_shared<asio::ip::tcp::socket>(io_.context());
    auto done = std::make_shared<std::promise<asio::error_code>>();
    auto result = done->get_future();
    asio::post(io_.context(), [socket, endpoints, done] {
      asio::async_connect(*socket, endpoints, [done](const asio::error_code& ec, const asio::ip::tcp::endpoint&) { done->set_value(ec); });
    });
    if (result.wait_for(std::max(timeout, std::chrono::milliseconds(1))) != std::future_status::ready) {
      asio::post(io_.context(), [socket] {
        asio::error_code ignored;
        socket->close(ignored);
      });
      result.wait();
      throw ConnectFailed("no connection to " + host_ + ":" + std::to_string(port_) + " within " + std::to_string(timeout.count()) + " ms");
    }
    if (const auto ec = result.get()) throw std::system_error(ec);
    asio::error_code ignored;
    socket->set_option(asio::ip::tcp::no_delay(true), ignored);
    return std::move(*socket);
  }

  void do_connect() {
    const auto delays = options_.retry.delays_ms();
    const std::size_t attempts = std::max<std::size_t>(1, delays.size());
    std::optional<asio::ip::tcp::socket> opened;
    for (std::size_t attempt = 1; !opened; ++attempt) {
      try {
        opened.emplace(open(options_.connect_timeout));
      } catch (const std::exception& e) {
        debug_log(describe_client() + ": connecting, attempt " + std::to_string(attempt) + " of " + std::to_string(attempts) + " failed: " + e.what());
        if (attempt >= attempts) {
          throw ConnectFailed("could not connect to " + host_ + ":" + std::to_string(port_) + " after " + std::to_string(attempts) + " attempts");
        }
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(delays[attempt - 1]), [this] { return closing_.load(); });
        if (closing_) throw ConnectionClosed(describe_client() + " was closed while connecting");
      }
    }
    if (closing_) {
      asio::error_code ignored;
      opened->close(ignored);
      throw ConnectionClosed(describe_client() + " was closed while connecting");
    }
    reset_machine();
    std::shared_ptr<StreamChannel> fresh;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      early_.clear();
      inbox_ = 0;
      ++generation_;
      fresh = std::make_shared<StreamChannel>(std::move(*opened), "tcp client of " + host_ + ":" + std::to_string(port_), std::make_shared<Link>(*this, generation_),
                                              options_.max_frame_bytes, options_.keepalive_interval, options_.idle_timeout);
      channel_ = fresh;
      lost_ = false;
    }
    fresh->start();
  }

  // --- receiving (on the channel's strand) ----------------------------------------------

  void arrived(std::uint64_t generation, Message message, std::uint32_t seq) {
    std::shared_ptr<StreamChannel> channel;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (generation != generation_) return;
      channel = channel_;
      // An answer this state needs may still be on its way: messages it does not allow yet wait for it.
      if (channel && channel->waiting() && !can_receive(message)) {
        early_.push_back(Arrival{std::move(message), seq});
        return;
      }
    }
    if (accept(message)) enqueue(channel, Arrival{std::move(message), seq});
  }

  /** An answer arrived: the role machine moves, then messages that came early get their turn. */
  void answered(std::uint64_t generation, const Message& answer) {
    received(answer);
    std::vector<Arrival> waiting;
    std::shared_ptr<StreamChannel> channel;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (generation != generation_ || early_.empty()) return;
      waiting.swap(early_);
      channel = channel_;
    }
    for (auto& item : waiting) {
      if (accept(item.message)) enqueue(channel, std::move(item));
    }
  }

  void enqueue(const std::shared_ptr<StreamChannel>& channel, Arrival item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++inbox_;
      // The stream stops reading until the handlers caught up.
      if (inbox_ >= kInboxSize && channel) channel->pause_reading();
    }
    asio::post(handlers_, [this, channel, item = std::move(item)]() mutable { drain(channel, std::move(item)); });
  }

  /** On the handler thread: one message the server sent on its own. */
  void drain(const std::shared_ptr<StreamChannel>& channel, Arrival item) {
    try {
      if (auto answer = handle_pushed(item.message); answer && channel) channel->send(*answer, item.seq);
    } catch (const std::exception& e) {
      // A failing handler must not stop the client.
      debug_log(describe_client() + ": handling " + std::string(message_name(item.message)) + " failed: " + e.what());
    }
    bool resume = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (inbox_ > 0) --inbox_;
      resume = inbox_ < kInboxSize;
    }
    if (resume && channel) channel->resume_reading();
  }

  /** The connection went away (the peer closed it, or the idle timeout did) without close(). */
  void lost(std::uint64_t generation, const std::string& reason) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closing_ || lost_ || generation != generation_ || !channel_) return;
      lost_ = true;
      early_.clear();
    }
    debug_log(describe_client() + ": connection lost: " + reason);
    if (!options_.auto_reconnect) return;
    std::lock_guard<std::mutex> lock(reconnect_mutex_);
    if (reconnecting_) return;
    if (reconnect_thread_.joinable()) reconnect_thread_.join();  // finished: reconnecting_ is false
    reconnecting_ = true;
    reconnect_thread_ = std::thread([this] { reconnect(); });
  }

  void reconnect() {
    try {
      do_connect();
      std::function<void()> action;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        action = on_reconnect_;
      }
      if (action) action();
    } catch (const std::exception& e) {
      debug_log(describe_client() + ": reconnecting failed: " + e.what());
    }
    std::lock_guard<std::mutex> lock(reconnect_mutex_);
    reconnecting_ = false;
    reconnect_done_.notify_all();
  }

  void wait_reconnect() {
    std::unique_lock<std::mutex> lock(reconnect_mutex_);
    if (reconnect_thread_.joinable() && reconnect_thread_.get_id() == std::this_thread::get_id()) return;
    reconnect_done_.wait(lock, [this] { return !reconnecting_; });
    if (reconnect_thread_.joinable()) reconnect_thread_.join();
  }

  IoPool io_;
  asio::thread_pool handlers_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<StreamChannel> channel_;
  std::uint64_t generation_ = 0;
  std::vector<Arrival> early_;
  std::size_t inbox_ = 0;
  std::atomic<bool> closing_{false};
  bool lost_ = false;
  std::function<void()> on_reconnect_;
  std::mutex reconnect_mutex_;
  std::condition_variable reconnect_done_;
  std::thread reconnect_thread_;
  bool reconnecting_ = false;
};

}  // namespace PROTOFORGE_NS
