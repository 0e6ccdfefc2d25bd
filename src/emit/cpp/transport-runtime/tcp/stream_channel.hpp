// Frames over one TCP connection (docs/wire-format.md 10.1 and 11), as Java's
// FrameChannel + StreamLink + StreamReader together, on asio: the reader cuts
// frames across partial reads with the layer's Deframer (a header error ends
// the connection at once); frames this side originates are numbered 1, 2, …
// and leave in the order of their numbers through one bounded write queue;
// answers are matched to requests by sequence number (RESPONSE flag); PING is
// answered with PONG at once; a PING goes out after keepalive_interval of
// quiet, and a peer silent for idle_timeout is closed. close() sends what is
// queued, then FIN, reads (and drops) until the peer's end of stream and cuts
// a peer that does not close within 2 s. Everything on the socket runs on the
// channel's strand; send/request/close are safe from any thread. It does not
// know the protocol's rules: messages, undecodable frames and the end go to
// the Events (called on the strand; they must not block).
#pragma once

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>
#include <PROTOFORGE_NS/wire.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <asio.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace PROTOFORGE_NS {

/** The header fields of whatever a frame starts with, unchecked (for error answers); std::nullopt when shorter. */
inline std::optional<Header> peek_header(std::span<const std::uint8_t> data) {
  if (data.size() < kHeaderBytes) return std::nullopt;
  Header h;
  h.flags = data[3];
  h.message_id = static_cast<std::uint16_t>((data[4] << 8) | data[5]);
  h.seq = (static_cast<std::uint32_t>(data[6]) << 24) | (static_cast<std::uint32_t>(data[7]) << 16) | (static_cast<std::uint32_t>(data[8]) << 8) | data[9];
  h.length = (static_cast<std::uint32_t>(data[10]) << 24) | (static_cast<std::uint32_t>(data[11]) << 16) | (static_cast<std::uint32_t>(data[12]) << 8) | data[13];
  return h;
}

/** "host:port" of an endpoint (IPv6 in brackets as Java prints it without them: the address text, a colon, the port). */
inline std::string endpoint_name(const asio::ip::tcp::endpoint& e) { return e.address().to_string() + ":" + std::to_string(e.port()); }

class StreamChannel : public std::enable_shared_from_this<StreamChannel> {
 public:
  using Socket = asio::ip::tcp::socket;
  using Strand = asio::strand<asio::any_io_executor>;
  using Clock = std::chrono::steady_clock;

  /** What a channel hands on, on its strand. */
  class Events {
   public:
    virtual ~Events() = default;
    /** A message that is not an answer, with its sequence number. */
    virtual void on_message(Message message, std::uint32_t seq) = 0;
    /** The header of a complete frame that did not decode, and why. */
    virtual void on_invalid(const Header& header, const WireError& error) = 0;
    /** Each answer as it arrives, before the requester resumes. */
    virtual void on_answer(const Message& /*answer*/) {}
    /** An answer (RESPONSE flag) that answers no open request of this side. */
    virtual void on_stray(const Message& message, std::uint32_t seq) {
      debug_log(std::string(message_name(message)) + " answers no open request (seq " + std::to_string(seq) + ")");
    }
    /** The connection ended (once): the peer closed it, a header error, idle, close(). */
    virtual void on_end(const std::string& reason) = 0;
  };

  /** A socket whose peer has not closed this long after close() is cut off. */
  static constexpr std::chrono::milliseconds kCloseGrace{2000};
  /** Bytes queued for a peer that does not read before the connection is given up. */
  static constexpr std::size_t kMaxQueuedBytes = 8u << 20;

  StreamChannel(Socket socket, std::string name, std::shared_ptr<Events> events, std::size_t max_frame_bytes, std::chrono::milliseconds keepalive,
                std::chrono::milliseconds idle)
      : strand_(asio::make_strand(socket.get_executor())),
        socket_(std::move(socket)),
        name_(std::move(name)),
        events_(std::move(events)),
        deframer_(static_cast<std::uint8_t>(kWireVersion), static_cast<std::uint32_t>(max_frame_bytes)),
        keepalive_(keepalive),
        idle_(idle),
        timer_(strand_),
        grace_(strand_),
        last_sent_(Clock::now()),
        last_received_(Clock::now()) {}

