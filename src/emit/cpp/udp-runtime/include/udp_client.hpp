// A client over UDP (docs/wire-format.md 10.2), as Java's FramedClient +
// UdpClient, with TcpClient's public API: "connecting" opens a socket
// connected to the server's address, so nothing is exchanged until the first
// message. Reliable messages are retransmitted until acknowledged (send()
// returns once the ACK came, else DeliveryFailed; a reliable request fails
// with DeliveryFailed when never acknowledged), the server's RELIABLE frames
// are acknowledged and delivered once, answers are matched to requests by
// sequence number, messages the server sends on its own go (in order, on the
// client's handler thread) to the dispatch and to the event queue, and the
// keepalive gives up on a server that stays silent for the idle timeout
// (with auto_reconnect a new socket is opened in the background and
// on_reconnect runs). drop_outgoing() lets tests simulate loss. Thread-safe.
#pragma once

#include <PROTOFORGE_NS/client_base.hpp>
#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>

#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "PROTOFORGE_NS/datagram_channel.hpp"
#include "PROTOFORGE_NS/datagram_inbox.hpp"
#include "PROTOFORGE_NS/datagram_link.hpp"
#include "PROTOFORGE_NS/datagram_retry.hpp"
#include "PROTOFORGE_NS/datagram_socket.hpp"

namespace PROTOFORGE_NS {

class UdpClient : public ClientBase {
 public:
  using Drop = DatagramLink::Drop;

  /** `dispatch` may be null (events only go to the queue); it must outlive the client. */
  UdpClient(std::string host, std::uint16_t port, ClientDispatch* dispatch = nullptr, ClientOptions options = ClientOptions::defaults())
      : ClientBase(std::move(host), port, dispatch, std::move(options)), io_(1), handlers_(1) {}

  ~UdpClient() override {
    close();
    handlers_.join();
    io_.stop();
    // The io thread is gone: the socket's loop (which holds the inbox, the link and the channel) can be let go.
    std::lock_guard<std::mutex> lock(mutex_);
    if (socket_) socket_->detach();
  }

  /** Opens the socket (retrying with backoff when the host does not resolve); ConnectFailed when every attempt failed. At once when connected. */
  void connect() override {
    if (connected()) return;
    closing_ = false;
    do_connect();
  }

  /** Closes; open requests fail with ConnectionClosed. Waits for a reconnection in progress. Safe twice. */
  void close() override {
    closing_ = true;
    wake_.notify_all();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      early_.clear();
    }
    shutdown("closed by the client");
    wait_reconnect();
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

