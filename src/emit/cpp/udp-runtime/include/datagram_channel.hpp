// Frames between two addresses (docs/wire-format.md sections 10.2 and 11),
// the datagram half of Java's FrameChannel: numbers the frames its side
// originates (1, 2, … and around after 2^32 - 1), sends a message the spec
// marks reliable as a RELIABLE frame retransmitted until acknowledged,
// correlates answers with requests by sequence number (RESPONSE flag, same
// number), answers PING with PONG, sends PING when it has been quiet for the
// keepalive interval and gives up on a peer silent for the idle timeout (the
// link closes: the peer is forgotten). It does not know the protocol's
// rules: messages go to Events::on_message, frames that do not decode to
// on_invalid, both on the thread that called receive(). Thread-safe.
#pragma once

#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/describe.hpp>
#include <PROTOFORGE_NS/messages.hpp>
#include <PROTOFORGE_NS/profile.hpp>
#include <PROTOFORGE_NS/transport_error.hpp>
#include <PROTOFORGE_NS/wire.hpp>
#include <PROTOFORGE_NS/wire_error.hpp>

#include <asio/any_io_executor.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "PROTOFORGE_NS/datagram_header.hpp"
#include "PROTOFORGE_NS/datagram_link.hpp"

namespace PROTOFORGE_NS {

class DatagramChannel : public std::enable_shared_from_this<DatagramChannel> {
 public:
  using Bytes = std::vector<std::uint8_t>;

  /** What a channel hands on, on the thread that called receive(); they must not block. */
  class Events {
   public:
    virtual ~Events() = default;
    /** A message that is not an answer, with its sequence number. */
    virtual void on_message(Message message, std::uint32_t seq) = 0;
    /** The header of a datagram that did not decode, and why. */
    virtual void on_invalid(const DatagramHeader& header, const WireError& error) = 0;
    /** Each answer as it arrives, before the requester resumes. */
    virtual void on_answer(const Message& /*answer*/) {}
    /** An answer (RESPONSE flag) that answers no open request of this side. */
    virtual void on_stray(const Message& message, std::uint32_t seq) {
      debug_log(std::string(message_name(message)) + " answers no open request (seq " + std::to_string(seq) + ")");
    }
  };

  /** The keepalive runs on `timers` (the peer's strand). */
  DatagramChannel(std::shared_ptr<DatagramLink> link, std::string name, std::shared_ptr<Events> events, std::chrono::milliseconds keepalive,
                  std::chrono::milliseconds idle, const asio::any_io_executor& timers)
      : link_(std::move(link)),
        name_(std::move(name)),
        events_(events),
        keepalive_ms_(keepalive.count()),
        idle_ms_(idle.count()),
        timer_(timers),
        last_sent_(now_ms()),
        last_received_(last_sent_.load()) {}

  DatagramChannel(const DatagramChannel&) = delete;
  DatagramChannel& operator=(const DatagramChannel&) = delete;

  const std::shared_ptr<DatagramLink>& link() const noexcept { return link_; }
  const std::string& name() const noexcept { return name_; }
  bool closed() const noexcept { return closed_.load(); }

  /** Whether a request of this side waits for its answer. */
  bool waiting() const {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    return !pending_.empty();
  }

  /** Starts the keepalive: PING when quiet, close when the peer is silent too long. */
  void start() {
    auto self = shared_from_this();
    asio::post(timer_.get_executor(), [self] { self->schedule(std::min(self->keepalive_ms_, self->idle_ms_)); });
  }

  // --- sending ---------------------------------------------------------------------------

  /**
   * Sends a message: an answer to request number `answer_to`, or (std::nullopt) a new frame with the next number;
   * returns its number. A reliable message is retransmitted until acknowledged; with `wait_ack` this waits for the ACK
   * (DeliveryFailed when none comes, ConnectionClosed when the link closes first). `before_send` (may be empty: the
   * sender's role machine moving) runs just before the frame takes its number; what it throws is thrown here and
   * nothing is sent. WireError when the message is invalid.
   */
  std::uint32_t send(const Message& message, std::optional<std::uint32_t> answer_to, bool wait_ack,
                     const std::function<void()>& before_send = nullptr) {
    if (closed_) throw ConnectionClosed(name_ + " is closed");
    std::uint32_t number = 0;
    std::shared_ptr<std::promise<void>> delivery;
    if (answer_to) {
      if (before_send) before_send();
      number = *answer_to;
      delivery = transmit(message, number, true);
    } else {
      std::lock_guard<std::mutex> lock(originating_);
      if (before_send) before_send();
      number = next_seq();
      delivery = transmit(message, number, false);
    }
    // The ACK is awaited outside the lock: other frames of this side go on meanwhile (retransmission takes seconds).
    if (delivery && wait_ack) delivery->get_future().get();
    return number;
  }

