// The options of a server and of a client, the fields of Java's ServerOptions
// and ClientOptions records, and the retry policy (connecting; resending
// reliable datagrams). ServerOptions::defaults() / ClientOptions::defaults()
// (and RetryPolicy::defaults()) take the spec's settings from the generated
// protocol_info.hpp; the rest have Java's defaults (queue 64, 10000 sessions,
// 5 s shutdown, 1024 queued events, no automatic reconnection). Change single
// fields on a copy: `auto o = ServerOptions::defaults(); o.idle_timeout = 500ms;`.
#pragma once

#include <PROTOFORGE_NS/protocol_info.hpp>
#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/trace.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace PROTOFORGE_NS {

/** How often and how patiently to retry (wire format 10.2). */
struct RetryPolicy {
  int max_attempts = 1;
  std::int64_t initial_backoff_ms = 0;
  std::int64_t max_backoff_ms = 0;
  double multiplier = 1.0;

  /** The spec's retry policy. */
  static RetryPolicy defaults() {
    return RetryPolicy{protocol_info::kRetryMaxAttempts, protocol_info::kRetryInitialBackoffMs, protocol_info::kRetryMaxBackoffMs,
                       protocol_info::kRetryMultiplier};
  }

  /** The wait after each attempt: d1 = min(initial, max), d(k+1) = min(dk * multiplier, max), rounded half up. */
  std::vector<std::int64_t> delays_ms() const {
    std::vector<std::int64_t> delays;
    double delay = static_cast<double>(std::min(initial_backoff_ms, max_backoff_ms));
    for (int i = 0; i < std::max(0, max_attempts); ++i) {
      delays.push_back(static_cast<std::int64_t>(std::floor(delay + 0.5)));
      delay = std::min(delay * multiplier, static_cast<double>(max_backoff_ms));
    }
    return delays;
  }
};

struct ServerOptions {
  std::chrono::milliseconds keepalive_interval{0};
  std::chrono::milliseconds idle_timeout{0};
  std::chrono::milliseconds request_timeout{0};
  /** std::nullopt: no limit. */
  std::optional<RateLimit> rate_limit;
  std::size_t max_frame_bytes = 0;
  RetryPolicy retry;
  /** Messages of one session waiting for their handler; reading pauses when it is full. */
  std::size_t queue_size = 64;
  std::size_t max_sessions = 10000;
  std::chrono::milliseconds shutdown_timeout{5000};
  /** Empty: no trace. */
  Trace trace;

  /** The spec's settings. */
  static ServerOptions defaults() {
    ServerOptions o;
    o.keepalive_interval = std::chrono::milliseconds(protocol_info::kKeepaliveIntervalMs);
    o.idle_timeout = std::chrono::milliseconds(protocol_info::kIdleTimeoutMs);
    o.request_timeout = std::chrono::milliseconds(protocol_info::kRequestTimeoutMs);
    if (protocol_info::kRateLimitPerSecond && protocol_info::kRateLimitBurst) {
      o.rate_limit.emplace(*protocol_info::kRateLimitPerSecond, *protocol_info::kRateLimitBurst);
    }
    o.max_frame_bytes = protocol_info::kMaxFrameBytes;
    o.retry = RetryPolicy::defaults();
    return o;
  }
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds request_timeout{0};
  std::chrono::milliseconds keepalive_interval{0};
  std::chrono::milliseconds idle_timeout{0};
  std::size_t max_frame_bytes = 0;
  RetryPolicy retry;
  /** Reconnect with backoff when the connection is lost (a new connection starts a new conversation). */
  bool auto_reconnect = false;
  /** Messages the server sent on its own kept for next_event; when full the oldest is dropped. */
  std::size_t event_queue_size = 1024;
  /** Empty: no trace. */
  Trace trace;

  /** The spec's settings. */
  static ClientOptions defaults() {
    ClientOptions o;
    o.connect_timeout = std::chrono::milliseconds(protocol_info::kConnectTimeoutMs);
    o.request_timeout = std::chrono::milliseconds(protocol_info::kRequestTimeoutMs);
    o.keepalive_interval = std::chrono::milliseconds(protocol_info::kKeepaliveIntervalMs);
    o.idle_timeout = std::chrono::milliseconds(protocol_info::kIdleTimeoutMs);
    o.max_frame_bytes = protocol_info::kMaxFrameBytes;
    o.retry = RetryPolicy::defaults();
    return o;
  }
};

}  // namespace PROTOFORGE_NS
