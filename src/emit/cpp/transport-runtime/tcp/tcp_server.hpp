// Serves the protocol over TCP (docs/wire-format.md 10.1 and 10.4), as Java's
// TcpServer + FramedServerSession: an acceptor and every connection's socket
// on an IoPool (one strand per connection, StreamChannel), the handlers on a
// separate pool of handler threads where each session drains its own queue in
// order (a strand of the handler pool), so PING is answered while a handler
// runs. The rate limit is applied as frames arrive; messages within it wait
// in a bounded queue (queue_size): when it is full the session stops reading
// (backpressure reaches the client). A header error, invalid_flags, an
// unknown message id or a message only the server sends closes the
// connection; a complete frame that does not decode is answered (a request
// with an error message) or dropped and the connection goes on. A handler
// that outlives request_timeout is answered with the internal refusal at that
// moment. stop() stops accepting, lets every session finish the message it
// handles (up to shutdown_timeout), closes them and joins the threads.
#pragma once

#include <PROTOFORGE_NS/dispatch.hpp>
#include <PROTOFORGE_NS/hub.hpp>
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/server_session.hpp>
#include <PROTOFORGE_NS/stream_channel.hpp>
#include <PROTOFORGE_NS/verdict.hpp>

#include <asio.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** Java's Timers.after on asio: runs `fire` after `delay_ms` on `context`; the returned function cancels it. */
inline ServerSession::Schedule asio_schedule(asio::io_context& context) {
  return [&context](std::int64_t delay_ms, std::function<void()> fire) -> std::function<void()> {
    auto timer = std::make_shared<asio::steady_timer>(asio::make_strand(context));
    timer->expires_after(std::chrono::milliseconds(delay_ms));
    timer->async_wait([timer, fire = std::move(fire)](const asio::error_code& ec) {
      if (!ec) fire();
    });
    return [timer] { asio::post(timer->get_executor(), [timer] { timer->cancel(); }); };
  };
}

/** One TCP connection of a server: a ServerSession whose frames travel through a StreamChannel. */
class TcpSession : public ServerSession, public StreamChannel::Events {
 public:
  using HandlerStrand = asio::strand<asio::thread_pool::executor_type>;

  TcpSession(Hub& hub, std::string peer, ServerDispatch& dispatch, const ServerOptions& options, asio::io_context& io, asio::thread_pool& handlers,
             std::function<void(TcpSession&)> on_end)
      : ServerSession(hub, hub.next_id(), std::move(peer), kAuthRequired, options.rate_limit, options.trace),
        dispatch_(dispatch),
        options_(options),
        io_(io),
        worker_(asio::make_strand(handlers)),
        on_close_(std::move(on_end)) {}

  /** Takes the connection: the session joins the hub and starts reading. */
  void start(asio::ip::tcp::socket socket) {
    auto self = std::static_pointer_cast<TcpSession>(shared_from_this());
    std::shared_ptr<StreamChannel::Events> events(self, static_cast<StreamChannel::Events*>(this));
    channel_ = std::make_shared<StreamChannel>(std::move(socket), "session " + std::to_string(id()) + " (" + peer() + ")", events, options_.max_frame_bytes,
                                               options_.keepalive_interval, options_.idle_timeout);
    hub().add(self);
    channel_->start();
  }

  const std::shared_ptr<StreamChannel>& channel() const noexcept { return channel_; }

