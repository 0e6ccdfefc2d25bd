// Serves the protocol over UDP (docs/wire-format.md 10.2), as Java's
// UdpServer + DatagramSession: one socket on an IoPool; each client address
// is one session (a UdpSession, a ServerSession whose handlers run in order
// on a strand of the handler pool), opened by its first sound message frame
// and forgotten after the idle timeout or when its role machine ends.
// RELIABLE frames are acknowledged and delivered once, reliable messages of
// the server are retransmitted until acknowledged, a PING is answered with a
// PONG whether or not its address has a session (it opens none), and a
// datagram that is not one well-formed frame is dropped. UDP has no
// connection to close, so where a stream server closes (10.4) this one drops
// the frame and the session goes on: a message only the server sends,
// invalid_flags, an unknown message id, a refused message that has no error
// answer (a oneway in the wrong state, one over the rate limit). While a
// session's queue is full its datagrams are dropped unacknowledged (the
// client retransmits). drop_outgoing() lets tests simulate loss. The public
// API is TcpServer's: start(host, port) → bound port, stop(), hub(),
// sessions(), host(), port(), options().
#pragma once

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/server_session.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>
#include <PROTOFORGE_NS/verdict.hpp>
#include <PROTOFORGE_NS/wire.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <asio.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "PROTOFORGE_NS/datagram_channel.hpp"
#include "PROTOFORGE_NS/datagram_header.hpp"
#include "PROTOFORGE_NS/datagram_inbox.hpp"
#include "PROTOFORGE_NS/datagram_link.hpp"
#include "PROTOFORGE_NS/datagram_retry.hpp"
#include "PROTOFORGE_NS/datagram_socket.hpp"
#include "PROTOFORGE_NS/retransmit_timer.hpp"

namespace PROTOFORGE_NS {

/** "address:port" of a UDP endpoint, as Java's getHostAddress() + ":" + port. */
inline std::string udp_endpoint_name(const asio::ip::udp::endpoint& e) { return e.address().to_string() + ":" + std::to_string(e.port()); }

/** One client address of a UdpServer: a ServerSession whose frames travel through a DatagramChannel. */
class UdpSession : public ServerSession {
 public:
  using HandlerStrand = asio::strand<asio::thread_pool::executor_type>;

  UdpSession(Hub& hub, std::string peer, ServerDispatch& dispatch, const ServerOptions& options, asio::io_context& io, asio::thread_pool& handlers,
             std::function<void()> on_close)
      : ServerSession(hub, hub.next_id(), std::move(peer), kAuthRequired, options.rate_limit, options.trace),
        dispatch_(dispatch),
        options_(options),
        io_(io),
        worker_(asio::make_strand(handlers)),
        on_close_(std::move(on_close)) {}

  /** Takes the peer's link (its keepalive runs on `timers`): the session joins the hub and its keepalive starts. */
  void start(std::shared_ptr<DatagramLink> link, const asio::any_io_executor& timers) {
    auto self = std::static_pointer_cast<UdpSession>(shared_from_this());
    link_ = link;
    channel_ = std::make_shared<DatagramChannel>(std::move(link), "session " + std::to_string(id()) + " (" + peer() + ")", std::make_shared<Events>(self),
                                                 options_.keepalive_interval, options_.idle_timeout, timers);
    hub().add(self);
    channel_->start();
  }

  const std::shared_ptr<DatagramChannel>& channel() const noexcept { return channel_; }

  /** Whether the queue of messages waiting for the handler is full (datagrams are then dropped unacknowledged). */
  bool busy() const {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    return queued_ >= options_.queue_size;
  }

  void close(std::string_view reason) override {
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      if (closed()) return;
      mark_closed();
    }
    idle_.notify_all();
    if (channel_) channel_->close(reason.empty() ? std::string("closed") : std::string(reason));
    hub().remove(shared_from_this());
    if (link_) link_->close();
    if (auto done = std::exchange(on_close_, nullptr)) done();
  }