  StreamChannel(const StreamChannel&) = delete;
  StreamChannel& operator=(const StreamChannel&) = delete;

  const std::string& name() const noexcept { return name_; }
  bool closed() const noexcept { return closed_.load(); }
  /** Whether a request of this side waits for its answer. */
  bool waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return !pending_.empty();
  }

  /** Starts reading and the keepalive. */
  void start() {
    auto self = shared_from_this();
    asio::dispatch(strand_, [self] {
      self->read();
      self->schedule(std::min(self->keepalive_, self->idle_));
    });
  }

  /**
   * Sends a message: an answer to request number `answer_to`, or (std::nullopt) a new frame with the next number.
   * `before_send` (may be empty: the sender's role machine moving) runs just before the frame takes its number, so
   * another thread's frame cannot come in between (as Java's, it runs before the frame is encoded); what it throws is
   * thrown here and nothing is sent. WireError when the message is invalid; ConnectionClosed when the connection is
   * gone. Returns the frame's number.
   */
  std::uint32_t send(const Message& message, std::optional<std::uint32_t> answer_to, const std::function<void()>& before_send = nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) throw ConnectionClosed(name_ + " is closed");
    if (before_send) before_send();
    const std::uint32_t number = answer_to ? *answer_to : peek_seq();
    Bytes data = encode_frame(message, number);
    if (!answer_to) next_seq();
    enqueue(std::move(data));
    return number;
  }

  /**
   * Sends a request and waits for the frame that answers it (same number, RESPONSE flag): RequestTimeout after
   * `timeout`, ConnectionClosed when the connection ends first. `before_send` as for send().
   */
  Message request(const Message& message, std::chrono::milliseconds timeout, const std::function<void()>& before_send = nullptr) {
    std::future<Message> answer;
    std::uint32_t number = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_) throw ConnectionClosed(name_ + " is closed");
      if (before_send) before_send();
      number = peek_seq();
      Bytes data = encode_frame(message, number);
      next_seq();
      std::promise<Message> promise;
      answer = promise.get_future();
      pending_.emplace(number, std::move(promise));
      enqueue(std::move(data));
    }
    if (answer.wait_for(timeout) != std::future_status::ready) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (pending_.erase(number) != 0) {
        throw RequestTimeout("no answer to " + std::string(message_name(message)) + " (seq " + std::to_string(number) + ") within " +
                             std::to_string(timeout.count()) + " ms");
      }
    }
    return answer.get();  // the answer, or ConnectionClosed
  }

  /** Fails every open request with ConnectionClosed, stops the keepalive, sends what is queued, then FIN. Safe twice. */
  void close(const std::string& reason) {
    std::vector<std::promise<Message>> open;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_) return;
      closed_ = true;
      reason_ = reason.empty() ? "closed" : reason;
      for (auto& [n, p] : pending_) open.push_back(std::move(p));
      pending_.clear();
    }
    for (auto& p : open) p.set_exception(std::make_exception_ptr(ConnectionClosed(name_ + " " + reason_)));
    auto self = shared_from_this();
    asio::dispatch(strand_, [self] {
      self->timer_.cancel();
      self->closing_input_ = true;
      std::lock_guard<std::mutex> lock(self->mutex_);
      if (!self->writing_) self->shutdown_output();
    });
  }

  /**
   * After close(): waits, at most `timeout`, until the queued frames and the FIN
   * are written and the peer has closed too (or the grace cut the socket), so a
   * client torn down right after close() does not lose its last frames. Not on
   * the channel's own strand (it would wait for itself). True when it ended in time.
   */
  bool wait_closed(std::chrono::milliseconds timeout) {
    if (strand_.running_in_this_thread()) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    return cut_changed_.wait_for(lock, timeout, [this] { return cut_; });
  }

  /** Closes the socket now (the reader ends). */
  void abort() {
    auto self = shared_from_this();
    asio::dispatch(strand_, [self] { self->cut(); });
  }

  /** Stops reading after the current frames (backpressure: the handlers are behind). */
  void pause_reading() { paused_ = true; }

  /** Reads again after pause_reading(). */
  void resume_reading() {
    auto self = shared_from_this();
    asio::dispatch(strand_, [self] {
      if (!self->paused_) return;
      self->paused_ = false;
      if (self->read_parked_) {
        self->read_parked_ = false;
        self->read();
      }
    });
  }

 private:
  std::uint32_t peek_seq() const noexcept { return seq_; }
  void next_seq() noexcept { seq_ = seq_ == 0xFFFFFFFFu ? 1u : seq_ + 1u; }

  /** With mutex_ held. */
  void enqueue(Bytes data) {
    if (queued_bytes_ + data.size() > kMaxQueuedBytes) {
      debug_log(name_ + ": the peer does not read; " + std::to_string(queued_bytes_) + " bytes queued");
      throw ConnectionClosed(name_ + ": the peer does not read (write queue full)");
    }
    last_sent_ = Clock::now();
    queued_bytes_ += data.size();
    out_.push_back(std::move(data));
    if (!writing_) {
      writing_ = true;
      auto self = shared_from_this();
      asio::post(strand_, [self] { self->write_next(); });
    }
  }

  /** On the strand. */
  void write_next() {
    const Bytes* front = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (out_.empty() || cut_) {
        writing_ = false;
        if (closed_) shutdown_output();
        return;
      }
      front = &out_.front();  // a deque keeps its elements where they are while others are added
    }
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(*front), asio::bind_executor(strand_, [self](const asio::error_code& ec, std::size_t n) {
      {
        std::lock_guard<std::mutex> lock(self->mutex_);
        self->queued_bytes_ -= self->out_.front().size();
        self->out_.pop_front();
        (void)n;
      }
      if (ec) {
        {
          std::lock_guard<std::mutex> lock(self->mutex_);
          self->writing_ = false;
          self->out_.clear();
          self->queued_bytes_ = 0;
        }
        self->end(self->closed_ ? "closed" : "write failed: " + ec.message());
        return;
      }
      self->write_next();
    }));
  }

  /** On the strand, with mutex_ held: FIN after the last queued frame; the reader waits for the peer's end. */
  void shutdown_output() {
    if (output_shut_ || cut_) return;
    output_shut_ = true;
    asio::error_code ignored;
    socket_.shutdown(Socket::shutdown_send, ignored);
    auto self = shared_from_this();
    grace_.expires_after(kCloseGrace);
    grace_.async_wait(asio::bind_executor(strand_, [self](const asio::error_code& ec) {
      if (!ec) self->cut();
    }));
  }

  /** On the strand: the socket closed now. */
  void cut() {
    asio::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
    grace_.cancel();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cut_ = true;
    }
    cut_changed_.notify_all();
  }

  /** On the strand. */
  void read() {
    if (cut_) return;
    if (paused_ && !closing_input_) {
      read_parked_ = true;
      return;
    }
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(buffer_), asio::bind_executor(strand_, [self](const asio::error_code& ec, std::size_t n) {
      self->on_read(ec, n);
    }));
  }

  void on_read(const asio::error_code& ec, std::size_t n) {
    if (ec) {
      if (ec == asio::error::eof) {
        std::string reason = closing_input_ ? "closed" : "end of stream";
        if (!closing_input_ && deframer_.buffered() > 0) reason = "end of stream inside a frame (truncated)";
        end(reason);
      } else {
        end(closing_input_ || cut_ ? "closed" : "read failed: " + ec.message());
      }
      return;
    }
    if (closing_input_) {
      read();  // closing: wait for the peer's end of stream, take nothing more
      return;
    }
    last_received_ = Clock::now();
    std::vector<Bytes> frames;
    try {
      frames = deframer_.push(std::span<const std::uint8_t>(buffer_.data(), n));
    } catch (const WireError& e) {
      end(std::string("bad frame header: ") + e.what());
      return;
    }
    for (auto& raw : frames) {
      if (closing_input_ || cut_) break;
      receive(raw);
    }
    read();
  }

  /** One complete frame, on the strand. */
  void receive(const Bytes& raw) {
    Frame frame;
    try {
      frame = decode_frame(raw);
    } catch (const WireError& e) {
      if (auto header = peek_header(raw); header && events_) events_->on_invalid(*header, e);
      return;
    }
    if (frame.control) {
      if (*frame.control == ControlKind::kPing) pong(frame.seq);
      return;  // PONG only proves the peer is alive; ACK is not used on streams
    }
    if (!frame.message) return;
    if (frame.is_response()) {
      std::optional<std::promise<Message>> waiting;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = pending_.find(frame.seq);
        if (it != pending_.end()) {
          waiting.emplace(std::move(it->second));
          pending_.erase(it);
        }
      }
      if (!waiting) {
        if (events_) events_->on_stray(*frame.message, frame.seq);
        return;
      }
      if (events_) events_->on_answer(*frame.message);
      waiting->set_value(std::move(*frame.message));
      return;
    }
    if (events_) events_->on_message(std::move(*frame.message), frame.seq);
  }

  /** On the strand. Also after close() until the FIN is out: a PING read with the last answer is still answered. */
  void pong(std::uint32_t number) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (output_shut_ || cut_) return;
    try {
      enqueue(encode_control(ControlKind::kPong, number, false));
    } catch (const std::exception& e) {
      debug_log(name_ + ": PONG not sent: " + e.what());
    }
  }

  void ping() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return;
    try {
      Bytes data = encode_control(ControlKind::kPing, peek_seq(), false);
      next_seq();
      enqueue(std::move(data));
    } catch (const std::exception& e) {
      debug_log(name_ + ": PING not sent: " + e.what());
    }
  }

  void schedule(std::chrono::milliseconds delay) {
    if (closed_ || cut_) return;
    auto self = shared_from_this();
    timer_.expires_after(std::max(delay, std::chrono::milliseconds(5)));
    timer_.async_wait(asio::bind_executor(strand_, [self](const asio::error_code& ec) {
      if (!ec) self->tick();
    }));
  }

  void tick() {
    if (closed_ || cut_) return;
    auto now = Clock::now();
    const Clock::time_point received = last_received_;
    if (now - received >= idle_) {
      debug_log(name_ + ": nothing received for " + std::to_string(idle_.count()) + " ms, closing");
      close("idle");
      return;
    }
    Clock::time_point sent;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sent = last_sent_;
    }
    if (now - sent >= keepalive_) {
      ping();
      std::lock_guard<std::mutex> lock(mutex_);
      sent = last_sent_;
    }
    now = Clock::now();
    const auto wake = std::min(received + idle_, sent + keepalive_);
    schedule(std::chrono::duration_cast<std::chrono::milliseconds>(wake - now));
  }

  /** On the strand: the connection is over (once). */
  void end(const std::string& reason) {
    if (ended_) return;
    ended_ = true;
    std::vector<std::promise<Message>> open;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
      if (reason_.empty()) reason_ = reason;
      for (auto& [n, p] : pending_) open.push_back(std::move(p));
      pending_.clear();
    }
    for (auto& p : open) p.set_exception(std::make_exception_ptr(ConnectionClosed(name_ + " " + reason)));
    cut();
    auto events = std::move(events_);
    events_.reset();
    if (events) events->on_end(reason);
  }

  Strand strand_;
  Socket socket_;
  const std::string name_;
  std::shared_ptr<Events> events_;
  Deframer deframer_;
  const std::chrono::milliseconds keepalive_;
  const std::chrono::milliseconds idle_;
  asio::steady_timer timer_;
  asio::steady_timer grace_;
  std::array<std::uint8_t, 16384> buffer_{};

  /** Guards the numbering, the write queue, the pending requests and the closed state. */
  mutable std::mutex mutex_;
  std::uint32_t seq_ = 1;
  std::deque<Bytes> out_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool output_shut_ = false;
  bool cut_ = false;
  std::condition_variable cut_changed_;
  std::map<std::uint32_t, std::promise<Message>> pending_;
  std::string reason_;
  Clock::time_point last_sent_;

  std::atomic<bool> closed_{false};
  std::atomic<Clock::time_point> last_received_;
  // On the strand only.
  bool closing_input_ = false;
  bool ended_ = false;
  std::atomic<bool> paused_{false};
  bool read_parked_ = false;
};

}  // namespace PROTOFORGE_NS