  /** Whether the queue of messages waiting for the handler is full. */
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
    auto self = shared_from_this();
    hub().remove(self);
  }

  /** Waits up to `timeout` until the handler has finished the messages it has; false when it did not. */
  bool wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(queue_mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queued_ == 0 || closed(); });
  }

  /** What to do after a received message (answer with `seq`, pushes, close), as Java's FramedServerSession.apply. */
  void apply(Verdict verdict, std::uint32_t seq) {
    try {
      if (verdict.answer) {
        trace("->", *verdict.answer);
        channel_->send(*verdict.answer, seq);
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
  void transmit(const Message& message) override { channel_->send(message, std::nullopt); }

  // --- arrivals (on the channel's strand) ---------------------------------------------

  void on_message(Message message, std::uint32_t seq) override {
    if (closed()) return;
    if (profile::info(message).sender != "initiator") {
      trace("<-", message);
      apply(foreign(message), seq);
      return;
    }
    if (!admit()) {
      trace("<-", message);
      apply(over_limit(message), seq);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      ++queued_;
      // The channel stops reading until the handler has caught up (backpressure).
      if (queued_ >= options_.queue_size) channel_->pause_reading();
    }
    auto self = std::static_pointer_cast<TcpSession>(shared_from_this());
    asio::post(worker_, [self, message = std::move(message), seq]() mutable { self->process(std::move(message), seq); });
  }

  void on_stray(const Message& message, std::uint32_t seq) override {
    if (profile::info(message).sender == "initiator") {
      debug_log(describe_session() + ": " + std::string(message_name(message)) + " answers no open request (seq " + std::to_string(seq) + ")");
      return;
    }
    trace("<-", message);
    apply(foreign(message), seq);
  }

  void on_invalid(const Header& header, const WireError& error) override {
    if (error.code() == WireError::Code::kInvalidFlags || error.code() == WireError::Code::kUnknownMessage) {
      apply(Verdict::closing(error.what()), header.seq);
      return;
    }
    const auto name = message_name_of(header.message_id);
    const MessageInfo* info = name ? profile::info(*name) : nullptr;
    if (info == nullptr || !info->is_request() || (header.flags & kFlagResponse) != 0) {
      debug_log(describe_session() + ": dropped an invalid frame: " + error.what());
      return;
    }
    apply(refuse_invalid(header.message_id, error), header.seq);
  }

  void on_end(const std::string& reason) override {
    debug_log(describe_session() + ": " + reason);
    close("connection ended");
    if (on_close_) on_close_(*this);  // the connection is over: the server forgets the session
  }

 private:
  Verdict foreign(const Message& message) const {
    debug_log(describe_session() + ": " + std::string(message_name(message)) + " is sent by the server, not the client");
    return Verdict::closing(std::string(message_name(message)) + " is sent by the server, not the client");
  }

  /** On the session's handler strand: one message at a time, in order. */
  void process(Message message, std::uint32_t seq) {
    if (!closed()) {
      try {
        auto self = std::static_pointer_cast<TcpSession>(shared_from_this());
        auto verdict = handle(message, dispatch_, options_.request_timeout, asio_schedule(io_), [self, seq](Verdict late) { self->apply(std::move(late), seq); });
        if (verdict) apply(std::move(*verdict), seq);
      } catch (const std::exception& e) {
        // A bug here must end this session only, never the server.
        debug_log(describe_session() + ": failed on " + std::string(message_name(message)) + ": " + e.what());
        close("internal failure");
      }
    }
    bool resume = false;
    {
      std::lock_guard<std::mutex> lock(queue_mutex_);
      --queued_;
      resume = queued_ < options_.queue_size / 2 + 1;
    }
    if (resume && channel_) channel_->resume_reading();
    idle_.notify_all();
  }

  ServerDispatch& dispatch_;
  const ServerOptions& options_;
  asio::io_context& io_;
  HandlerStrand worker_;
  std::function<void(TcpSession&)> on_close_;
  std::shared_ptr<StreamChannel> channel_;
  mutable std::mutex queue_mutex_;
  std::condition_variable idle_;
  std::size_t queued_ = 0;
};

class TcpServer {
 public:
  /**
   * `dispatch` runs the application's handlers (it must outlive the server); `io_threads` run the sockets and timers,
   * `handler_threads` the handlers (a slow handler holds one).
   */
  explicit TcpServer(ServerDispatch& dispatch, ServerOptions options = ServerOptions::defaults(), std::size_t io_threads = 2, std::size_t handler_threads = 8)
      : dispatch_(dispatch), options_(std::move(options)), handlers_(handler_threads), pool_(io_threads), acceptor_(pool_.context()) {}

  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  virtual ~TcpServer() { stop(); }

  /** Binds `host`:`port` (0: the system picks) and starts accepting; returns the bound port. std::system_error when it cannot bind. */
  std::uint16_t start(const std::string& host = "127.0.0.1", std::uint16_t port = 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (started_) return port_;
    asio::ip::tcp::resolver resolver(pool_.context());
    const auto endpoint = *resolver.resolve(host, std::to_string(port), asio::ip::tcp::resolver::passive).begin();
    acceptor_.open(endpoint.endpoint().protocol());
    acceptor_.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint.endpoint());
    acceptor_.listen(1024);
    host_ = host;
    port_ = acceptor_.local_endpoint().port();
    started_ = true;
    accepting_ = true;
    accept();
    debug_log("tcp server " + host_ + ":" + std::to_string(port_) + ": listening");
    return port_;
  }

  /** Graceful shutdown: stop accepting, let each session finish its message (up to shutdown_timeout), close them, join the threads. */
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
      accepting_ = false;
    }
    std::promise<void> closed;
    asio::post(acceptor_.get_executor(), [this, &closed] {
      asio::error_code ignored;
      acceptor_.close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
    const auto deadline = std::chrono::steady_clock::now() + options_.shutdown_timeout;
    for (const auto& session : live()) {
      session->wait_idle(std::chrono::duration_cast<std::chrono::milliseconds>(std::max(deadline - std::chrono::steady_clock::now(), std::chrono::steady_clock::duration::zero())));
      session->close("server shutting down");
    }
    {
      // The channels send what is queued, then FIN, and end once the peer closes (or after the close grace).
      std::unique_lock<std::mutex> lock(mutex_);
      ended_.wait_until(lock, deadline + StreamChannel::kCloseGrace, [this] { return channels_ == 0; });
    }
    for (const auto& session : live()) {
      if (session->channel()) session->channel()->abort();
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ended_.wait_for(lock, std::chrono::milliseconds(500), [this] { return channels_ == 0; });
    }
    handlers_.join();
    pool_.stop();
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.clear();
  }

  const std::string& host() const noexcept { return host_; }
  /** The bound port once started. */
  std::uint16_t port() const noexcept { return port_; }
  Hub& hub() noexcept { return hub_; }
  const ServerOptions& options() const noexcept { return options_; }
  /** The open sessions. */
  std::vector<Hub::SessionPtr> sessions() const { return hub_.sessions(); }

 private:
  std::vector<std::shared_ptr<TcpSession>> live() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return {sessions_.begin(), sessions_.end()};
  }

  void accept() {
    acceptor_.async_accept(asio::make_strand(pool_.context()), [this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!accepting_) return;
      }
      if (!ec) {
        serve(std::move(socket));
      } else if (ec != asio::error::operation_aborted) {
        debug_log("tcp server: accept failed: " + ec.message());
      }
      accept();
    });
  }

  void serve(asio::ip::tcp::socket socket) {
    asio::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec) return;
    const std::string peer = endpoint_name(remote);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (sessions_.size() >= options_.max_sessions) {
        debug_log("tcp server: refusing " + peer + ", " + std::to_string(sessions_.size()) + " sessions already");
        socket.close(ec);
        return;
      }
    }
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    auto session = std::make_shared<TcpSession>(hub_, peer, dispatch_, options_, pool_.context(), handlers_, [this](TcpSession& s) { forget(s); });
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sessions_.insert(session);
      ++channels_;
    }
    session->start(std::move(socket));
  }

  void forget(TcpSession& session) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->get() == &session) {
        sessions_.erase(it);
        --channels_;
        break;
      }
    }
    ended_.notify_all();
  }

  ServerDispatch& dispatch_;
  const ServerOptions options_;
  Hub hub_;
  // The handler pool first: destroyed after the io pool, whose queued
  // handlers may still own a session with a strand on the handler pool.
  asio::thread_pool handlers_;
  IoPool pool_;
  asio::ip::tcp::acceptor acceptor_;
  mutable std::mutex mutex_;
  std::condition_variable ended_;
  std::set<std::shared_ptr<TcpSession>> sessions_;
  std::size_t channels_ = 0;
  std::string host_;
  std::uint16_t port_ = 0;
  bool started_ = false;
  bool accepting_ = false;
  bool stopped_ = false;
};

}  // namespace PROTOFORGE_NS
