// The options of a server and of a client, the fields of Java's ServerOptions
// and ClientOptions records. The spec's settings (keepalive, timeouts, frame
// limit, rate limit) have no default here: the generated protocol info fills
// them; the rest have Java's defaults (queue 64, 10000 sessions, 5 s shutdown,
// 1024 queued events, no automatic reconnection).
#pragma once

#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/trace.hpp>

#include <chrono>
#include <cstddef>
#include <optional>

namespace PROTOFORGE_NS {

struct ServerOptions {
  std::chrono::milliseconds keepalive_interval{0};
  std::chrono::milliseconds idle_timeout{0};
  std::chrono::milliseconds request_timeout{0};
  std::optional<RateLimit> rate_limit;
  std::size_t max_frame_bytes = 0;
  std::size_t queue_size = 64;
  std::size_t max_sessions = 10000;
  std::chrono::milliseconds shutdown_timeout{5000};
  Trace trace;
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds request_timeout{0};
  std::chrono::milliseconds keepalive_interval{0};
  std::chrono::milliseconds idle_timeout{0};
  std::size_t max_frame_bytes = 0;
  bool auto_reconnect = false;
  std::size_t event_queue_size = 1024;
  Trace trace;
};

}  // namespace PROTOFORGE_NS