  /**
   * Sends a request and waits for the frame that answers it (same number, RESPONSE flag): RequestTimeout after
   * `timeout`, ConnectionClosed when the channel closes first, DeliveryFailed when a reliable request was never
   * acknowledged. `before_send` as for send().
   */
  Message request(const Message& message, std::chrono::milliseconds timeout, const std::function<void()>& before_send = nullptr) {
    if (closed_) throw ConnectionClosed(name_ + " is closed");
    const bool reliable = profile::info(message).reliable;
    auto answer = std::make_shared<std::promise<Message>>();
    std::future<Message> future = answer->get_future();
    std::uint32_t number = 0;
    {
      std::lock_guard<std::mutex> lock(originating_);
      if (before_send) before_send();
      number = next_seq();
      Bytes data = encode_frame(message, number, reliable ? kFlagReliable : 0);
      {
        std::lock_guard<std::mutex> pending(pending_mutex_);
        pending_[number] = answer;
      }
      if (closed_) {
        forget(number);
        throw ConnectionClosed(name_ + " is closed");
      }
      last_sent_ = now_ms();
      if (reliable) {
        std::weak_ptr<DatagramChannel> weak = weak_from_this();
        link_->write_reliable(std::move(data), DatagramHeader::identity_of(false, number), [weak, number](DeliveryOutcome outcome, const std::string& why) {
          auto self = weak.lock();
          if (!self || outcome == DeliveryOutcome::kAcknowledged) return;
          self->fail(number, outcome == DeliveryOutcome::kFailed ? std::make_exception_ptr(DeliveryFailed(why))
                                                                 : std::make_exception_ptr(ConnectionClosed(self->name_ + ": " + why)));
        });
      } else if (!link_->write(data)) {
        forget(number);
        throw ConnectionClosed(name_ + ": the peer is forgotten");
      }
    }
    if (future.wait_for(timeout) != std::future_status::ready) {
      forget(number);
      throw RequestTimeout("no answer to " + std::string(message_name(message)) + " (seq " + std::to_string(number) + ") within " +
                           std::to_string(timeout.count()) + " ms");
    }
    return future.get();
  }

  // --- receiving -------------------------------------------------------------------------

  /** Handles one datagram that passed the inbox (one whole frame). */
  void receive(const Bytes& raw) {
    if (closed_) return;
    last_received_ = now_ms();
    Frame frame;
    try {
      frame = decode_frame(std::span<const std::uint8_t>(raw));
    } catch (const WireError& e) {
      if (auto header = DatagramHeader::peek(std::span<const std::uint8_t>(raw)); header && events_) events_->on_invalid(*header, e);
      return;
    }
    receive_frame(std::move(frame));
  }

  /** Fails every open request with ConnectionClosed and stops the keepalive. */
  void close(const std::string& reason) {
    if (closed_.exchange(true)) return;
    std::map<std::uint32_t, std::shared_ptr<std::promise<Message>>> open;
    {
      std::lock_guard<std::mutex> lock(pending_mutex_);
      open.swap(pending_);
    }
    for (auto& [number, waiting] : open) waiting->set_exception(std::make_exception_ptr(ConnectionClosed(name_ + " " + reason)));
    auto self = weak_from_this();
    asio::post(timer_.get_executor(), [self] {
      if (auto channel = self.lock()) channel->timer_.cancel();
    });
  }

 private:
  static std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }

  std::uint32_t next_seq() {
    const std::uint32_t value = seq_;
    seq_ = value == 0xFFFFFFFFu ? 1 : value + 1;
    return value;
  }