  /** Waits up to `timeout` until the handler has finished the messages it has; false when it did not. */
  bool wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(queue_mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queued_ == 0 || closed(); });
  }

  /**
   * What to do after a received message, as Java's DatagramSession.apply: a refused message whose verdict would close
   * the session is only dropped while the role machine has not ended (UDP has no connection to close).
   */
  void apply(Verdict verdict, std::uint32_t seq) {
    if (verdict.refused && verdict.close) {
      bool terminal = false;
      {
        std::lock_guard<std::mutex> lock(machine_mutex());
        terminal = machine().terminal();
      }
      if (!terminal) {
        debug_log(describe_session() + ": dropped a refused message: " + verdict.reason);
        verdict.close = false;
      }
    }
    try {
      if (verdict.answer) {
        trace("->", *verdict.answer);
        channel_->send(*verdict.answer, seq, false);
      }
      for (const auto& message : verdict.pushes) push(message);
    } catch (const WireError& e) {
      debug_log(describe_session() + ": could not encode the answer: " + e.what());
    } catch (const TransportError& e) {
      debug_log(describe_session() + ": sending failed: " + e.what());
      verdict.close = true;
    }
    if (verdict.close) {
      if (!verdict.reason.empty()) debug_log(describe_session() + ": closing: " + verdict.reason);
      close(verdict.reason);
    }
  }

 protected:
  void transmit(const Message& message) override { channel_->send(message, std::nullopt, false); }

 private:
  /** The channel's events, forwarded while the session lives. */
  struct Events : DatagramChannel::Events {
    explicit Events(const std::shared_ptr<UdpSession>& s) : session(s) {}
    void on_message(Message message, std::uint32_t seq) override {
      if (auto s = session.lock()) s->on_message(std::move(message), seq);
    }
    void on_invalid(const DatagramHeader& header, const WireError& error) override {
      if (auto s = session.lock()) s->on_invalid(header, error);
    }
    void on_stray(const Message& message, std::uint32_t seq) override {
      if (auto s = session.lock()) {
        debug_log(s->describe_session() + ": " + std::string(message_name(message)) + " answers no open request (seq " + std::to_string(seq) + ")");
      }
    }
    std::weak_ptr<UdpSession> session;
  };

  // --- arrivals (on the socket's strand) -----------------------------------------------

  void on_message(Message message, std::uint32_t seq) {
    if (closed()) return;
    if (profile::info(message).sender != "initiator") {
      trace("<-", message);
      debug_log(describe_session() + ": dropped " + std::string(message_name(message)) + ", which only the server sends");
      return;
    }
    if (!admit()) {
      trace("<-", message);
      apply(over_limit(message), seq);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      if (queued_ >= options_.queue_size) {
        debug_log(describe_session() + ": queue full, dropped " + std::string(message_name(message)));
        return;
      }
      ++queued_;
    }
    auto self = std::static_pointer_cast<UdpSession>(shared_from_this());
    asio::post(worker_, [self, message = std::move(message), seq]() mutable { self->process(std::move(message), seq); });
  }

  void on_invalid(const DatagramHeader& header, const WireError& error) {
    if (error.code() == WireError::Code::kInvalidFlags || error.code() == WireError::Code::kUnknownMessage) {
      debug_log(describe_session() + ": dropped an invalid datagram: " + std::string(error.code_name()) + ": " + error.what());
      return;
    }
    const auto name = message_name_of(header.message_id);
    const MessageInfo* info = name ? profile::info(*name) : nullptr;
    if (info == nullptr || !info->is_request() || header.response()) {
      debug_log(describe_session() + ": dropped an invalid frame: " + std::string(error.code_name()) + ": " + error.what());
      return;
    }
    apply(refuse_invalid(header.message_id, error), header.seq);
  }

  /** On the session's handler strand: one message at a time, in order. */
  void process(Message message, std::uint32_t seq) {
    if (!closed()) {
      try {
        auto self = std::static_pointer_cast<UdpSession>(shared_from_this());
        auto verdict = handle(message, dispatch_, options_.request_timeout, retransmit_timer(io_.get_executor()),
                              [self, seq](Verdict late) { self->apply(std::move(late), seq); });
        if (verdict) apply(std::move(*verdict), seq);
      } catch (const std::exception& e) {
        // A bug here must end this session only, never the server.
        debug_log(describe_session() + ": failed on " + std::string(message_name(message)) + ": " + e.what());
        close("internal failure");
      }
    }
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      if (queued_ > 0) --queued_;
    }
    idle_.notify_all();
  }

  ServerDispatch& dispatch_;
  const ServerOptions& options_;
  asio::io_context& io_;
  HandlerStrand worker_;
  std::function<void()> on_close_;
  std::shared_ptr<DatagramLink> link_;
  std::shared_ptr<DatagramChannel> channel_;
  mutable std::mutex queue_mutex_;
  std::condition_variable idle_;
  std::size_t queued_ = 0;
};

