// The waits between the attempts of a reliable datagram for the retry policy
// of the options (docs/wire-format.md section 10.2, retransmission), as Java's
// DatagramLink.delaysOf: the policy's delays, or one wait of the initial
// backoff when it has none.
#pragma once

#include <PROTOFORGE_NS/options.hpp>

#include <cstdint>
#include <vector>

#include "PROTOFORGE_NS/datagram_header.hpp"

namespace PROTOFORGE_NS {

inline std::vector<std::int64_t> datagram_delays(const RetryPolicy& retry) { return datagram_delays(retry.delays_ms(), retry.initial_backoff_ms); }

}  // namespace PROTOFORGE_NS