  /** Writes one message (`answer`: to a request of the peer); for a RELIABLE frame returns the delivery that completes with its ACK. */
  std::shared_ptr<std::promise<void>> transmit(const Message& message, std::uint32_t number, bool answer) {
    const MessageInfo& info = profile::info(message);
    Bytes data = encode_frame(message, number, info.reliable ? kFlagReliable : 0);
    if (answer) link_->answered(number, data);
    last_sent_ = now_ms();
    if (info.reliable) {
      auto delivery = std::make_shared<std::promise<void>>();
      const std::string name = name_;
      link_->write_reliable(std::move(data), DatagramHeader::identity_of(info.kind == MessageInfo::Kind::kResponse, number),
                            [delivery, name](DeliveryOutcome outcome, const std::string& why) {
                              if (outcome == DeliveryOutcome::kAcknowledged) {
                                delivery->set_value();
                                return;
                              }
                              debug_log("<channel " + name + ">: " + why);
                              delivery->set_exception(outcome == DeliveryOutcome::kFailed ? std::make_exception_ptr(DeliveryFailed(why))
                                                                                          : std::make_exception_ptr(ConnectionClosed(name + ": " + why)));
                            });
      return delivery;
    }
    if (!link_->write(data)) throw ConnectionClosed(name_ + ": the peer is forgotten");
    return nullptr;
  }

  void forget(std::uint32_t number) {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    pending_.erase(number);
  }

  void fail(std::uint32_t number, std::exception_ptr error) {
    std::shared_ptr<std::promise<Message>> waiting;
    {
      std::lock_guard<std::mutex> lock(pending_mutex_);
      auto it = pending_.find(number);
      if (it == pending_.end()) return;
      waiting = it->second;
      pending_.erase(it);
    }
    waiting->set_exception(std::move(error));
  }

  void receive_frame(Frame frame) {
    if (frame.control == ControlKind::kPing) {
      pong(frame.seq);
    } else if (frame.control || !frame.message) {
      // PONG only proves the peer is alive; ACKs are the link's business.
    } else if ((frame.flags & kFlagResponse) != 0) {
      link_->settle(DatagramHeader::identity_of(false, frame.seq));
      std::shared_ptr<std::promise<Message>> waiting;
      {
        std::lock_guard<std::mutex> lock(pending_mutex_);
        auto it = pending_.find(frame.seq);
        if (it != pending_.end()) {
          waiting = it->second;
          pending_.erase(it);
        }
      }
      if (!waiting) {
        if (events_) events_->on_stray(*frame.message, frame.seq);
        return;
      }
      if (events_) events_->on_answer(*frame.message);
      waiting->set_value(std::move(*frame.message));
    } else if (events_) {
      events_->on_message(std::move(*frame.message), frame.seq);
    }
  }

  /** PONG to the peer's PING `number`. */
  void pong(std::uint32_t number) {
    last_sent_ = now_ms();
    if (!link_->write(encode_control(ControlKind::kPong, number, false))) debug_log("<channel " + name_ + ">: PONG not sent");
  }

  /** A PING with the next number. */
  void ping() {
    last_sent_ = now_ms();
    std::lock_guard<std::mutex> lock(originating_);
    if (!closed_ && !link_->write(encode_control(ControlKind::kPing, next_seq(), false))) debug_log("<channel " + name_ + ">: PING not sent");
  }

  // --- keepalive (on the timer's executor) -------------------------------------------------

  void schedule(std::int64_t delay_ms) {
    if (closed_) return;
    timer_.expires_after(std::chrono::milliseconds(std::max<std::int64_t>(5, delay_ms)));
    std::weak_ptr<DatagramChannel> weak = weak_from_this();
    timer_.async_wait([weak](const asio::error_code& error) {
      auto self = weak.lock();
      if (!error && self) self->tick();
    });
  }

  void tick() {
    if (closed_) return;
    std::int64_t now = now_ms();
    if (now - last_received_ >= idle_ms_) {
      debug_log("<channel " + name_ + ">: nothing received for " + std::to_string(idle_ms_) + " ms, closing");
      link_->close();
      close("idle");
      return;
    }
    if (now - last_sent_ >= keepalive_ms_) ping();
    now = now_ms();
    schedule(std::min(last_received_ + idle_ms_, last_sent_ + keepalive_ms_) - now);
  }

  const std::shared_ptr<DatagramLink> link_;
  const std::string name_;
  const std::shared_ptr<Events> events_;
  const std::int64_t keepalive_ms_;
  const std::int64_t idle_ms_;
  asio::steady_timer timer_;
  std::atomic<std::int64_t> last_sent_;
  std::atomic<std::int64_t> last_received_;
  std::atomic<bool> closed_{false};
  /** Held from taking a sequence number until its frame is written: frames leave in the order of their numbers (section 11). */
  std::mutex originating_;
  std::uint32_t seq_ = 1;
  mutable std::mutex pending_mutex_;
  std::map<std::uint32_t, std::shared_ptr<std::promise<Message>>> pending_;
};

}  // namespace PROTOFORGE_NS
