// Plain text for bench/cpp's tables: numbers with thousands separators,
// padded columns, nearest-rank percentiles (as bench/java).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

/** `x` with `digits` decimals and a comma every three integer digits, right-aligned in `width`. */
std::string num(double x, int width, int digits);
/** `s` left-aligned in `width`. */
std::string pad(const std::string& s, int width);
/** The q-quantile of the latencies (nanoseconds), in milliseconds, nearest rank. */
double percentile_ms(std::vector<std::int64_t> latencies, double q);

}  // namespace bench