class UdpServer {
 public:
  using Drop = DatagramLink::Drop;

  /**
   * `dispatch` runs the application's handlers (it must outlive the server); `io_threads` run the socket and timers,
   * `handler_threads` the handlers (a slow handler holds one).
   */
  explicit UdpServer(ServerDispatch& dispatch, ServerOptions options = ServerOptions::defaults(), std::size_t io_threads = 2, std::size_t handler_threads = 8)
      : dispatch_(dispatch), options_(std::move(options)), handlers_(handler_threads), pool_(io_threads) {}

  UdpServer(const UdpServer&) = delete;
  UdpServer& operator=(const UdpServer&) = delete;
  ~UdpServer() { stop(); }

  /** Binds `host`:`port` (0: the system picks) and starts reading; returns the bound port. std::system_error when it cannot bind. */
  std::uint16_t start(const std::string& host = "127.0.0.1", std::uint16_t port = 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (started_) return port_;
    socket_ = DatagramSocket::bind(pool_.context().get_executor(), host, port, [](std::string_view line) { debug_log(line); });
    host_ = host;
    port_ = socket_->local_endpoint().port();
    started_ = true;
    socket_->start(options_.max_frame_bytes, [this](DatagramSocket::Bytes data, const DatagramSocket::Endpoint& from) { datagram(std::move(data), from); });
    debug_log(describe() + ": listening");
    return port_;
  }