  /** Sends a oneway or event; a reliable one is acknowledged before this returns (DeliveryFailed when it never is). */
  void send(const Message& message) override {
    auto channel = require_channel();
    check_send(message);
    channel->send(message, std::nullopt, true, [&] {
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

  /** Loss simulation for tests: `filter` returns true for an outgoing datagram to lose (empty: none). */
  void drop_outgoing(Drop filter) {
    std::lock_guard<std::mutex> lock(drop_mutex_);
    drop_ = std::move(filter);
  }

 private:
  /** The channel's events, for one socket (a later socket's generation differs: old frames are ignored). */
  struct Events : DatagramChannel::Events {
    Events(UdpClient& c, std::uint64_t g) : client(c), generation(g) {}
    void on_message(Message message, std::uint32_t seq) override { client.arrived(generation, std::move(message), seq); }
    void on_invalid(const DatagramHeader& header, const WireError& error) override {
      debug_log(client.describe_client() + ": dropped an invalid frame (message id " + std::to_string(header.message_id) + ", seq " +
                std::to_string(header.seq) + "): " + error.what());
    }
    void on_answer(const Message& answer) override { client.answered(generation, answer); }
    UdpClient& client;
    const std::uint64_t generation;
  };

  struct Arrival {
    Message message;
    std::uint32_t seq;
  };

  static constexpr std::size_t kInboxSize = 64;

  bool dropped(const DatagramLink::Bytes& data) const {
    std::lock_guard<std::mutex> lock(drop_mutex_);
    return drop_ && drop_(data);
  }

  std::shared_ptr<DatagramChannel> require_channel() const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!channel_ || channel_->closed()) throw ConnectionClosed("not connected to " + host_ + ":" + std::to_string(port_));
    return channel_;
  }

  void do_connect() {
    const auto delays = options_.retry.delays_ms();
    const std::size_t attempts = std::max<std::size_t>(1, delays.size());
    std::shared_ptr<DatagramSocket> opened;
    for (std::size_t attempt = 1; !opened; ++attempt) {
      try {
        opened = DatagramSocket::connect(io_.context().get_executor(), host_, port_, [](std::string_view line) { debug_log(line); });
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
      opened->close();
      throw ConnectionClosed(describe_client() + " was closed while connecting");
    }
    reset_machine();
    std::shared_ptr<DatagramChannel> fresh;
    std::shared_ptr<DatagramLink> link;
    std::uint64_t generation = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      early_.clear();
      inbox_ = 0;
      generation = ++generation_;
      const auto strand = asio::make_strand(io_.context());
      link = std::make_shared<DatagramLink>(
          opened, std::nullopt, strand, datagram_delays(options_.retry), [this](const DatagramLink::Bytes& b) { return dropped(b); },
          [this, generation] { lost(generation, "the server went silent"); }, [](std::string_view line) { debug_log(line); });
      fresh = std::make_shared<DatagramChannel>(link, "udp client of " + host_ + ":" + std::to_string(port_), std::make_shared<Events>(*this, generation),
                                                options_.keepalive_interval, options_.idle_timeout, strand);
      socket_ = opened;  // a lost one was closed with its link: its loop ends on the io thread and lets go of its callbacks
      link_ = link;
      channel_ = fresh;
      lost_ = false;
    }
    auto inbox = std::make_shared<DatagramInbox>(
        link->inbox_link(), kWireVersion, options_.max_frame_bytes, [fresh](const DatagramInbox::Bytes& raw) { fresh->receive(raw); },
        [this] { return inbox_full(); }, [](std::string_view line) { debug_log(line); });
    opened->start(
        options_.max_frame_bytes,
        [inbox, link](DatagramSocket::Bytes data, const DatagramSocket::Endpoint&) {
          try {
            inbox->accept(data);
          } catch (const std::exception& e) {
            debug_log(std::string("udp client: failed on a datagram: ") + e.what());
          }
        },
        [this, generation] { lost(generation, "socket closed"); });
    fresh->start();
  }

  /** Closes the current channel and link (open requests fail with ConnectionClosed). */
  void shutdown(const std::string& reason) {
    std::shared_ptr<DatagramChannel> channel;
    std::shared_ptr<DatagramLink> link;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      channel = channel_;
      link = link_;
    }
    if (channel) channel->close(reason);
    if (link) link->close();
  }

  // --- receiving (on the socket's strand) -----------------------------------------------

  void arrived(std::uint64_t generation, Message message, std::uint32_t seq) {
    std::shared_ptr<DatagramChannel> channel;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (generation != generation_) return;
      channel = channel_;
      // Datagrams may overtake the answer this state needs: messages it does not allow yet wait for it.
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
    std::shared_ptr<DatagramChannel> channel;
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

  /** Whether the messages waiting for the handlers fill the inbox (the datagram is then dropped, unacknowledged). */
  bool inbox_full() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return inbox_ >= kInboxSize;
  }

  void enqueue(const std::shared_ptr<DatagramChannel>& channel, Arrival item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++inbox_;
    }
    asio::post(handlers_, [this, channel, item = std::move(item)]() mutable { drain(channel, std::move(item)); });
  }

  /** On the handler thread: one message the server sent on its own. */
  void drain(const std::shared_ptr<DatagramChannel>& channel, Arrival item) {
    try {
      if (auto answer = handle_pushed(item.message); answer && channel) channel->send(*answer, item.seq, false);
    } catch (const std::exception& e) {
      // A failing handler must not stop the client.
      debug_log(describe_client() + ": handling " + std::string(message_name(item.message)) + " failed: " + e.what());
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (inbox_ > 0) --inbox_;
  }

  /** The server went silent (the idle timeout) or the socket closed, without close(). */
  void lost(std::uint64_t generation, const std::string& reason) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closing_ || lost_ || generation != generation_ || !channel_) return;
      lost_ = true;
      early_.clear();
    }
    debug_log(describe_client() + ": connection lost: " + reason);
    shutdown(reason);
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
  std::shared_ptr<DatagramChannel> channel_;
  std::shared_ptr<DatagramLink> link_;
  std::shared_ptr<DatagramSocket> socket_;
  std::uint64_t generation_ = 0;
  std::vector<Arrival> early_;
  std::size_t inbox_ = 0;
  std::atomic<bool> closing_{false};
  bool lost_ = false;
  std::function<void()> on_reconnect_;
  mutable std::mutex drop_mutex_;
  Drop drop_;
  std::mutex reconnect_mutex_;
  std::condition_variable reconnect_done_;
  std::thread reconnect_thread_;
  bool reconnecting_ = false;
};

}  // namespace PROTOFORGE_NS
