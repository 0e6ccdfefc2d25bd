// The TCP part of bench/cpp (`npm run bench:cpp`): round trips on loopback
// with 1, 10 and 100 concurrent clients (a thread each, one request
// outstanding per client), against a server in a process of its own. The
// generated server is driven twice: by the generated ChatClient
// (generated_server.cpp) and by a plain client speaking the protocol's frames
// with the generated codec (generated_kind); both log in once, then send
// SendMessage and wait for MessageAccepted. The clients of the raw echo send
// a length-prefixed body of the SendMessage frame's size and read it back.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bench {

inline constexpr int kTcpRequests = 50'000;
inline constexpr int kTcpWarmupRequests = 20'000;
inline constexpr int kTcpWarmupClients = 10;
inline constexpr int kTcpRounds = 3;
inline constexpr std::array<int, 3> kTcpConcurrency = {1, 10, 100};
inline constexpr const char* kHost = "127.0.0.1";

/** One client connection: one request and its answer; false when the answer was not the expected one. */
class Session {
 public:
  virtual ~Session() = default;
  virtual bool round_trip() = 0;
};

struct Kind {
  std::string label;
  std::string serve_mode;
  std::function<std::unique_ptr<Session>(std::uint16_t port, int index)> open;
};

/** The size of the SendMessage frame both kinds send. */
std::size_t request_bytes();

Kind raw_kind();
Kind generated_kind();

/** One round: its requests, seconds, every latency in nanoseconds, answers that were not the expected one. */
struct Round {
  int clients = 0;
  int requests = 0;
  double seconds = 0;
  std::vector<std::int64_t> latencies;
  std::int64_t others = 0;
  double rate() const { return requests / seconds; }
};

/** A level's best round (by rate) and its slowest round's rate. */
struct TcpRow {
  std::string server;
  Round best;
  double slowest_rate = 0;
};

/** The warm-up round, then kTcpRounds rounds at each concurrency. */
std::vector<TcpRow> tcp_rows(const Kind& kind, std::uint16_t port);

}  // namespace bench
