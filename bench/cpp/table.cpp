#include "table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bench {

std::string num(double x, int width, int digits) {
  char raw[64];
  std::snprintf(raw, sizeof raw, "%.*f", digits, std::fabs(x));
  std::string text(raw);
  const std::size_t point = text.find('.');
  const std::size_t integer_end = point == std::string::npos ? text.size() : point;
  std::string grouped;
  for (std::size_t i = 0; i < integer_end; i++) {
    if (i > 0 && (integer_end - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(text[i]);
  }
  grouped += text.substr(integer_end);
  if (x < 0) grouped.insert(grouped.begin(), '-');
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(grouped.size()))), ' ') + grouped;
}

std::string pad(const std::string& s, int width) {
  // Pads by code points, so that "Grüße" or "—" in a name do not shift the columns.
  std::size_t points = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) points++;
  }
  const std::size_t w = static_cast<std::size_t>(std::max(width, 0));
  return points >= w ? s : s + std::string(w - points, ' ');
}

double percentile_ms(std::vector<std::int64_t> latencies, double q) {
  if (latencies.empty()) return 0;
  std::sort(latencies.begin(), latencies.end());
  const auto n = static_cast<double>(latencies.size());
  const auto rank = static_cast<std::int64_t>(std::ceil(q * n)) - 1;
  const auto index = static_cast<std::size_t>(std::clamp<std::int64_t>(rank, 0, static_cast<std::int64_t>(latencies.size()) - 1));
  return static_cast<double>(latencies[index]) / 1e6;
}

}  // namespace bench