  /** Graceful shutdown: every session closes (after the message its handler is making, up to shutdown_timeout), then the socket; joins the threads. */
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_timeout;
    for (const auto& peer : live()) {
      peer->session->wait_idle(std::chrono::duration_cast<std::chrono::milliseconds>(
          std::max(deadline - std::chrono::steady_clock::now(), std::chrono::steady_clock::duration::zero())));
      peer->session->close("server shutting down");
    }
    if (socket_) socket_->close();
    handlers_.join();
    pool_.stop();
    std::lock_guard<std::mutex> lock(mutex_);
    peers_.clear();
  }

  const std::string& host() const noexcept { return host_; }
  /** The bound port once started. */
  std::uint16_t port() const noexcept { return port_; }
  Hub& hub() noexcept { return hub_; }
  const ServerOptions& options() const noexcept { return options_; }
  /** The open sessions, one per client address. */
  std::vector<Hub::SessionPtr> sessions() const { return hub_.sessions(); }

  /** Loss simulation for tests: `filter` returns true for an outgoing datagram to lose (empty: none). */
  void drop_outgoing(Drop filter) {
    std::lock_guard<std::mutex> lock(drop_mutex_);
    drop_ = std::move(filter);
  }

  std::string describe() const { return "<UdpServer " + host_ + ":" + std::to_string(port_) + ">"; }

 private:
  /** A client address's state: its link (retransmissions, duplicates), session and inbox. */
  struct Peer {
    std::string key;
    asio::strand<asio::io_context::executor_type> strand;
    std::shared_ptr<DatagramLink> link;
    std::shared_ptr<UdpSession> session;
    std::unique_ptr<DatagramInbox> inbox;
  };

  bool dropped(const DatagramSocket::Bytes& data) const {
    std::lock_guard<std::mutex> lock(drop_mutex_);
    return drop_ && drop_(data);
  }

  std::vector<std::shared_ptr<Peer>> live() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::shared_ptr<Peer>> out;
    for (const auto& [key, peer] : peers_) out.push_back(peer);
    return out;
  }

  /** On the socket's strand: one datagram from `from`. */
  void datagram(DatagramSocket::Bytes data, const DatagramSocket::Endpoint& from) {
    const std::string key = udp_endpoint_name(from);
    std::shared_ptr<Peer> peer;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
      if (auto it = peers_.find(key); it != peers_.end()) peer = it->second;
    }
    if (!peer) {
      const auto header = DatagramHeader::read(std::span<const std::uint8_t>(data), kWireVersion, options_.max_frame_bytes);
      if (!header) return;  // never open a session for garbage
      if (header->control()) {
        // Nor for a control frame; a PING is answered all the same.
        if (header->flags == kFlagPing && header->message_id == 0 && header->payload_length == 0) {
          const auto pong = encode_control(ControlKind::kPong, header->seq, false);
          if (!dropped(pong)) socket_->send(pong, from);
        }
        return;
      }
      peer = open(key, from);
      if (!peer) return;
    }
    peer->inbox->accept(data);
  }

  std::shared_ptr<Peer> open(const std::string& key, const DatagramSocket::Endpoint& from) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (peers_.size() >= options_.max_sessions) {
        debug_log(describe() + ": ignoring " + key + ", " + std::to_string(peers_.size()) + " sessions already");
        return nullptr;
      }
    }
    auto peer = std::make_shared<Peer>(Peer{key, asio::make_strand(pool_.context()), nullptr, nullptr, nullptr});
    std::weak_ptr<Peer> weak = peer;
    peer->link = std::make_shared<DatagramLink>(
        socket_, from, peer->strand, datagram_delays(options_.retry), [this](const DatagramLink::Bytes& b) { return dropped(b); },
        [this, weak] {
          if (auto p = weak.lock()) forget(p);
        },
        [](std::string_view line) { debug_log(line); });
    peer->session = std::make_shared<UdpSession>(hub_, key, dispatch_, options_, pool_.context(), handlers_, [this, weak] {
      if (auto p = weak.lock()) forget(p);
    });
    UdpSession* session = peer->session.get();
    peer->inbox = std::make_unique<DatagramInbox>(
        peer->link->inbox_link(), kWireVersion, options_.max_frame_bytes,
        [session](const DatagramInbox::Bytes& raw) {
          try {
            session->channel()->receive(raw);
          } catch (const std::exception& e) {
            // Never let one peer stop the server.
            debug_log(session->describe_session() + ": failed on a datagram: " + e.what());
          }
        },
        [session] { return session->busy(); }, [](std::string_view line) { debug_log(line); });
    {
      std::lock_guard<std::mutex> lock(mutex_);
      peers_[key] = peer;
    }
    peer->session->start(peer->link, peer->strand);
    return peer;
  }

  /** The peer is forgotten (idle, its machine ended, the server stops): its link and session close; it goes on its strand. */
  void forget(const std::shared_ptr<Peer>& peer) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = peers_.find(peer->key); it != peers_.end() && it->second == peer) peers_.erase(it);
    }
    peer->link->close();
    peer->session->close("forgotten");
    // Released on its strand, after any retransmission wait that is firing there.
    asio::post(peer->strand, [keep = peer] {});
  }

  ServerDispatch& dispatch_;
  const ServerOptions options_;
  Hub hub_;
  // Before the pool: what the pool still holds when it goes (a forgotten peer's release) has strands on the handler pool.
  asio::thread_pool handlers_;
  IoPool pool_;
  std::shared_ptr<DatagramSocket> socket_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Peer>> peers_;
  mutable std::mutex drop_mutex_;
  Drop drop_;
  std::string host_;
  std::uint16_t port_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace PROTOFORGE_NS
