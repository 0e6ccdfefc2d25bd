// The JSON mapping's scalar rules (docs/wire-format.md section 9).
#include "PROTOFORGE_NS/json.hpp"

#include <cmath>
#include <limits>

#include "PROTOFORGE_NS/wire.hpp"

namespace PROTOFORGE_NS {

namespace {

WireError invalid(std::string_view path, std::string detail) { return WireError(WireError::Code::kInvalidValue, std::move(detail), std::string(path)); }

std::string describe(const Json& n) {
  if (n.is_string()) return "a string";
  if (n.is_number()) return "the number " + n.dump();
  if (n.is_boolean()) return n.dump();
  if (n.is_null()) return "null";
  if (n.is_array()) return "an array";
  return "an object";
}

bool decimal(std::string_view s, bool sign_allowed) {
  std::size_t i = 0;
  if (sign_allowed && i < s.size() && s[i] == '-') ++i;
  if (i == s.size()) return false;
  if (s[i] == '0') return i + 1 == s.size() && s != "-0";
  if (s.size() - i > 20) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

/** The magnitude of a decimal string, false when it passes `limit`. */
bool magnitude(std::string_view digits, std::uint64_t limit, std::uint64_t& out) {
  std::uint64_t v = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/**
 * nlohmann's lexer reads the integer literal -0 as the integer 0, which loses
 * a float's sign (section 9 keeps it): outside strings, a -0 that is a whole
 * number token becomes -0.0 before parsing. Nothing else changes: -01 stays
 * (and is refused), an exponent's -0 (1e-0) stays, strings are copied as they are.
 */
std::string keep_negative_zero(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    out.push_back(c);
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) {
        out.push_back(text[++i]);
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '0' && (i == 0 || (text[i - 1] != 'e' && text[i - 1] != 'E'))) {
      char next = i + 2 < text.size() ? text[i + 2] : ' ';
      if (!(next >= '0' && next <= '9') && next != '.' && next != 'e' && next != 'E') {
        out += "0.0";
        ++i;
      }
    }
  }
  return out;
}

}  // namespace

Json parse_json(std::string_view text) {
  try {
    if (text.find("-0") != std::string_view::npos) {
      std::string kept = keep_negative_zero(text);
      return Json::parse(kept.begin(), kept.end());
    }
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    throw WireError(WireError::Code::kInvalidValue, std::string("not JSON: ") + e.what());
  }
}

std::string json_text(const Json& value) { return value.dump(); }

bool same_json(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_integer() && b.is_number_integer()) {
      if (a.is_number_unsigned() != b.is_number_unsigned()) {
        // One is negative (stored signed): equal only when both are the same non-negative value.
        const Json& s = a.is_number_unsigned() ? b : a;
        const Json& u = a.is_number_unsigned() ? a : b;
        auto sv = s.get<std::int64_t>();
        return sv >= 0 && static_cast<std::uint64_t>(sv) == u.get<std::uint64_t>();
      }
      return a == b;
    }
    double x = a.get<double>();
    double y = b.get<double>();
    return x == y && std::signbit(x) == std::signbit(y);
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !same_json(it.value(), *other)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_json(a[i], b[i])) return false;
    }
    return true;
  }
  return a.type() == b.type() && a == b;
}

namespace detail {

const Json& json_object(const Json& n, std::string_view what, std::string_view path) {
  if (!n.is_object()) throw invalid(path, "expected an object (" + std::string(what) + "), got " + describe(n));
  return n;
}

const Json& json_required(const Json& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) throw invalid(key, "required field is missing");
  if (it->is_null()) throw invalid(key, "required field is null");
  return *it;
}

const Json* json_optional(const Json& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return nullptr;
  return &*it;
}

void json_only_keys(const Json& o, std::string_view owner, std::initializer_list<std::string_view> names) {
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool known = false;
    for (std::string_view name : names) known = known || name == it.key();
    if (!known) throw invalid(it.key(), "unknown field in " + std::string(owner));
  }
}

const Json& json_array(const Json& n, std::string_view path) {
  if (!n.is_array()) throw invalid(path, "expected an array, got " + describe(n));
  return n;
}

bool json_bool(const Json& n, std::string_view path) {
  if (!n.is_boolean()) throw invalid(path, "expected a boolean, got " + describe(n));
  return n.get<bool>();
}

