#include "tcp_bench.hpp"

#include "connection.hpp"

#include <chat/codec.hpp>
#include <chat/messages.hpp>
#include <chat/wire.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace bench {
namespace {

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kText = "See you at 10 in the usual room, bring the slides please.";

chat::SendMessage send_message(std::uint64_t id) {
  chat::SendMessage m;
  m.room = "bench";
  m.client_msg_id = id;
  m.text = kText;
  return m;
}

/** The raw echo's client: a 4-byte big-endian length and a body of the request frame's size minus 4. */
class RawSession : public Session {
 public:
  RawSession(std::uint16_t port) : connection_(kHost, port) {
    const auto body = static_cast<std::uint32_t>(request_bytes() - 4);
    frame_.assign(request_bytes(), 0x5a);
    frame_[0] = static_cast<std::uint8_t>(body >> 24);
    frame_[1] = static_cast<std::uint8_t>(body >> 16);
    frame_[2] = static_cast<std::uint8_t>(body >> 8);
    frame_[3] = static_cast<std::uint8_t>(body);
    answer_.resize(frame_.size());
  }

  bool round_trip() override {
    connection_.write_all(frame_);
    connection_.read_exact(answer_);
    return answer_ == frame_;
  }

 private:
  Connection connection_;
  std::vector<std::uint8_t> frame_;
  std::vector<std::uint8_t> answer_;
};

/**
 * A client of the generated server speaking the protocol's frames with the
 * generated codec and Deframer: its own sequence numbers, flags 0 on TCP, a
 * PING answered with a PONG of its sequence, events skipped.
 */
class FrameSession : public Session {
 public:
  FrameSession(std::uint16_t port, int index) : connection_(kHost, port), deframer_(chat::new_deframer()) {
    chat::Login login;
    login.username = "bench" + std::to_string(1000 + index).substr(1);
    login.password = kPassword;
    login.status = chat::UserStatus::kOnline;
    const chat::Frame answer = request(login);
    if (!answer.message || !std::holds_alternative<chat::LoginOk>(*answer.message)) throw std::runtime_error("login refused");
  }

  bool round_trip() override {
    const chat::Frame answer = request(send_message(++next_id_));
    return answer.message && std::holds_alternative<chat::MessageAccepted>(*answer.message);
  }

 private:
  chat::Frame request(const chat::Message& message) {
    const std::uint32_t seq = ++seq_;
    connection_.write_all(chat::encode_frame(message, seq));
    while (true) {
      chat::Frame frame = next_frame();
      if (frame.control == chat::ControlKind::kPing) {
        connection_.write_all(chat::encode_control(chat::ControlKind::kPong, frame.seq));
      } else if (frame.is_response() && frame.seq == seq) {
        return frame;
      }
    }
  }

  chat::Frame next_frame() {
    while (pending_.empty()) {
      const std::size_t n = connection_.read_some(buffer_);
      for (auto& f : deframer_.push(std::span<const std::uint8_t>(buffer_.data(), n))) pending_.push_back(std::move(f));
    }
    chat::Frame frame = chat::decode_frame(pending_.front());
    pending_.erase(pending_.begin());
    return frame;
  }

  Connection connection_;
  chat::Deframer deframer_;
  std::array<std::uint8_t, 16384> buffer_{};
  std::vector<chat::Bytes> pending_;
  std::uint32_t seq_ = 0;
  std::uint64_t next_id_ = 0;
};

Round round(const Kind& kind, std::uint16_t port, int clients, int requests) {
  std::vector<std::unique_ptr<Session>> sessions;
  for (int i = 0; i < clients; i++) sessions.push_back(kind.open(port, i));
  const int each = requests / clients;
  Round result;
  result.clients = clients;
  result.requests = each * clients;
  result.latencies.assign(static_cast<std::size_t>(each * clients), 0);
  std::atomic<std::int64_t> others{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::latch go(1);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; c++) {
    threads.emplace_back([&, c] {
      go.wait();
      try {
        Session& session = *sessions[static_cast<std::size_t>(c)];
        const std::size_t base = static_cast<std::size_t>(c) * static_cast<std::size_t>(each);
        for (int i = 0; i < each; i++) {
          const auto start = std::chrono::steady_clock::now();
          const bool ok = session.round_trip();
          result.latencies[base + static_cast<std::size_t>(i)] =
              std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
          if (!ok) others++;
        }
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  const auto start = std::chrono::steady_clock::now();
  go.count_down();
  for (auto& t : threads) t.join();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sessions.clear();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      throw std::runtime_error(kind.label + " with " + std::to_string(clients) + " clients failed: " + e.what());
    }
  }
  result.others = others.load();
  return result;
}

}  // namespace

std::size_t request_bytes() { return chat::encode_frame(send_message(1'000'000), 1000).size(); }

Kind raw_kind() {
  return Kind{"raw asio echo (2 threads)", "serve-raw",
              [](std::uint16_t port, int) -> std::unique_ptr<Session> { return std::make_unique<RawSession>(port); }};
}

Kind generated_kind() {
  return Kind{"generated ChatServer, frame client", "serve-generated",
              [](std::uint16_t port, int index) -> std::unique_ptr<Session> { return std::make_unique<FrameSession>(port, index); }};
}

std::vector<TcpRow> tcp_rows(const Kind& kind, std::uint16_t port) {
  round(kind, port, kTcpWarmupClients, kTcpWarmupRequests);
  std::vector<TcpRow> rows;
  for (const int clients : kTcpConcurrency) {
    TcpRow row{kind.label, {}, 0};
    bool first = true;
    for (int r = 0; r < kTcpRounds; r++) {
      Round current = round(kind, port, clients, kTcpRequests);
      const double rate = current.rate();
      if (first || rate > row.best.rate()) row.best = std::move(current);
      row.slowest_rate = first ? rate : std::min(row.slowest_rate, rate);
      first = false;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace bench