std::int64_t json_integer(const Json& n, std::int64_t lo, std::int64_t hi, std::string_view type, std::string_view path) {
  if (n.is_number_unsigned()) {
    auto v = n.get<std::uint64_t>();
    if (v <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(v) >= lo) return static_cast<std::int64_t>(v);
  } else if (n.is_number_integer()) {
    auto v = n.get<std::int64_t>();
    if (v >= lo && v <= hi) return v;
  } else if (n.is_number_float()) {
    auto d = n.get<double>();
    if (d == std::rint(d) && d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) return static_cast<std::int64_t>(d);
  }
  throw invalid(path, "expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi) + " (" + std::string(type) + "), got " + describe(n));
}

std::int64_t json_int64(const Json& n, std::string_view type, std::string_view path) {
  const std::string* s = n.is_string() ? n.get_ptr<const std::string*>() : nullptr;
  if (s == nullptr || !decimal(*s, true)) throw invalid(path, "expected a decimal string (" + std::string(type) + "), got " + describe(n));
  bool negative = s->front() == '-';
  std::uint64_t m = 0;
  std::uint64_t limit = negative ? (std::uint64_t{1} << 63) : (std::uint64_t{1} << 63) - 1;
  if (!magnitude(std::string_view(*s).substr(negative ? 1 : 0), limit, m)) throw invalid(path, *s + " is outside the range of " + std::string(type));
  if (!negative) return static_cast<std::int64_t>(m);
  return m == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(m);
}

std::uint64_t json_uint64(const Json& n, std::string_view path) {
  const std::string* s = n.is_string() ? n.get_ptr<const std::string*>() : nullptr;
  if (s == nullptr || !decimal(*s, false)) throw invalid(path, "expected a decimal string (uint64), got " + describe(n));
  std::uint64_t m = 0;
  if (!magnitude(*s, std::numeric_limits<std::uint64_t>::max(), m)) throw invalid(path, *s + " is outside the range of uint64");
  return m;
}

double json_float64(const Json& n, std::string_view path) {
  if (!n.is_number()) throw invalid(path, "expected a finite number, got " + describe(n));
  auto d = n.get<double>();
  if (!std::isfinite(d)) throw invalid(path, "expected a finite number, got " + describe(n));
  return d;
}

float json_float32(const Json& n, std::string_view path) {
  double d = json_float64(n, path);
  auto f = static_cast<float>(d);
  if (std::isinf(f)) throw invalid(path, number_text(d) + " is outside the range of float32");
  return f;
}

const std::string& json_string(const Json& n, std::string_view path) {
  if (!n.is_string()) throw invalid(path, "expected a string, got " + describe(n));
  return *n.get_ptr<const std::string*>();
}

std::vector<std::uint8_t> json_base64(const Json& n, std::string_view path) {
  const std::string& s = json_string(n, path);
  std::size_t pad = s.ends_with("==") ? 2 : s.ends_with("=") ? 1 : 0;
  bool ok = s.size() % 4 == 0;
  std::vector<std::uint8_t> out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; ok && i < s.size() - pad; ++i) {
    int v = sextet(s[i]);
    if (v < 0) {
      ok = false;
      break;
    }
    buffer = ((buffer << 6) | static_cast<unsigned>(v)) & 0xFFFFFFu;
    bits += 6;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFFu));
      bits -= 8;
    }
  }
  if (!ok || base64(out) != s) throw invalid(path, "expected canonical base64 (padded, unused bits zero), got " + describe(n));
  return out;
}

const std::string& json_enum_name(const Json& n, std::string_view enum_name, std::string_view path) {
  if (!n.is_string()) throw invalid(path, "expected a name of enum " + std::string(enum_name) + ", got " + describe(n));
  return *n.get_ptr<const std::string*>();
}

WireError json_bad_enum(std::string_view path, std::string_view name, std::string_view enum_name) {
  return invalid(path, "\"" + std::string(name) + "\" is not a value of enum " + std::string(enum_name));
}

std::string base64(std::span<const std::uint8_t> bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int k = 3; k >= 0; --k) out.push_back(kAlphabet[(v >> (6 * k)) & 0x3F]);
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    unsigned v = unsigned{bytes[i]} << 16;
    out += {kAlphabet[(v >> 18) & 0x3F], kAlphabet[(v >> 12) & 0x3F], '=', '='};
  } else if (rest == 2) {
    unsigned v = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8);
    out += {kAlphabet[(v >> 18) & 0x3F], kAlphabet[(v >> 12) & 0x3F], kAlphabet[(v >> 6) & 0x3F], '='};
  }
  return out;
}

Json json_number(double v) { return Json(v); }

}  // namespace detail
}  // namespace PROTOFORGE_NS
